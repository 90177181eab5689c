import assert from "node:assert/strict";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, test } from "node:test";
import pg from "pg";
import {
  heldScratchPostgres,
  type RunningServer,
  readLockUrl,
  startServer,
  startTwoInstances,
} from "../support/server";

// A metered request's request_id debits once (README "Metered requests"): retried on two instances of one
// deployment at once, and retried on the other instance after the first was killed mid-request, on the embedded
// database and (with TEST_DATABASE_URL) on PostgreSQL.

const cleanups: (() => Promise<void>)[] = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

type Instances = { first: RunningServer; second: RunningServer; databaseUrl: string };

const call = async (server: RunningServer, key: string, pathname: string, body?: unknown) => {
  const response = await fetch(`${server.baseUrl}${pathname}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  return { status: response.status, json: await response.json() };
};

const scenario = (label: string, start: () => Promise<Instances>) =>
  describe(`a request_id across two instances (${label})`, { timeout: 240_000 }, () => {
    test("retried on both at once, and on the other after one is killed mid-request: debited once", async (t) => {
      const { first, second, databaseUrl } = await start();
      // `first` holds the embedded database: the one killed is `second`.
      const key = first.demoApiKey();
      assert.ok(key, "the demo key is printed");
      const meter = await call(first, key, "/v1/meters", {
        meter_slug: `lifecycle-${crypto.randomUUID()}`,
        name: "Lifecycle",
        service_charge_payer: "merchant",
        tiers: [{ start: 0, rate: "0.10", type: "requests" }],
      });
      assert.equal(meter.status, 201, JSON.stringify(meter.json));
      const session = await call(first, key, "/v1/checkout_sessions", {
        checkout_mode: "onboarding",
        origin_url: "https://shop.example.com/",
      });
      const { secret } = JSON.parse(atob(session.json.checkout_session_token));
      const paid = await call(second, key, `/api/hosted/wallet/${secret}`, {
        first_name: "Ada",
        last_name: "Lovelace",
        email: "ada@example.com",
        phone: "+14155550123",
        card: { number: "4242 4242 4242 4242", expiry: "12/34", cvc: "123" },
        amount: "10.00",
      });
      assert.equal(paid.status, 200, JSON.stringify(paid.json));
      const connectionId = paid.json.connection_id as string;
      const body = (id: string) => ({ request_id: id, connection_id: connectionId, meter_slug: meter.json.meter_slug });

      const database = new pg.Client({ connectionString: databaseUrl });
      await database.connect();
      cleanups.push(() => database.end());
      const recorded = async () => {
        const { rows } = await database.query(
          `SELECT (SELECT count(*)::int FROM metered_requests WHERE connection_id = $1) AS requests,
                  (SELECT count(*)::int FROM ledger_entries WHERE connection_id = $1 AND reason = 'usage') AS debits,
                  (SELECT sum(amount)::int FROM ledger_entries WHERE connection_id = $1) AS balance`,
          [connectionId],
        );
        return rows[0];
      };

      // Each of 20 ids sent to both instances at once: every answer a 201, each id debited once.
      const ids = Array.from({ length: 20 }, (_, i) => `both-${connectionId}-${i}`);
      const answers = await Promise.all(
        ids.flatMap((id) => [call(first, key, "/v1/requests", body(id)), call(second, key, "/v1/requests", body(id))]),
      );
      assert.deepEqual(
        answers.map((answer) => answer.status),
        answers.map(() => 201),
      );
      assert.deepEqual(await recorded(), { requests: 20, debits: 20, balance: 800 });

      // 20 more fired at `second`, killed while they run; each retried on `first`.
      const killedIds = Array.from({ length: 20 }, (_, i) => `killed-${connectionId}-${i}`);
      const inFlight = killedIds.map((id) => call(second, key, "/v1/requests", body(id)).catch(() => undefined));
      // Killed once the first of them is committed: the rest are queued on the connection's lock, or mid-write.
      while ((await recorded()).requests === 20) await new Promise((resolve) => setTimeout(resolve, 2));
      await second.stop("SIGKILL");
      await Promise.all(inFlight);
      const beforeRetry = (await recorded()).requests - 20;
      assert.ok(beforeRetry >= 1 && beforeRetry <= 20);
      t.diagnostic(`${beforeRetry} of 20 committed before the kill`);
      for (const id of killedIds) {
        const retried = await call(first, key, "/v1/requests", body(id));
        assert.equal(retried.status, 201, JSON.stringify(retried.json));
        assert.equal(retried.json.request_id, id);
      }
      assert.deepEqual(await recorded(), { requests: 40, debits: 40, balance: 600 });
    });
  });

scenario("embedded", async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tp-requests-"));
  const { first, second } = await startTwoInstances(dataDir);
  cleanups.push(async () => {
    await second.stop("SIGKILL");
    await first.stop("SIGTERM");
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return { first, second, databaseUrl: readLockUrl(dataDir) };
});

const postgresUrl = process.env.TEST_DATABASE_URL;
if (postgresUrl) {
  scenario("postgres", async () => {
    const url = await heldScratchPostgres(postgresUrl, cleanups, "tillpoint_lifecycle");
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tp-requests-pg-"));
    const env = { DATA_DIR: dataDir, DATABASE_URL: url, ENCRYPTION_KEY: crypto.randomBytes(32).toString("base64") };
    const first = await startServer(env);
    const second = await startServer({ ...env, WEBHOOK_WORKER: "off" });
    cleanups.push(async () => {
      await second.stop("SIGKILL");
      await first.stop("SIGTERM");
      fs.rmSync(dataDir, { recursive: true, force: true });
    });
    return { first, second, databaseUrl: url };
  });
}
