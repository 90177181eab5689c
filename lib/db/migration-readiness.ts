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

/** `query` runs SQL on the caller's pool. Throws when the server named no migrations (it did not start them). */
export const migrationReadiness = async (
  query: (sql: string) => Promise<AppliedRow[]>,
): Promise<MigrationReadiness> => {
  const expected = slot[key];
  if (!expected) throw new Error("No migrations were named at startup: start the server with `tillpoint start`.");
  const rows = await query("SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations").catch(
    (error: unknown) => {
      // No history table at all: nothing is applied (a database never migrated).
      if (error instanceof Error && /_prisma_migrations/.test(error.message)) return [];
      throw error;
    },
  );
  const finished = new Set(
    rows.filter((row) => row.finished_at && !row.rolled_back_at).map((row) => row.migration_name),
  );
  return {
    applied: expected.filter((name) => finished.has(name)).length,
    missing: expected.filter((name) => !finished.has(name)),
  };
};
