import assert from "node:assert/strict";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, test } from "node:test";
import pg from "pg";
import { cardForm, seedSessionBody, TEST_CARDS } from "../support/card";
import { heldScratchPostgres, type RunningServer, readLockUrl, startServer } from "../support/server";
import { eventually, startReceiver } from "../support/webhook-receiver";

// Fault injection (README "Exactly once"): the server is killed with SIGKILL
// while a provider call is in flight, after the provider has done the work
// and before our side wrote the outcome. After a restart, the reconciler
// finds the orphaned row, asks the provider, and applies what it did: one
// charge (one refund), one webhook. On the embedded database and, when
// TEST_DATABASE_URL is set, on PostgreSQL.

const SERVER_ENV = {
  // Long enough that the kill always lands while the silent card's call is waiting.
  CARD_PROVIDER_TIMEOUT_MS: "3000",
  RECONCILE_INTERVAL_MS: "200",
  RECONCILE_RETRY_BASE_MS: "300",
  RECONCILE_RETRY_MAX_MS: "2000",
  WEBHOOK_RETRY_BASE_MS: "200",
  WEBHOOK_RETRY_MAX_MS: "1000",
};

const cleanups: (() => Promise<void>)[] = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

type World = { env: Record<string, string>; databaseUrl: () => string };

const scenario = (label: string, world: () => Promise<World>) =>
  describe(`exactly once across a killed server (${label})`, { timeout: 240_000 }, () => {
    test("a charge, then a refund, each interrupted by SIGKILL mid-call: settled after restart, once", async () => {
      const { env, databaseUrl } = await world();
      let server: RunningServer = await startServer({ ...SERVER_ENV, ...env });
      cleanups.push(() => server.stop("SIGKILL").then(() => undefined));
      const apiKey = server.demoApiKey();
      assert.ok(apiKey, "the demo key is printed");
      // A connection per query: the embedded database restarts with the server.
      const sql = async <T>(text: string, values: unknown[] = []) => {
        const client = new pg.Client({ connectionString: databaseUrl() });
        await client.connect();
        try {
          return (await client.query(text, values)).rows as T[];
        } finally {
          await client.end();
        }
      };

      const call = async (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) => {
        const response = await fetch(`${server.baseUrl}${url}`, {
          method,
          headers: { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json", ...headers },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        return { status: response.status, json: await response.json() };
      };
      const restart = async () => {
        await server.stop("SIGKILL");
        server = await startServer({ ...SERVER_ENV, ...env });
      };
      /** Fires a request that will never be answered (the server dies first). */
      const fireAndForget = (url: string, body: unknown, headers: Record<string, string> = {}) =>
        fetch(`${server.baseUrl}${url}`, {
          method: "POST",
          headers: { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json", ...headers },
          body: JSON.stringify(body),
        }).catch(() => undefined);

      const receiver = await startReceiver();
      cleanups.push(() => receiver.down());
      const endpoint = await call("POST", "/api/v1/webhooks", { url: receiver.url });
      assert.equal(endpoint.status, 201, JSON.stringify(endpoint.json));
      receiver.trust(endpoint.json.secret);

      const created = await call("POST", "/api/v1/sessions", seedSessionBody(), {
        "Idempotency-Key": crypto.randomUUID(),
      });
      assert.equal(created.status, 201);
      const { sessionId } = created.json;
      const secret = new URL(created.json.checkoutUrl).pathname.split("/").pop() ?? "";
      const token = JSON.parse(Buffer.from(secret, "base64url").toString()) as { secret: string };

      // The charge: the provider records its success, then never answers; the server dies before writing anything.
      const paying = fireAndForget(`/api/hosted/card/${token.secret}/pay`, cardForm(TEST_CARDS.silentSucceeds));
      await eventually(
        async () =>
          (
            await sql(
              `SELECT 1 FROM test_provider_operations o JOIN charges c
               ON c.provider = o.provider AND c.idempotency_key = o.idempotency_key WHERE c.card_session_id = $1`,
              [sessionId],
            )
          ).length === 1,
        "the provider to have charged",
      );
      await restart();
      await paying;

      const settled = async (status: string) =>
        eventually(async () => {
          const session = await call("GET", `/api/v1/sessions/${sessionId}`);
          return session.json.status === status && session.json;
        }, `the session to be ${status}`);
      await settled("SUCCEEDED");
      const providerOperations = (kind: string) =>
        sql<{ n: string }>(
          `SELECT count(*) AS n FROM test_provider_operations o
           WHERE o.kind = $1 AND o.result->>'status' = 'succeeded' AND (
             EXISTS (SELECT 1 FROM charges c WHERE c.provider = o.provider
                       AND c.idempotency_key = o.idempotency_key AND c.card_session_id = $2::uuid)
             OR EXISTS (SELECT 1 FROM card_refunds r WHERE r.provider = o.provider
                       AND r.id = o.idempotency_key AND r.session_id = $2::uuid))`,
          [kind, sessionId],
        ).then(([row]) => Number(row.n));
      assert.equal(await providerOperations("charge"), 1, "one charge at the provider");
      const hooksOf = (type: string) => receiver.accepted().filter((hook) => hook.event.type === type);
      const completed = await eventually(
        () => hooksOf("session.completed").length > 0 && hooksOf("session.completed"),
        "the session.completed webhook",
      );
      assert.equal(completed.length, 1);
      assert.equal(completed[0].event.data.object.sessionId, sessionId);

      // The refund, the same way.
      const refunding = fireAndForget(`/api/v1/sessions/${sessionId}/refunds`, {}, { "Idempotency-Key": "refund-1" });
      await eventually(async () => (await providerOperations("refund")) === 1, "the provider to have refunded");
      await restart();
      await refunding;
      const refunded = await settled("REFUNDED");
      assert.equal(refunded.amount.refunded, 140.76);
      assert.equal(await providerOperations("refund"), 1, "one refund at the provider");
      const refundHooks = await eventually(
        () => hooksOf("refund.completed").length > 0 && hooksOf("refund.completed"),
        "the refund.completed webhook",
      );
      assert.equal(refundHooks.length, 1);
      // The merchant retries with the same key: the refund is there, nothing new is refunded.
      const retried = await call(
        "POST",
        `/api/v1/sessions/${sessionId}/refunds`,
        {},
        { "Idempotency-Key": "refund-1" },
      );
      assert.equal(retried.status, 409, JSON.stringify(retried.json));
      assert.equal(await providerOperations("refund"), 1);

      // Give any duplicate a chance to show before counting webhooks again.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      assert.equal(hooksOf("session.completed").length, 1);
      assert.equal(hooksOf("refund.completed").length, 1);
      assert.equal(await server.stop("SIGTERM"), 0);
    });
  });

scenario("embedded", async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tp-exactly-once-"));
  cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
  return { env: { DATA_DIR: dataDir, DATABASE_URL: "" }, databaseUrl: () => readLockUrl(dataDir) };
});

const postgresUrl = process.env.TEST_DATABASE_URL;
if (postgresUrl) {
  scenario("postgres", async () => {
    const url = await heldScratchPostgres(postgresUrl, cleanups, "tillpoint_lifecycle");
    return {
      env: { DATABASE_URL: url, ENCRYPTION_KEY: crypto.randomBytes(32).toString("base64") },
      databaseUrl: () => url,
    };
  });
}
