import assert from "node:assert/strict";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import pg from "pg";
import { createMigration } from "@/lib/db/create-migration";
import { applyMigrations, listMigrationFiles, MigrationError, migrationStatus } from "@/lib/db/migrations";
import { loadSchemaEngine, migrationList, NO_FILTERS } from "@/lib/db/schema-engine";
import { PROJECT_ROOT } from "../support/server";

// Runs on the test server's PostgreSQL (embedded or real), each case in a
// database of its own.
const serverUrl = process.env.TEST_SERVER_DATABASE_URL as string;
const created: string[] = [];

const withDatabaseName = (url: string, name: string) => {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
};

const admin = async <T>(work: (client: pg.Client) => Promise<T>) => {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};

const scratchDatabase = async () => {
  const name = `tp_migrations_${crypto.randomBytes(4).toString("hex")}`;
  await admin((client) => client.query(`CREATE DATABASE ${name}`));
  created.push(name);
  return withDatabaseName(serverUrl, name);
};

const query = async (url: string, sql: string) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
};

after(() =>
  admin(async (client) => {
    for (const name of created) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }),
);

describe("offline migrations (prisma migrate deploy compatible)", () => {
  test("three instances migrating at once apply each migration exactly once", async () => {
    const url = await scratchDatabase();
    const results = await Promise.all([applyMigrations(url), applyMigrations(url), applyMigrations(url)]);
    const files = listMigrationFiles();
    assert.deepEqual(results.flat().sort(), files.map((file) => file.name).sort());

    const rows = await query(
      url,
      "SELECT migration_name, checksum, finished_at, logs, applied_steps_count, rolled_back_at FROM _prisma_migrations",
    );
    assert.equal(rows.length, files.length);
    for (const file of files) {
      const row = rows.find((candidate) => candidate.migration_name === file.name);
      assert.ok(row, file.name);
      assert.equal(row.checksum, crypto.createHash("sha256").update(file.sql).digest("hex"));
      assert.ok(row.finished_at);
      assert.equal(row.applied_steps_count, 1);
      assert.equal(row.logs, null);
      assert.equal(row.rolled_back_at, null);
    }
    const status = await migrationStatus(url);
    assert.deepEqual(status.pending, []);
    assert.deepEqual(status.failed, []);
    assert.deepEqual(await applyMigrations(url), [], "a second deploy has nothing to do");
  });

  test("Prisma's own engine reads the recorded history as complete and unedited", async () => {
    const url = await scratchDatabase();
    await applyMigrations(url);
    const schema = fs.readFileSync(path.join(PROJECT_ROOT, "prisma", "schema.prisma"), "utf8");
    const engine = await loadSchemaEngine(url, schema);
    const diagnose = () =>
      engine.diagnoseMigrationHistory({
        migrationsList: migrationList(),
        optInToShadowDatabase: false,
        filters: NO_FILTERS,
      });

    const verdict = await diagnose();
    assert.equal(verdict.hasMigrationsTable, true);
    assert.equal(verdict.history, null, JSON.stringify(verdict.history));
    assert.deepEqual(verdict.failedMigrationNames, []);
    assert.deepEqual(verdict.editedMigrationNames, []);

    // The control: a wrong checksum is exactly what Prisma calls an edited migration.
    const [first] = listMigrationFiles();
    await query(url, `UPDATE _prisma_migrations SET checksum = repeat('0', 64) WHERE migration_name = '${first.name}'`);
    assert.deepEqual((await diagnose()).editedMigrationNames, [first.name]);
  });

  test("db:new writes the first migration, nothing for an unchanged schema, then only the change", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tp-new-migration-"));
    try {
      const schemaPath = path.join(dir, "schema.prisma");
      const migrations = path.join(dir, "migrations");
      fs.copyFileSync(path.join(PROJECT_ROOT, "prisma", "schema.prisma"), schemaPath);

      const init = await createMigration(serverUrl, "init", { dir: migrations, schemaPath });
      assert.match(init?.name ?? "", /^\d{14}_init$/);
      assert.match(init?.sql ?? "", /CREATE TABLE "merchants"/);
      assert.equal(await createMigration(serverUrl, "nothing", { dir: migrations, schemaPath }), undefined);

      fs.appendFileSync(schemaPath, "\nmodel Widget {\n  id String @id\n}\n");
      // Made within the same second as "init", it must still sort after it.
      const change = await createMigration(serverUrl, "add_widget", { dir: migrations, schemaPath });
      assert.match(change?.sql ?? "", /CREATE TABLE "Widget"/);
      assert.doesNotMatch(change?.sql ?? "", /merchants/);
      assert.ok((change?.name ?? "") > (init?.name ?? ""), `${change?.name} runs after ${init?.name}`);

      const url = await scratchDatabase();
      assert.deepEqual(await applyMigrations(url, { dir: migrations }), [init?.name, change?.name]);
      assert.deepEqual(await query(url, 'SELECT count(*)::int AS n FROM "Widget"'), [{ n: 0 }]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  describe("a failing migration", () => {
    let dir: string;
    before(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "tp-migrations-"));
      const write = (name: string, sql: string) => {
        fs.mkdirSync(path.join(dir, name));
        fs.writeFileSync(path.join(dir, name, "migration.sql"), sql);
      };
      write("20200101000000_good", "CREATE TABLE good (id int);");
      // A default holding ";" as well: the script must run whole, not split on semicolons.
      write("20200102000000_bad", "CREATE TABLE half (note text DEFAULT 'a;b');\nSELECT * FROM no_such_table;");
      write("20200103000000_later", "CREATE TABLE later (id int);");
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    test("rolls back completely, is recorded unfinished, and blocks later deploys", async () => {
      const url = await scratchDatabase();
      await assert.rejects(applyMigrations(url, { dir }), (error) => {
        assert.ok(error instanceof MigrationError);
        assert.match(error.message, /20200102000000_bad failed/);
        return true;
      });
      const tables = (await query(url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).map(
        (row) => row.tablename,
      );
      assert.ok(tables.includes("good"));
      assert.ok(!tables.includes("half"), "the failed script left nothing behind");
      assert.ok(!tables.includes("later"));

      const status = await migrationStatus(url, dir);
      assert.deepEqual(status.applied, ["20200101000000_good"]);
      assert.equal(status.failed[0]?.name, "20200102000000_bad");
      assert.match(status.failed[0]?.logs ?? "", /no_such_table/);

      await assert.rejects(applyMigrations(url, { dir }), /failed earlier and blocks/);
    });
  });
});
