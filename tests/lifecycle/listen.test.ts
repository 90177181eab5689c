import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { seedSessionBody } from "../support/card";
import { PROJECT_ROOT, type RunningServer, startServer } from "../support/server";
import { eventually, type Receiver, startReceiver } from "../support/webhook-receiver";

// `tillpoint listen` (README "Operating Tillpoint") with its own server: events
// reach a local receiver signed with the secret it printed; it is killed and
// started again, its server is restarted, its receiver goes down — and every
// event arrives, none twice.

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tp-listen-"));
const stateFile = path.join(dataDir, "listen-state.json");
let server: RunningServer;
let apiKey: string;
let receiver: Receiver;
let cancelled: Receiver;
const listeners: ChildProcess[] = [];

const serverEnv = () => ({ DATA_DIR: dataDir, DATABASE_URL: "", PORT: new URL(server.baseUrl).port });

before(async () => {
  server = await startServer({ DATA_DIR: dataDir, DATABASE_URL: "" });
  apiKey = server.demoApiKey();
  assert.ok(apiKey);
  receiver = await startReceiver();
  cancelled = await startReceiver();
});

after(async () => {
  for (const child of listeners) if (child.exitCode === null) child.kill("SIGKILL");
  await receiver?.down();
  await cancelled?.down();
  await server?.stop("SIGTERM");
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Starts `tillpoint listen`; resolves with the secret it prints once it is ready. */
const listen = async (forwardTo: string, extra: string[] = [], state = stateFile) => {
  const child = spawn(
    process.execPath,
    [
      path.join(PROJECT_ROOT, "bin/tillpoint.mjs"),
      "listen",
      "--forward-to",
      forwardTo,
      "--api-key",
      apiKey,
      "--api-base",
      server.baseUrl,
      "--state",
      state,
      ...extra,
    ],
    { cwd: PROJECT_ROOT, env: { ...process.env, DATA_DIR: dataDir }, stdio: ["ignore", "pipe", "pipe"] },
  );
  listeners.push(child);
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const secret = await eventually(() => /signing secret is (whsec_\S+)/.exec(output)?.[1], "listen to be ready");
  return { child, secret, output: () => output };
};

/** Creates a card session and cancels it: its events (session.cancelled at least). */
const someEvents = async () => {
  const created = await fetch(`${server.baseUrl}/api/v1/sessions`, {
    method: "POST",
    headers: {
      Authorization: `Bearer ${apiKey}`,
      "Content-Type": "application/json",
      "Idempotency-Key": crypto.randomUUID(),
    },
    body: JSON.stringify(seedSessionBody()),
  });
  assert.equal(created.status, 201);
  const { sessionId } = (await created.json()) as { sessionId: string };
  const cancel = await fetch(`${server.baseUrl}/api/v1/sessions/${sessionId}/cancel`, {
    method: "POST",
    headers: { Authorization: `Bearer ${apiKey}` },
  });
  assert.equal(cancel.status, 200);
  return sessionId;
};

/** Every event of the key (oldest first), as the API lists it. */
const allEvents = async () => {
  const response = await fetch(`${server.baseUrl}/api/v1/events?limit=100&after=evt_00000000000000000000000000`, {
    headers: { Authorization: `Bearer ${apiKey}` },
  });
  assert.equal(response.status, 200);
  return ((await response.json()) as { data: { id: string; type: string }[] }).data;
};

const exited = (child: ChildProcess) => new Promise((resolve) => child.once("exit", resolve));

describe("tillpoint listen", () => {
  test("forwards signed events, and resumes after being killed, a server restart and a receiver outage", async () => {
    const before = new Set((await allEvents()).map((event) => event.id));
    /** The events made since the test began (the server's list), once the receiver has had them all. */
    const allArrived = async () => {
      const made = (await allEvents()).filter((event) => !before.has(event.id));
      return receiver.received.length >= made.length && made;
    };
    const first = await listen(receiver.url);
    receiver.trust(first.secret);
    await someEvents();
    await eventually(allArrived, "the first events forwarded");

    // Killed (once its state file has what it forwarded; killed in between, the next one forwards that
    // event again, with the same webhook-id, as a webhook retry would): what happens meanwhile is forwarded
    // by the next one, which prints the same secret.
    await eventually(
      () => receiver.received.every((hook) => fs.readFileSync(stateFile, "utf8").includes(hook.webhookId)),
      "the state file to hold what was forwarded",
    );
    first.child.kill("SIGKILL");
    await exited(first.child);
    await someEvents();
    const second = await listen(receiver.url);
    assert.equal(second.secret, first.secret, "the secret survives a restart");
    await eventually(allArrived, "the events made while it was down");

    // The server restarts under it: it reconnects.
    assert.equal(await server.stop("SIGTERM"), 0);
    await eventually(() => /Lost http/.test(second.output()), "listen to notice");
    server = await startServer(serverEnv());
    await someEvents();
    await eventually(() => /Reconnected/.test(second.output()), "a reconnection");
    await eventually(allArrived, "the events after the restart");

    // The receiver goes down: the event waits for it.
    await receiver.down();
    await someEvents();
    await eventually(() => /did not answer/.test(second.output()), "the refused forward");
    await receiver.up();
    const made = await eventually(allArrived, "the events after the outage");

    const expected = made.map((event) => event.id);
    assert.ok(expected.length >= 4);
    const got = receiver.received.map((hook) => hook.webhookId);
    assert.deepEqual(got, expected, "every event once, in order");
    assert.ok(
      receiver.received.every((hook) => hook.verified),
      "signed with the printed secret",
    );
    second.child.kill("SIGINT");
    assert.equal(await exited(second.child), 0);
  });

  test("--events forwards only the types named; a wrong type is a usage error", async () => {
    const only = await listen(cancelled.url, ["--events", "session.cancelled"], path.join(dataDir, "only.json"));
    cancelled.trust(only.secret);
    const sessionId = await someEvents();
    await eventually(() => cancelled.received.length >= 1, "the cancellation");
    await new Promise((resolve) => setTimeout(resolve, 1500)); // a poll later, still only that one
    assert.deepEqual(
      cancelled.received.map((hook) => [
        hook.event.type,
        hook.event.data.object.sessionId ?? hook.event.data.object.id,
      ]),
      [["session.cancelled", sessionId]],
    );
    only.child.kill("SIGINT");
    await exited(only.child);

    const wrong = spawn(
      process.execPath,
      [
        path.join(PROJECT_ROOT, "bin/tillpoint.mjs"),
        "listen",
        "--forward-to",
        cancelled.url,
        "--api-key",
        apiKey,
        "--events",
        "nope",
      ],
      { cwd: PROJECT_ROOT },
    );
    let output = "";
    wrong.stderr.on("data", (chunk) => (output += chunk));
    assert.equal(await exited(wrong), 2);
    assert.match(output, /Unknown event type\(s\): nope/);
  });
});
