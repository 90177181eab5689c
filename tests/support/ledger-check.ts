import pg from "pg";

// After a whole API run: every connection's balance columns equal the sums of its ledger entries (the ledger is
// the truth; a trigger keeps the columns with each entry), the metered requests' daily sums equal the requests
// they sum, and what each wallet paid for its requests is what its usage entries debited plus the fraction carried
// (the wallet dialect is USD: cents, and 10^-12 dollars carried).

export const checkLedger = async (databaseUrl: string) => {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows: drifted } = await client.query<{ id: string }>(`
      SELECT c.id FROM connections c
      LEFT JOIN (
        SELECT connection_id,
          COALESCE(sum(amount) FILTER (WHERE account = 'wallet'), 0) AS wallet,
          COALESCE(sum(amount) FILTER (WHERE account = 'cycle_credit'), 0) AS cycle_credit,
          COALESCE(sum(amount) FILTER (WHERE account = 'bundle_credit'), 0) AS bundle_credit
        FROM ledger_entries GROUP BY connection_id
      ) s ON s.connection_id = c.id
      WHERE c.wallet_balance <> COALESCE(s.wallet, 0) OR c.cycle_credit_balance <> COALESCE(s.cycle_credit, 0)
        OR c.bundle_credit_balance <> COALESCE(s.bundle_credit, 0)`);
    const { rows: days } = await client.query<{ day: string }>(`
      SELECT COALESCE(d.day, r.day)::text AS day FROM usage_days d
      FULL JOIN (
        SELECT merchant_id, mode, (created_at AT TIME ZONE 'UTC')::date AS day, connection_id, meter_id,
          count(*) AS requests, sum(input_tokens + output_tokens) AS tokens, sum(input_cost + output_cost) AS usage_cost,
          sum(fee_amount) AS fee_amount, sum(service_charge) AS service_charge, sum(wallet_cost) AS wallet_cost,
          sum(merchant_cost) AS merchant_cost
        FROM metered_requests GROUP BY 1, 2, 3, 4, 5
      ) r USING (merchant_id, mode, day, connection_id, meter_id)
      WHERE (d.requests, d.tokens, d.usage_cost, d.fee_amount, d.service_charge, d.wallet_cost, d.merchant_cost)
        IS DISTINCT FROM (r.requests, r.tokens, r.usage_cost, r.fee_amount, r.service_charge, r.wallet_cost,
          r.merchant_cost)`);
    // What the wallet paid for its requests is what their usage entries debited (cents) plus the fraction carried.
    const { rows: unpaid } = await client.query<{ id: string }>(`
      SELECT c.id FROM connections c
      JOIN (SELECT connection_id, sum(wallet_cost) AS cost FROM metered_requests GROUP BY 1) r ON r.connection_id = c.id
      LEFT JOIN (
        SELECT connection_id, -sum(amount) AS debited FROM ledger_entries WHERE reason = 'usage' GROUP BY 1
      ) l ON l.connection_id = c.id
      WHERE r.cost <> COALESCE(l.debited, 0) / 100.0 + c.usage_remainder / 1e12`);
    const { rows: counted } = await client.query<{ connections: number; requests: number }>(
      "SELECT (SELECT count(*)::int FROM connections) AS connections, (SELECT count(*)::int FROM metered_requests) AS requests",
    );
    return {
      findings: [
        ...drifted.map((row) => `connection ${row.id}: its balance columns are not the sums of its ledger entries`),
        ...days.map((row) => `usage_days of ${row.day}: not the sums of that day's metered requests`),
        ...unpaid.map(
          (row) => `connection ${row.id}: its usage debits and carried fraction are not its requests' cost`,
        ),
      ],
      ...counted[0],
    };
  } finally {
    await client.end();
  }
};
