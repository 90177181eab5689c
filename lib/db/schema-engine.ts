import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { DiagnoseMigrationHistoryOutput, DiffParams, DiffResult, MigrationList } from "@prisma/schema-engine-wasm";
import { listMigrationFiles, MIGRATIONS_DIR } from "./migrations";

// Prisma's schema engine compiled to WebAssembly: the exact build of our
// Prisma version, used where the native engine (a download) would be.
export type SchemaEngine = {
  diff: (params: DiffParams) => Promise<DiffResult>;
  diagnoseMigrationHistory: (input: {
    migrationsList: MigrationList;
    optInToShadowDatabase: boolean;
    filters: DiffParams["filters"];
  }) => Promise<DiagnoseMigrationHistoryOutput>;
};

type Bindings = WebAssembly.ModuleImports & {
  __wbg_set_wasm: (exports: WebAssembly.Exports) => void;
  SchemaEngine: { new: (options: unknown, log: (line: string) => void, adapter: unknown) => Promise<SchemaEngine> };
};

let bindings: Promise<Bindings> | undefined;

// The package is built for bundlers (`import "./x.wasm"`); Node needs the
// module instantiated by hand, once per process, as Prisma's own CLI does.
const loadBindings = () => {
  bindings ??= (async () => {
    const module = (await import("@prisma/schema-engine-wasm/schema_engine_bg")) as unknown as Bindings;
    const require = createRequire(import.meta.url);
    const wasmFile = require
      .resolve("@prisma/schema-engine-wasm")
      .replace(/schema_engine\.js$/, "schema_engine_bg.wasm");
    const { instance } = await WebAssembly.instantiate(fs.readFileSync(wasmFile), { "./schema_engine_bg.js": module });
    module.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return module;
  })();
  return bindings;
};

export const NO_FILTERS = { externalTables: [], externalEnums: [] };

/** An engine connected to `connectionString` (it insists on a connection even for a schema-to-schema diff). */
export const loadSchemaEngine = async (connectionString: string, schema: string): Promise<SchemaEngine> => {
  const { SchemaEngine } = await loadBindings();
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString }));
  return SchemaEngine.new({ datamodels: [["schema.prisma", schema]] }, () => {}, adapter);
};

/** prisma/migrations in the shape the engine reads it from disk. */
export const migrationList = (dir = MIGRATIONS_DIR): MigrationList => {
  const lockfile = path.join(dir, "migration_lock.toml");
  return {
    baseDir: dir,
    lockfile: {
      path: "migration_lock.toml",
      content: fs.existsSync(lockfile) ? fs.readFileSync(lockfile, "utf8") : null,
    },
    shadowDbInitScript: "",
    migrationDirectories: listMigrationFiles(dir).map((file) => ({
      path: file.name,
      migrationFile: { path: "migration.sql", content: { tag: "ok", value: file.sql } },
    })),
  };
};
