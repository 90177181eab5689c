import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, test } from "node:test";
import { readLockUrl, startServer } from "../support/server";

// `npm start` on the embedded database: first start, a second start on the
// same DATA_DIR, kill -9 and recovery, clean SIGTERM.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tp-lifecycle-"));
after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const postgresRunning = () => {
  const pidFile = path.join(dataDir, "postgres", "postmaster.pid");
  if (!fs.existsSync(pidFile)) return false;
  const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
  try {
    return fs.readFileSync(`/proc/${pid}/comm`, "utf8").trim() === "postgres";
  } catch {
    return false;
  }
};

describe("embedded database lifecycle", { timeout: 180_000 }, () => {
  test("first start creates the database, applies migrations and prints a demo key once", async () => {
    const server = await startServer({ DATA_DIR: dataDir, DATABASE_URL: "" });
    try {
      assert.match(server.output(), /Applied migration \d+_init/);
      const [secret] = server.demoSignIn().match(/sk_test_[A-Za-z0-9_-]{43}/) ?? [];
      assert.ok(secret, "the demo key is printed");
      const response = await fetch(`${server.baseUrl}/api/v1/api_keys`, {
        headers: { Authorization: `Bearer ${secret}` },
      });
      assert.equal(response.status, 200);
      // The demo merchant can try every wallet mode at once: a plan with a bundle.
      const plans = await (
        await fetch(`${server.baseUrl}/v1/subscription_configs`, { headers: { Authorization: `Bearer ${secret}` } })
      ).json();
      assert.equal(plans.data[0].name, "Starter");
      assert.equal(plans.data[0].credit_bundles.length, 1);
      assert.ok(readLockUrl(dataDir).includes("host="), "the database is reached over its Unix socket only");
    } finally {
      assert.equal(await server.stop("SIGTERM"), 0);
    }
    assert.equal(postgresRunning(), false, "SIGTERM stops PostgreSQL too");
    assert.equal(fs.existsSync(path.join(dataDir, "tillpoint.lock")), false);
  });

  test("a second start on the same DATA_DIR refuses clearly; kill -9 then start recovers", async () => {
    const first = await startServer({ DATA_DIR: dataDir, DATABASE_URL: "" });
    assert.doesNotMatch(
      first.output(),
      /demo merchant was created/,
      "the demo key is printed only on an empty database",
    );
    await assert.rejects(startServer({ DATA_DIR: dataDir, DATABASE_URL: "" }), (error: Error) => {
      assert.match(error.message, /is in use by another Tillpoint process \(server, pid \d+\)/);
      return true;
    });
    const health = await fetch(`${first.baseUrl}/api/health`);
    assert.equal(health.status, 200, "the first server is untouched");

    first.process.kill("SIGKILL");
    await first.exited;
    assert.equal(postgresRunning(), true, "postgres outlives a kill -9 of its parent");

    const second = await startServer({ DATA_DIR: dataDir, DATABASE_URL: "" });
    try {
      assert.match(second.output(), /left running by a previous Tillpoint process/);
      const health = await (await fetch(`${second.baseUrl}/api/health`)).json();
      assert.equal(health.status, "ok");
    } finally {
      assert.equal(await second.stop("SIGINT"), 0);
    }
    assert.equal(postgresRunning(), false);
  });

  test("a wrong setting stops the start with the variable's name", async () => {
    await assert.rejects(startServer({ DATA_DIR: dataDir, PORT: "not-a-port" }), /PORT/);
    await assert.rejects(
      startServer({ DATA_DIR: dataDir, DATABASE_URL: "mysql://x" }),
      /DATABASE_URL: must be a postgres/,
    );
    await assert.rejects(startServer({ DATA_DIR: dataDir, PUBLIC_BASE_URL: "ftp://x" }), /PUBLIC_BASE_URL/);
  });
});
