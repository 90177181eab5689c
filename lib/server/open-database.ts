import { type EmbeddedPostgres, startEmbeddedPostgres, urlOfRunningEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { applyMigrations } from "@/lib/db/migrations";
import { env } from "@/lib/env";

export type OpenDatabase = { url: string; embedded?: EmbeddedPostgres; close: () => Promise<void> };

type Options = {
  owner: "server" | "cli";
  /** Apply pending migrations before returning (default true). */
  migrate?: boolean;
  log?: (line: string) => void;
};

/**
 * The database this process should use: DATABASE_URL when set; otherwise the
 * embedded one in DATA_DIR: the running server's if there is one (the CLI
 * works beside it), or one started here and stopped by `close()`.
 */
export const openDatabase = async ({ owner, migrate = true, log = () => {} }: Options): Promise<OpenDatabase> => {
  const { databaseUrl, dataDir } = env();
  let url = databaseUrl ?? (owner === "cli" ? urlOfRunningEmbeddedPostgres(dataDir) : undefined);
  let embedded: EmbeddedPostgres | undefined;
  if (!url) {
    embedded = await startEmbeddedPostgres({ dataDir, owner, log });
    url = embedded.url;
  }
  try {
    if (migrate) await applyMigrations(url, { log });
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  return { url, embedded, close: async () => embedded?.stop() };
};
