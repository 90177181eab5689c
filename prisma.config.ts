import path from "node:path";
import { defineConfig } from "prisma/config";

// The Prisma CLI insists on a native schema engine before `generate`, and
// downloading one fails offline. Generation never runs it, so any existing
// file satisfies the check. Migrations go through lib/db/migrations.ts.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(import.meta.dirname, "prisma", "schema-engine.stub");

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/tillpoint" },
});
