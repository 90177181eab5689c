import pg from "pg";

// After a whole API run: every connection's balance columns equal the sums of its ledger entries (the ledger is
// the truth; lib/wallet/append-ledger-entry.ts keeps the columns with each entry), and the metered requests'
// daily sums equal the requests they sum.

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
      SELECT d.day::text AS day FROM usage_days d
      LEFT JOIN (
        SELECT merchant_id, mode, (created_at AT TIME ZONE 'UTC')::date AS day, connection_id, meter_id,
          count(*) AS requests, sum(wallet_cost) AS wallet_cost, sum(fee_amount) AS fee_amount
        FROM metered_requests GROUP BY 1, 2, 3, 4, 5
      ) r USING (merchant_id, mode, day, connection_id, meter_id)
      WHERE r.requests IS DISTINCT FROM d.requests OR r.wallet_cost IS DISTINCT FROM d.wallet_cost
        OR r.fee_amount IS DISTINCT FROM d.fee_amount`);
    const { rows: counted } = await client.query<{ connections: number; requests: number }>(
      "SELECT (SELECT count(*)::int FROM connections) AS connections, (SELECT count(*)::int FROM metered_requests) AS requests",
    );
    return {
      findings: [
        ...drifted.map((row) => `connection ${row.id}: its balance columns are not the sums of its ledger entries`),
        ...days.map((row) => `usage_days of ${row.day}: not the sums of that day's metered requests`),
      ],
      ...counted[0],
    };
  } finally {
    await client.end();
  }
};
