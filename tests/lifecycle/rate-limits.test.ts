import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { seedSessionBody } from "../support/card";
import { secretOf } from "../support/crypto";
import { type RunningServer, startTwoInstances } from "../support/server";

// Rate limits (README "Exactly once") with two instances on one database:
// the counters are shared, so a burst spread over both is limited as one.

const LIMITS = {
  RATE_LIMIT_API_KEY: "8/60s",
  RATE_LIMIT_HOSTED_IP: "5/60s",
  RATE_LIMIT_HOSTED_SESSION: "3/60s",
};

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tp-limits-"));
let first: RunningServer;
let second: RunningServer;
let apiKey: string;
let requests = 0;

before(async () => {
  ({ first, second } = await startTwoInstances(dataDir, LIMITS));
  apiKey = first.demoApiKey();
  assert.ok(apiKey, "the demo key is printed");
});

after(async () => {
  await second?.stop("SIGTERM");
  await first?.stop("SIGTERM");
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Each request goes to the other instance than the one before. */
const call = async (
  method: string,
  url: string,
  { body, key = apiKey, headers = {} }: { body?: unknown; key?: string; headers?: Record<string, string> } = {},
) => {
  const server = requests++ % 2 === 0 ? first : second;
  const response = await fetch(`${server.baseUrl}${url}`, {
    method,
    headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, json: await response.json() };
};

const assertLimited = (answer: Awaited<ReturnType<typeof call>>, message: RegExp, windowSeconds: number) => {
  assert.equal(answer.status, 429, JSON.stringify(answer.json));
  assert.equal(answer.json.error.code, "rate_limited");
  assert.match(answer.json.error.message, message);
  assert.match(answer.json.error.request_id, /\S/);
  const retryAfter = Number(answer.headers.get("retry-after"));
  assert.ok(retryAfter >= 1 && retryAfter <= windowSeconds, `Retry-After ${answer.headers.get("retry-after")}`);
};

const createSession = async () => {
  const created = await call("POST", "/api/v1/sessions", {
    body: seedSessionBody(),
    headers: { "Idempotency-Key": crypto.randomUUID() },
  });
  assert.equal(created.status, 201, JSON.stringify(created.json));
  const checkoutUrl = created.json.checkoutUrl as string;
  return secretOf(checkoutUrl, new URL(checkoutUrl).origin);
};

describe("rate limits shared by two instances", { timeout: 180_000 }, () => {
  // Two API calls (8 per key): the sessions the hosted test pays.
  let sessions: string[] = [];

  test("per session, then per client address, on the hosted payment endpoints; a client's own address headers change nothing", async () => {
    sessions = [await createSession(), await createSession()];
    const pay = (secret: string, headers: Record<string, string> = {}) =>
      call("POST", `/api/hosted/card/${secret}/pay`, { body: {}, headers });

    // An empty form is a 400, but it is a payment request all the same: it counts.
    // The hosted endpoints say it in the customer's words, the same for either limit; which limit
    // answered shows in the counts: the session's after 3, the address's after 5.
    const tooMany = /^Too many attempts\. Try again in \d+ seconds?\.$/;
    for (let attempt = 1; attempt <= 3; attempt++) assert.equal((await pay(sessions[0])).status, 400);
    assertLimited(await pay(sessions[0]), tooMany, 60);
    // Another session has its own count, until the address has made 5 requests.
    assert.equal((await pay(sessions[1])).status, 400);
    assertLimited(await pay(sessions[1]), tooMany, 60);
    assertLimited(
      await pay(sessions[1], { "X-Forwarded-For": "203.0.113.7", "X-Tillpoint-Client-Address": "203.0.113.8" }),
      tooMany,
      60,
    );
  });

  test("per API key on the merchant APIs: the burst is counted across both instances; another key is not affected", async () => {
    const minted = await call("POST", "/api/v1/api_keys", { body: { name: "second" } });
    assert.equal(minted.status, 201, JSON.stringify(minted.json));
    const otherKey = minted.json.secret as string;
    assert.match(otherKey, /^sk_test_/);

    // Three of the key's 8 requests are spent (two sessions, one key).
    const answers = [];
    for (let request = 0; request < 7; request++) answers.push(await call("GET", "/api/v1/sessions"));
    assert.deepEqual(
      answers.map((answer) => answer.status),
      [200, 200, 200, 200, 200, 429, 429],
    );
    assertLimited(answers[5], /this API key/, 60);
    assert.equal((await call("GET", "/api/v1/sessions", { key: otherKey })).status, 200);
  });
});
