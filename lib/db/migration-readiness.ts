// What `GET /api/health/ready` checks: every migration of this code applied
// to the database, none failed. The HTTP server (lib/server/start-server.ts)
// names them, having read prisma/migrations by its own path: inside Next's
// server bundle a module does not know where the folder is.

const slot = globalThis as { [key: symbol]: string[] | undefined };
const key = Symbol.for("tillpoint.migrations");

/** Called once at startup with the names of prisma/migrations' folders. */
export const expectMigrations = (names: string[]) => {
  slot[key] = [...names];
};

type AppliedRow = { migration_name: string; finished_at: Date | null; rolled_back_at: Date | null };

export type MigrationReadiness = { applied: number; missing: string[] };

export class MigrationsUnnamedError extends Error {
  constructor() {
    super("No migrations were named at startup: start the server with `tillpoint start`.");
  }
}

/** `query` runs SQL on the caller's pool. Throws MigrationsUnnamedError when the server named none. */
export const migrationReadiness = async (query: <Row>(sql: string) => Promise<Row[]>): Promise<MigrationReadiness> => {
  const expected = slot[key];
  if (!expected) throw new MigrationsUnnamedError();
  const [history] = await query<{ exists: boolean }>("SELECT to_regclass('_prisma_migrations') IS NOT NULL AS exists");
  // No history table at all: nothing is applied (a database never migrated).
  const rows = history?.exists
    ? await query<AppliedRow>("SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations")
    : [];
  const finished = new Set(
    rows.filter((row) => row.finished_at && !row.rolled_back_at).map((row) => row.migration_name),
  );
  return {
    applied: expected.filter((name) => finished.has(name)).length,
    missing: expected.filter((name) => !finished.has(name)),
  };
};
