import pg from "pg";
import { ulid } from "ulid";
import { ID_PREFIXES } from "@/lib/ids";
import { randomXpub } from "@/tests/support/crypto";
import type { Dialect } from "./dialects";

// Growth: the bench merchant's history grows to N sessions per dialect by bulk
// insert (copies of a session the API created, as settled history: expired,
// one second apart going back from now), so that a query or an index that
// does not scale shows as a ratio of p50s between sizes.

const BATCH = 10_000;

/** Copies of the template row, with the columns that must differ computed per row. */
const OVERRIDES: Record<Dialect["table"], (n: string) => Record<string, string>> = {
  wallet_checkout_sessions: () => ({
    id: "g.id",
    secret: "'bench_' || g.id",
    status: "'expired'",
    created_at: "g.created_at",
    expires_at: "g.created_at + interval '1 hour'",
    completed_at: "NULL",
  }),
  crypto_checkout_sessions: (n) => ({
    id: "g.id",
    secret: "'bench_' || g.id",
    status: "'expired'",
    account_id: "$4",
    derivation_index: `$5 + ${n}`,
    address: `'0x' || lpad(to_hex($5 + ${n}), 40, '0')`,
    created_at: "g.created_at",
    updated_at: "g.created_at",
    expires_at: "g.created_at + interval '1 hour'",
    completed_at: "NULL",
  }),
  card_sessions: () => ({
    id: "gen_random_uuid()",
    secret: "'bench_' || g.id",
    status: "'EXPIRED'",
    created_at: "g.created_at",
    updated_at: "g.created_at",
    expires_at: "g.created_at + interval '1 hour'",
    completed_at: "NULL",
  }),
};

const ID_PREFIX: Record<Dialect["table"], string> = {
  wallet_checkout_sessions: `${ID_PREFIXES.walletCheckoutSession}_test_`,
  crypto_checkout_sessions: `${ID_PREFIXES.cryptoCheckoutSession}_`,
  card_sessions: "",
};

const withClient = async <T>(databaseUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};

const columnsOf = async (client: pg.Client, table: string) =>
  (
    await client.query<{ column_name: string }>(
      "SELECT column_name FROM information_schema.columns WHERE table_name = $1 AND table_schema = current_schema() ORDER BY ordinal_position",
      [table],
    )
  ).rows.map((row) => row.column_name);

/** How many rows the merchant's table lacks to hold `target`, and its oldest row's time (copies go before it). */
const shortOf = async (client: pg.Client, table: string, merchantId: string, target: number) => {
  const {
    rows: [stats],
  } = await client.query<{ count: string; oldest: Date }>(
    `SELECT count(*) AS count, min(created_at) AS oldest FROM ${table} WHERE merchant_id = $1`,
    [merchantId],
  );
  return { missing: target - Number(stats.count), oldest: stats.oldest };
};

/** Crypto copies get addresses of their own account, so the live account's next index is untouched. */
const archiveAccount = async (client: pg.Client, merchantId: string) => {
  const existing = await client.query<{ id: string }>(
    "SELECT id FROM crypto_accounts WHERE merchant_id = $1 AND xpub LIKE 'bench-archive:%'",
    [merchantId],
  );
  if (existing.rows[0]) return existing.rows[0].id;
  const id = `${ID_PREFIXES.cryptoAccount}_${ulid()}`;
  await client.query(
    "INSERT INTO crypto_accounts (id, merchant_id, mode, xpub, retired_at) VALUES ($1, $2, 'test', $3, now())",
    [id, merchantId, `bench-archive:${randomXpub()}`],
  );
  return id;
};

/**
 * Inserts copies of the merchant's newest session of this dialect until it has
 * `target` sessions; each copy is older than every session before it. Returns
 * how many rows were added.
 */
export const growSessions = (
  databaseUrl: string,
  merchantId: string,
  dialect: Dialect,
  target: number,
): Promise<number> =>
  withClient(databaseUrl, async (client) => {
    const table = dialect.table;
    const { missing, oldest: stored } = await shortOf(client, table, merchantId, target);
    if (missing <= 0) return 0;
    const {
      rows: [template],
    } = await client.query<{ id: string }>(
      `SELECT id FROM ${table} WHERE merchant_id = $1 AND secret NOT LIKE 'bench\\_%' ORDER BY created_at DESC LIMIT 1`,
      [merchantId],
    );
    if (!template) throw new Error(`No ${dialect.label} session to copy: the API runs create them first.`);
    const account = table === "crypto_checkout_sessions" ? await archiveAccount(client, merchantId) : undefined;

    const overrides = OVERRIDES[table]("(g.n - 1)");
    const columns = await columnsOf(client, table);
    const select = columns.map((column) => overrides[column] ?? `t.${column}`).join(", ");
    const sql = `INSERT INTO ${table} (${columns.join(", ")})
      SELECT ${select}
      FROM ${table} t, unnest($1::text[], $2::timestamptz[]) WITH ORDINALITY AS g(id, created_at, n)
      WHERE t.id = $3`;

    let oldest = stored.getTime();
    let nextIndex = account
      ? (
          await client.query<{ next: number }>(
            "SELECT coalesce(max(derivation_index) + 1, 0) AS next FROM crypto_checkout_sessions WHERE account_id = $1",
            [account],
          )
        ).rows[0].next
      : 0;
    for (let done = 0; done < missing; done += BATCH) {
      const size = Math.min(BATCH, missing - done);
      const createdAt = Array.from({ length: size }, (_, i) => new Date(oldest - (i + 1) * 1000));
      const ids = createdAt.map((time) => `${ID_PREFIX[table]}${ulid(time.getTime())}`);
      await client.query(
        sql,
        account ? [ids, createdAt, template.id, account, nextIndex] : [ids, createdAt, template.id],
      );
      nextIndex += size;
      oldest = createdAt[createdAt.length - 1].getTime();
    }
    // What autovacuum would do soon anyway, done now so it does not run during
    // the measurement: statistics for the planner, and the visibility map
    // that lets index-only scans (counts) skip the table.
    await client.query(`VACUUM (ANALYZE) ${table}`);
    return missing;
  });

/** Random sessions of the whole table, old and new, so GETs do not only hit recent pages. */
export const sampleSessionIds = (databaseUrl: string, merchantId: string, dialect: Dialect, size: number) =>
  withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ id: string }>(
      `SELECT id::text AS id FROM ${dialect.table} WHERE merchant_id = $1 ORDER BY random() LIMIT $2`,
      [merchantId, size],
    );
    return rows.map((row) => row.id);
  });

/** Writes the bulk inserts out now rather than during the measurement (needs a superuser; skipped otherwise). */
export const checkpoint = (databaseUrl: string) =>
  withClient(databaseUrl, async (client) => {
    try {
      await client.query("CHECKPOINT");
    } catch (error) {
      console.warn(`[bench] no CHECKPOINT after the inserts: ${(error as Error).message}`);
    }
  });

/**
 * Metered requests: copies of the merchant's newest request until it has `target`, each older than every one
 * before it (one second apart), then the daily sums rebuilt from them, as the requests would have written them.
 */
export const growRequests = (databaseUrl: string, merchantId: string, target: number): Promise<number> =>
  withClient(databaseUrl, async (client) => {
    const { missing, oldest: stored } = await shortOf(client, "metered_requests", merchantId, target);
    if (missing <= 0) return 0;
    const {
      rows: [template],
    } = await client.query<{ id: string }>(
      "SELECT id FROM metered_requests WHERE merchant_id = $1 ORDER BY created_at DESC LIMIT 1",
      [merchantId],
    );
    if (!template) throw new Error("No metered request to copy: the API runs create them first.");
    const overrides: Record<string, string> = {
      id: "g.id",
      request_id: "'bench-growth-' || g.id",
      created_at: "g.created_at",
    };
    const columns = await columnsOf(client, "metered_requests");
    const select = columns.map((column) => overrides[column] ?? `t.${column}`).join(", ");
    const sql = `INSERT INTO metered_requests (${columns.join(", ")})
      SELECT ${select}
      FROM metered_requests t, unnest($1::text[], $2::timestamptz[]) AS g(id, created_at)
      WHERE t.id = $3`;
    let oldest = stored.getTime();
    for (let done = 0; done < missing; done += BATCH) {
      const size = Math.min(BATCH, missing - done);
      const createdAt = Array.from({ length: size }, (_, i) => new Date(oldest - (i + 1) * 1000));
      const ids = createdAt.map((time) => `${ID_PREFIXES.meteredRequest}_${ulid(time.getTime())}`);
      await client.query(sql, [ids, createdAt, template.id]);
      oldest = createdAt[createdAt.length - 1].getTime();
    }
    await client.query("DELETE FROM usage_days WHERE merchant_id = $1", [merchantId]);
    await client.query(
      `INSERT INTO usage_days (merchant_id, mode, day, connection_id, meter_id, requests, tokens, usage_cost, fee_amount,
         service_charge, wallet_cost, merchant_cost)
       SELECT merchant_id, mode, (created_at AT TIME ZONE 'UTC')::date, connection_id, meter_id, count(*),
         sum(input_tokens + output_tokens), sum(input_cost + output_cost), sum(fee_amount), sum(service_charge),
         sum(wallet_cost), sum(merchant_cost)
       FROM metered_requests WHERE merchant_id = $1 GROUP BY 1, 2, 3, 4, 5`,
      [merchantId],
    );
    await client.query("VACUUM (ANALYZE) metered_requests");
    await client.query("VACUUM (ANALYZE) usage_days");
    return missing;
  });

/** Random metered requests' request_ids of the whole table. */
export const sampleRequestIds = (databaseUrl: string, merchantId: string, size: number) =>
  withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ request_id: string }>(
      "SELECT request_id FROM metered_requests WHERE merchant_id = $1 ORDER BY random() LIMIT $2",
      [merchantId, size],
    );
    return rows.map((row) => row.request_id);
  });
