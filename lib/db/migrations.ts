import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

// Applies prisma/migrations exactly as `prisma migrate deploy` does, without
// Prisma's native schema engine (which cannot be downloaded offline): the same
// `_prisma_migrations` table, the same SHA-256 checksums, the same advisory
// lock key, so the Prisma CLI reads this history as its own on a machine with
// internet access.

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, "../../prisma/migrations");

// Prisma's advisory lock key: instances migrating at once (ours or Prisma's
// CLI) queue behind one another and each migration runs once.
const PRISMA_ADVISORY_LOCK = 72707369;

const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export type MigrationFile = { name: string; sql: string; checksum: string };

export const listMigrationFiles = (dir = MIGRATIONS_DIR): MigrationFile[] =>
  (fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }) : [])
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: crypto.createHash("sha256").update(sql).digest("hex") };
    });

type AppliedRow = {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  logs: string | null;
};

export type MigrationStatus = {
  applied: string[];
  pending: string[];
  /** Started but never finished: blocks every later deploy until resolved. */
  failed: { name: string; logs: string | null }[];
  /** Applied, but the file changed since. */
  modified: string[];
  /** Recorded in the database, missing from the folder. */
  unknown: string[];
};

const readApplied = async (client: pg.ClientBase): Promise<AppliedRow[]> => {
  const { rows } = await client.query<{ exists: boolean }>(
    "SELECT to_regclass('_prisma_migrations') IS NOT NULL AS exists",
  );
  if (!rows[0]?.exists) return [];
  const result = await client.query<AppliedRow>(
    "SELECT migration_name, checksum, finished_at, rolled_back_at, logs FROM _prisma_migrations ORDER BY started_at",
  );
  return result.rows;
};

const statusOf = (files: MigrationFile[], rows: AppliedRow[]): MigrationStatus => {
  const live = rows.filter((row) => row.rolled_back_at === null);
  const finished = new Map(live.filter((row) => row.finished_at).map((row) => [row.migration_name, row]));
  const names = new Set(files.map((file) => file.name));
  return {
    applied: files.filter((file) => finished.has(file.name)).map((file) => file.name),
    pending: files.filter((file) => !finished.has(file.name)).map((file) => file.name),
    failed: live.filter((row) => !row.finished_at).map((row) => ({ name: row.migration_name, logs: row.logs })),
    modified: files
      .filter((file) => {
        const row = finished.get(file.name);
        return row !== undefined && row.checksum !== file.checksum;
      })
      .map((file) => file.name),
    unknown: [...finished.keys()].filter((name) => !names.has(name)),
  };
};

export const migrationStatus = async (connectionString: string, dir = MIGRATIONS_DIR): Promise<MigrationStatus> => {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return statusOf(listMigrationFiles(dir), await readApplied(client));
  } finally {
    await client.end();
  }
};

export class MigrationError extends Error {}

/** Applies every pending migration in order; returns the names applied by this call. */
export const applyMigrations = async (
  connectionString: string,
  { dir = MIGRATIONS_DIR, log = () => {} }: { dir?: string; log?: (line: string) => void } = {},
): Promise<string[]> => {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_ADVISORY_LOCK]);
    await client.query(CREATE_MIGRATIONS_TABLE);
    const status = statusOf(listMigrationFiles(dir), await readApplied(client));
    const [failed] = status.failed;
    if (failed) {
      throw new MigrationError(
        `Migration ${failed.name} failed earlier and blocks the others. Fix the database by hand, then mark it ` +
          `rolled back (npx prisma migrate resolve --rolled-back ${failed.name}) and start again.\n${failed.logs ?? ""}`,
      );
    }
    for (const name of status.modified) log(`Warning: migration ${name} was edited after it was applied.`);

    const applied: string[] = [];
    for (const file of listMigrationFiles(dir).filter((file) => status.pending.includes(file.name))) {
      const id = crypto.randomUUID();
      await client.query(
        "INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)",
        [id, file.checksum, file.name],
      );
      try {
        // One simple-protocol query runs the whole script as one implicit
        // transaction: a failure rolls all of it back (splitting on ";" would not).
        await client.query(file.sql);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await client.query("UPDATE _prisma_migrations SET logs = $2 WHERE id = $1", [id, message]);
        throw new MigrationError(`Migration ${file.name} failed: ${message}`);
      }
      await client.query("UPDATE _prisma_migrations SET finished_at = now(), applied_steps_count = 1 WHERE id = $1", [
        id,
      ]);
      log(`Applied migration ${file.name}`);
      applied.push(file.name);
    }
    return applied;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_ADVISORY_LOCK]).catch(() => {});
    await client.end();
  }
};
