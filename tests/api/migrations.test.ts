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

  test("metered requests' migration: each connection's balance columns start as its ledger's sums", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tp-migrations-balances-"));
    try {
      const source = path.join(PROJECT_ROOT, "prisma/migrations");
      const names = fs
        .readdirSync(source)
        .filter((name) => /^\d{14}_/.test(name))
        .sort();
      const balances = names.findIndex((name) => name.endsWith("_metered_requests"));
      assert.ok(balances > 0, "the metered_requests migration is there");
      const copy = (name: string) => fs.cpSync(path.join(source, name), path.join(dir, name), { recursive: true });
      for (const name of names.slice(0, balances)) copy(name);
      const url = await scratchDatabase();
      await applyMigrations(url, { dir });
      // A connection with history in all three accounts (and one without any), as the release before left them.
      await query(
        url,
        `INSERT INTO merchants (id, name, updated_at) VALUES ('mer_1', 'Old', now());
         INSERT INTO connections (id, merchant_id, mode, first_name, last_name, email, phone, card_provider, card_token,
           card_brand, card_last4)
         VALUES ('con_1', 'mer_1', 'test', 'A', 'B', 'a@example.com', '+1', 'test', 'tok', 'visa', '4242'),
                ('con_2', 'mer_1', 'test', 'C', 'D', 'c@example.com', '+1', 'test', 'tok', 'visa', '4242');
         INSERT INTO ledger_entries (id, merchant_id, mode, connection_id, account, amount, balance_after, currency, reason)
         VALUES ('le_1', 'mer_1', 'test', 'con_1', 'wallet', 2500, 2500, 'USD', 'funding'),
                ('le_2', 'mer_1', 'test', 'con_1', 'wallet', 1000, 3500, 'USD', 'topup'),
                ('le_3', 'mer_1', 'test', 'con_1', 'cycle_credit', 800, 800, 'USD', 'subscription_credit'),
                ('le_4', 'mer_1', 'test', 'con_1', 'cycle_credit', -800, 0, 'USD', 'cycle_expiry'),
                ('le_5', 'mer_1', 'test', 'con_1', 'bundle_credit', 300, 300, 'USD', 'credit_bundle');`,
      );
      for (const name of names.slice(balances)) copy(name);
      await applyMigrations(url, { dir });
      assert.deepEqual(
        await query(
          url,
          "SELECT id, wallet_balance::int, cycle_credit_balance::int, bundle_credit_balance::int FROM connections ORDER BY id",
        ),
        [
          { id: "con_1", wallet_balance: 3500, cycle_credit_balance: 0, bundle_credit_balance: 300 },
          { id: "con_2", wallet_balance: 0, cycle_credit_balance: 0, bundle_credit_balance: 0 },
        ],
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
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
