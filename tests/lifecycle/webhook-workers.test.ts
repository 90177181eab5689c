import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { seedSessionBody } from "../support/card";
import { type RunningServer, readLockUrl, startServer } from "../support/server";
import { eventually, type Receiver, startReceiver } from "../support/webhook-receiver";

// Webhook workers as separate processes on one database: an API instance that
// delivers nothing (WEBHOOK_WORKER=off) and worker instances that are killed,
// restarted and run side by side.

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tp-webhooks-"));
const WORKER_ENV = { WEBHOOK_RETRY_BASE_MS: "200", WEBHOOK_RETRY_MAX_MS: "1000", WEBHOOK_TIMEOUT_MS: "2000" };

let apiServer: RunningServer;
let apiKey: string;
let databaseUrl: string;
const workers: RunningServer[] = [];

before(async () => {
  apiServer = await startServer({ DATA_DIR: dataDir, DATABASE_URL: "", WEBHOOK_WORKER: "off" });
  apiKey = apiServer.demoApiKey();
  assert.ok(apiKey, "the demo key is printed");
  databaseUrl = readLockUrl(dataDir);
});

after(async () => {
  for (const worker of workers) await worker.stop("SIGKILL");
  await apiServer?.stop("SIGTERM");
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const startWorker = async () => {
  // The API server's DATA_DIR holds the encryption key file that opens the signing secrets.
  const worker = await startServer({
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    WEBHOOK_WORKER: "on",
    ...WORKER_ENV,
  });
  workers.push(worker);
  return worker;
};

const call = async (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) => {
  const response = await fetch(`${apiServer.baseUrl}${url}`, {
    method,
    headers: { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
};

const createEndpoint = async (receiver: Receiver) => {
  const created = await call("POST", "/api/v1/webhooks", { url: receiver.url });
  assert.equal(created.status, 201);
  receiver.trust(created.json.secret);
  return created.json.id as string;
};

const cancelledSession = async () => {
  const created = await call("POST", "/api/v1/sessions", seedSessionBody(), { "Idempotency-Key": crypto.randomUUID() });
  assert.equal(created.status, 201);
  assert.equal((await call("POST", `/api/v1/sessions/${created.json.sessionId}/cancel`)).status, 200);
};

const deliveries = async (endpointId: string) =>
  (await call("GET", `/api/v1/webhooks/${endpointId}/deliveries?limit=100`)).json.data as Record<string, any>[];

describe("webhook workers", { timeout: 180_000 }, () => {
  test("an instance with the worker off delivers nothing", async () => {
    const receiver = await startReceiver();
    try {
      const endpointId = await createEndpoint(receiver);
      await cancelledSession();
      await new Promise((resolve) => setTimeout(resolve, 1500));
      assert.equal(receiver.received.length, 0);
      const [waiting] = await deliveries(endpointId);
      assert.equal(waiting.status, "pending");
      assert.equal(waiting.attemptCount, 0);
      // Deleted, so the next tests' workers do not deliver it.
      assert.equal((await call("DELETE", `/api/v1/webhooks/${endpointId}`)).status, 200);
    } finally {
      await receiver.down();
    }
  });

  test("a worker killed mid-delivery: another takes the delivery over when its lease ends, nothing is lost", async () => {
    const receiver = await startReceiver({ answer: (_hook, seen) => (seen === 0 ? "hang" : 200) });
    try {
      const endpointId = await createEndpoint(receiver);
      const first = await startWorker();
      await cancelledSession();
      await eventually(() => receiver.received.length === 1, "the first request, held open by the receiver");
      await first.stop("SIGKILL");

      const second = await startWorker();
      const [hook] = await eventually(() => receiver.accepted().length === 1 && receiver.accepted(), "the redelivery");
      assert.equal(hook.webhookId, receiver.received[0].webhookId);
      assert.equal(hook.verified, true);
      const [delivery] = await eventually(async () => {
        const list = await deliveries(endpointId);
        return list[0]?.status === "delivered" && list;
      }, "the delivered state");
      assert.equal(delivery.attemptCount, 2, "the killed worker's claim counts as an attempt");
      assert.deepEqual(
        delivery.attempts.map((attempt: { responseStatus: number }) => attempt.responseStatus),
        [200],
        "the killed worker recorded nothing",
      );
      assert.equal(await second.stop("SIGTERM"), 0);
      assert.equal((await call("DELETE", `/api/v1/webhooks/${endpointId}`)).status, 200);
    } finally {
      await receiver.down();
    }
  });

  test("two workers on one database: each delivery is attempted once per schedule", async () => {
    const receiver = await startReceiver({ answer: (_hook, seen) => (seen === 0 ? 500 : 200) });
    try {
      const endpointId = await createEndpoint(receiver);
      const pair = [await startWorker(), await startWorker()];
      for (let batch = 0; batch < 4; batch++) await Promise.all(Array.from({ length: 10 }, cancelledSession));

      await eventually(
        () => new Set(receiver.accepted().map((hook) => hook.webhookId)).size === 40,
        "all 40 events accepted",
        60_000,
      );
      const list = await eventually(async () => {
        const all = await deliveries(endpointId);
        return all.length === 40 && all.every((delivery) => delivery.status === "delivered") && all;
      }, "every delivery recorded");
      // Exactly one failed and one successful request per event: never two workers on one attempt.
      const perEvent = new Map<string, number>();
      for (const hook of receiver.received) perEvent.set(hook.webhookId, (perEvent.get(hook.webhookId) ?? 0) + 1);
      assert.deepEqual(new Set(perEvent.values()), new Set([2]));
      for (const delivery of list) {
        assert.equal(delivery.attemptCount, 2, delivery.id);
        assert.deepEqual(
          delivery.attempts.map((attempt: { responseStatus: number }) => attempt.responseStatus),
          [500, 200],
        );
      }
      for (const worker of pair) assert.equal(await worker.stop("SIGTERM"), 0);
    } finally {
      await receiver.down();
    }
  });
});
