import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import { SNAPSHOT_PATH } from "@/lib/db/create-migration";
import { listMigrationFiles, MIGRATIONS_DIR } from "@/lib/db/migrations";

describe("prisma/migrations", () => {
  test("the schema has no change without its migration (run `npm run db:new -- <name>`)", () => {
    const schema = fs.readFileSync(path.join(MIGRATIONS_DIR, "..", "schema.prisma"), "utf8");
    assert.equal(fs.readFileSync(SNAPSHOT_PATH, "utf8"), schema);
  });

  test("migrations are named <timestamp>_<name> and ordered", () => {
    const names = listMigrationFiles().map((file) => file.name);
    assert.ok(names.length >= 1);
    for (const name of names) assert.match(name, /^\d{14}_[a-z0-9_]+$/);
    assert.deepEqual([...names].sort(), names);
    assert.match(fs.readFileSync(path.join(MIGRATIONS_DIR, "migration_lock.toml"), "utf8"), /provider = "postgresql"/);
  });
});
