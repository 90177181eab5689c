import pg from "pg";

// After a full API run: every text, array and JSON column of every table is
// searched for a secret in plaintext. API keys are stored as hashes, JWTs
// never, signing secrets sealed, and answers that mint one are not kept for
// idempotent replays.
export const SECRET_PATTERNS = {
  "an API key": "sk_(test|live)_[A-Za-z0-9_-]{20,}",
  "a JWT": "eyJ[A-Za-z0-9_-]+\\.eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+",
  "a webhook signing secret": "whsec_[A-Za-z0-9+/=]{20,}",
};

export type SecretsScan = { findings: string[]; columns: number; minted: Record<string, number> };

export const scanForPlaintextSecrets = async (databaseUrl: string): Promise<SecretsScan> => {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows: columns } = await client.query<{ table: string; column: string }>(
      `SELECT table_name AS table, column_name AS column FROM information_schema.columns
        WHERE table_schema = current_schema()
          AND data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY')`,
    );
    const findings: string[] = [];
    for (const { table, column } of columns) {
      for (const [what, pattern] of Object.entries(SECRET_PATTERNS)) {
        const { rows } = await client.query<{ count: string }>(
          `SELECT count(*) FROM "${table}" WHERE "${column}"::text ~ $1`,
          [pattern],
        );
        if (Number(rows[0].count) > 0) findings.push(`${table}.${column}: ${rows[0].count} row(s) hold ${what}`);
      }
    }
    // Secrets that must be read back are sealed, every one of them (random keys match no pattern above).
    for (const [column, sql] of [
      ["server_secrets.value", "SELECT count(*) AS n FROM server_secrets WHERE value NOT LIKE 'enc:v1:%'"],
      ["webhook_endpoints.secret", "SELECT count(*) AS n FROM webhook_endpoints WHERE secret NOT LIKE 'enc:v1:%'"],
      [
        "webhook_endpoints.previous_secret",
        "SELECT count(*) AS n FROM webhook_endpoints WHERE previous_secret NOT LIKE 'enc:v1:%'",
      ],
    ]) {
      const unsealed = Number((await client.query<{ n: string }>(sql)).rows[0].n);
      if (unsealed > 0) findings.push(`${column}: ${unsealed} row(s) not sealed`);
    }
    // The scan means something only if the run minted secrets of every kind.
    const count = async (sql: string) => Number((await client.query<{ n: string }>(sql)).rows[0].n);
    const minted = {
      "API keys": await count("SELECT count(*) AS n FROM api_keys"),
      "webhook endpoints": await count("SELECT count(*) AS n FROM webhook_endpoints"),
      "rotated signing secrets": await count(
        "SELECT count(*) AS n FROM webhook_endpoints WHERE previous_secret IS NOT NULL",
      ),
      "secret-minting answers withheld from replay": await count(
        "SELECT count(*) AS n FROM idempotency_keys WHERE secret_withheld",
      ),
      "JWT signing keys": await count("SELECT count(*) AS n FROM server_secrets WHERE name = 'jwt_signing_key'"),
    };
    return { findings, columns: columns.length, minted };
  } finally {
    await client.end();
  }
};
