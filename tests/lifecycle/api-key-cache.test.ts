import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import pg from "pg";
import { type RunningServer, readLockUrl, startTwoInstances } from "../support/server";

// Each instance keeps the API keys it authenticated (lib/merchants/api-key-cache.ts),
// and a revoked key is refused within a second on every instance: through the
// database's notification, and, when an instance's listener is lost, because
// it then asks the database again.

const REFUSED_WITHIN_MS = 1_000;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tp-key-cache-"));
let first: RunningServer;
let second: RunningServer;
let database: pg.Client;
let demoKey: string;

before(async () => {
  // One HTTP process each: every request to an instance meets the same cache.
  ({ first, second } = await startTwoInstances(dataDir, { WEB_CONCURRENCY: "1" }));
  demoKey = first.demoApiKey();
  assert.ok(demoKey, "the demo key is printed");
  database = new pg.Client({ connectionString: readLockUrl(dataDir) });
  await database.connect();
});

after(async () => {
  await database?.end();
  await second?.stop("SIGTERM");
  await first?.stop("SIGTERM");
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const call = async (server: RunningServer, key: string, pathname: string, method = "GET", body?: unknown) => {
  const response = await fetch(`${server.baseUrl}${pathname}`, {
    method,
    headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    // A call that waits on a lock fails here rather than at the suite's timeout.
    signal: AbortSignal.timeout(15_000),
  });
  return { status: response.status, json: await response.json() };
};

/** A call that reads no API key row but its own authentication. */
const listSessions = (server: RunningServer, key: string) => call(server, key, "/api/v1/sessions");

const newKey = async (name: string) => {
  const created = await call(first, demoKey, "/api/v1/api_keys", "POST", { name });
  assert.equal(created.status, 201, JSON.stringify(created.json));
  return { id: created.json.id as string, secret: created.json.secret as string };
};

/**
 * Waits for both instances' listeners (each starts with its first key lookup): until then, and for a moment after any
 * reconnect, every lookup asks the database.
 */
const listenersUp = async () => {
  for (const server of [first, second]) assert.equal((await listSessions(server, demoKey)).status, 200);
  const deadline = Date.now() + 10_000;
  for (;;) {
    const { rows } = await database.query(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'tillpoint-api-key-cache' AND state = 'idle'",
    );
    if (rows[0].n >= 2) return;
    assert.ok(Date.now() < deadline, "both instances' key listeners connect");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

/** How long after `revoked` `server` first refuses `key` (polling every 20 ms, up to 5 s). */
const refusedAfter = async (server: RunningServer, key: string, revoked: number) => {
  for (;;) {
    const answer = await listSessions(server, key);
    if (answer.status === 401) {
      assert.match(answer.json.error.message, /revoked/);
      return Date.now() - revoked;
    }
    assert.equal(answer.status, 200, JSON.stringify(answer.json));
    assert.ok(Date.now() - revoked < 5_000, "the revoked key is refused");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

/** Holds an exclusive lock on api_keys while `during` runs: any read of the table waits until it ends. */
const withKeysLocked = async <T>(during: () => Promise<T>) => {
  const locker = new pg.Client({ connectionString: readLockUrl(dataDir) });
  await locker.connect();
  try {
    await locker.query("BEGIN");
    await locker.query("LOCK TABLE api_keys IN ACCESS EXCLUSIVE MODE");
    return await during();
  } finally {
    await locker.query("ROLLBACK");
    await locker.end();
  }
};

describe("API keys cached per instance, revoked everywhere", { timeout: 120_000 }, () => {
  test("a key used once is answered without reading the keys table; one never used waits for it", async () => {
    await listenersUp();
    const cached = await newKey("cached");
    const fresh = await newKey("never used on the second instance");
    assert.equal((await listSessions(second, cached.secret)).status, 200);

    const { waiting } = await withKeysLocked(async () => {
      // Answered while the table is locked: this instance did not read it.
      assert.equal((await listSessions(second, cached.secret)).status, 200);
      const waiting = listSessions(second, fresh.secret);
      const deadline = Date.now() + 10_000;
      for (;;) {
        const { rows } = await database.query(
          "SELECT count(*)::int AS n FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'api_keys' AND NOT l.granted",
        );
        if (rows[0].n > 0) break;
        assert.ok(Date.now() < deadline, "the uncached key's lookup waits for the lock");
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return { waiting };
    });
    // Answered once the lock is gone.
    assert.equal((await waiting).status, 200);
  });

  test("revoked through one instance: the other refuses it within a second", async () => {
    await listenersUp();
    const key = await newKey("revoked through the API");
    for (const server of [first, second]) assert.equal((await listSessions(server, key.secret)).status, 200);
    const revoked = await call(first, demoKey, `/api/v1/api_keys/${key.id}`, "DELETE");
    assert.equal(revoked.status, 200, JSON.stringify(revoked.json));
    const at = Date.now();
    for (const server of [second, first]) {
      const after = await refusedAfter(server, key.secret, at);
      assert.ok(after <= REFUSED_WITHIN_MS, `refused ${after} ms after the revoke`);
    }
  });

  test("with its listener connection killed, an instance still refuses a key revoked in plain SQL within a second", async () => {
    await listenersUp();
    const key = await newKey("revoked while nobody listens");
    assert.equal((await listSessions(second, key.secret)).status, 200);
    const { rows } = await database.query(
      "SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity WHERE application_name = 'tillpoint-api-key-cache'",
    );
    assert.equal(rows.length, 2, "both listeners were connected");
    await database.query("UPDATE api_keys SET revoked_at = now() WHERE id = $1", [key.id]);
    const at = Date.now();
    const after = await refusedAfter(second, key.secret, at);
    assert.ok(after <= REFUSED_WITHIN_MS, `refused ${after} ms after the revoke`);
    // The listeners come back, and a key revoked in plain SQL is refused through them too.
    await listenersUp();
    const later = await newKey("revoked after the reconnect");
    assert.equal((await listSessions(second, later.secret)).status, 200);
    await database.query("UPDATE api_keys SET revoked_at = now() WHERE id = $1", [later.id]);
    const again = Date.now();
    assert.ok((await refusedAfter(second, later.secret, again)) <= REFUSED_WITHIN_MS);
  });

  test("with its listener hung (its database backend stopped), an instance refuses a key revoked in plain SQL within a second", async () => {
    await listenersUp();
    const key = await newKey("revoked while the listeners hang");
    for (const server of [first, second]) assert.equal((await listSessions(server, key.secret)).status, 200);
    // The connections stay open and say nothing: only the pings that stop coming back can tell.
    const { rows } = await database.query<{ pid: number }>(
      "SELECT pid FROM pg_stat_activity WHERE application_name = 'tillpoint-api-key-cache'",
    );
    assert.equal(rows.length, 2, "both listeners were connected");
    for (const { pid } of rows) process.kill(pid, "SIGSTOP");
    try {
      await database.query("UPDATE api_keys SET revoked_at = now() WHERE id = $1", [key.id]);
      const at = Date.now();
      for (const server of [second, first]) {
        const after = await refusedAfter(server, key.secret, at);
        assert.ok(after <= REFUSED_WITHIN_MS, `refused ${after} ms after the revoke`);
      }
    } finally {
      for (const { pid } of rows) process.kill(pid, "SIGCONT");
    }
  });
});
