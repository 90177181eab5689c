import assert from "node:assert/strict";
import crypto from "node:crypto";
import { before, describe, test } from "node:test";
import { requestFingerprint, runIdempotently, type WriteClaim } from "@/lib/api/idempotency";
import { insertRow, type WriteGuard } from "@/lib/db/prepared-rows";
import { createCheckoutSession } from "@/lib/wallet/create-checkout-session";
import type { CheckoutSessionRow } from "@/lib/wallet/wallet-json";
import { api, seedMerchant, testDb } from "../support/api";
import { seedSessionBody } from "../support/card";
import { eventually } from "../support/webhook-receiver";

// Idempotency against a real endpoint that creates objects (plans of the
// wallet dialect), and the endpoints whose answers hold a secret.
const PLAN = { period_amount: "5.00", included_credit: "1.00", billing_interval: "month" };

describe("Idempotency-Key on POST", () => {
  let key: string;
  let merchantId: string;
  before(async () => {
    ({ apiKey: key, merchantId } = await seedMerchant("Idempotent Co"));
  });

  const createKey = (idempotencyKey: string, body: unknown = { ...PLAN, name: "retry-safe" }, apiKey = key) =>
    api("/v1/subscription_configs", {
      method: "POST",
      key: apiKey,
      body,
      headers: { "Idempotency-Key": idempotencyKey },
    });
  const plans = () => testDb().subscriptionConfig.count({ where: { merchantId } });

  test("50 concurrent requests with one key create one object", async () => {
    const idempotencyKey = crypto.randomUUID();
    const before = await plans();
    const responses = await Promise.all(Array.from({ length: 50 }, () => createKey(idempotencyKey)));

    assert.equal(await plans(), before + 1);
    const created = responses.filter((response) => response.status === 201);
    const inFlight = responses.filter((response) => response.status === 409);
    assert.equal(created.length + inFlight.length, 50, responses.map((response) => response.status).join(","));
    assert.ok(created.length >= 1);
    for (const response of created) assert.equal(response.text, created[0].text);
    for (const response of inFlight) {
      assert.equal(response.json.error.code, "idempotency_key_in_use");
      assert.ok(response.headers.get("retry-after"));
    }
    // Every one of them reports the same object.
    assert.equal(new Set(created.map((response) => response.json.subscription_config_id)).size, 1);

    const replay = await createKey(idempotencyKey);
    assert.equal(replay.status, 201);
    assert.equal(replay.text, created[0].text, "replayed byte for byte");
    assert.equal(replay.headers.get("idempotent-replayed"), "true");
    assert.equal(replay.headers.get("content-type"), "application/json");
  });

  test("same body with other key order or spacing is the same request", async () => {
    const idempotencyKey = crypto.randomUUID();
    const first = await createKey(idempotencyKey, JSON.stringify({ ...PLAN, name: "spacing" }));
    const second = await createKey(idempotencyKey, JSON.stringify({ name: "spacing", ...PLAN }, null, 2));
    assert.equal(second.status, 201);
    assert.equal(second.text, first.text);
  });

  test("the same key with a different body → 422, nothing created", async () => {
    const idempotencyKey = crypto.randomUUID();
    assert.equal((await createKey(idempotencyKey, { ...PLAN, name: "first" })).status, 201);
    const count = await plans();
    const reused = await createKey(idempotencyKey, { ...PLAN, name: "second" });
    assert.equal(reused.status, 422);
    assert.equal(reused.json.error.code, "idempotency_key_reused");
    assert.equal(reused.json.error.param, "Idempotency-Key");
    assert.equal(await plans(), count);
  });

  test("a validation failure is not stored: fix the body, retry with the same key", async () => {
    const idempotencyKey = crypto.randomUUID();
    const invalid = await createKey(idempotencyKey, { ...PLAN, name: 42 });
    assert.equal(invalid.status, 400);
    const fixed = await createKey(idempotencyKey, { ...PLAN, name: "fixed" });
    assert.equal(fixed.status, 201);
    assert.equal(fixed.headers.get("idempotent-replayed"), null);
  });

  test("keys are scoped by merchant: another merchant's identical key is independent", async () => {
    const idempotencyKey = crypto.randomUUID();
    const other = await seedMerchant("Other Idempotent Co");
    const mine = await createKey(idempotencyKey);
    const theirs = await createKey(idempotencyKey, undefined, other.apiKey);
    assert.equal(theirs.status, 201);
    assert.notEqual(theirs.json.subscription_config_id, mine.json.subscription_config_id);
    assert.equal(theirs.headers.get("idempotent-replayed"), null);
  });

  test("keys are kept at least 24 hours", async () => {
    const idempotencyKey = crypto.randomUUID();
    await createKey(idempotencyKey);
    const row = await testDb().idempotencyKey.findFirst({ where: { merchantId, key: idempotencyKey } });
    assert.ok(row);
    assert.ok(row.expiresAt.getTime() - row.createdAt.getTime() >= 24 * 60 * 60 * 1000);
    assert.equal(row.responseStatus, 201);
  });

  test("an empty or over-long key → 400", async () => {
    for (const idempotencyKey of ["", "k".repeat(256)]) {
      const response = await createKey(idempotencyKey);
      assert.equal(response.status, 400);
      assert.equal(response.json.error.param, "Idempotency-Key");
    }
    assert.equal((await createKey("k".repeat(255))).status, 201);
  });

  test("a first request whose process died is taken over after its lease; a running one is not", async () => {
    const stale = crypto.randomUUID();
    const running = crypto.randomUUID();
    const record = (idempotencyKey: string, createdAt: Date) =>
      testDb().idempotencyKey.create({
        data: {
          id: `idem_${crypto.randomUUID()}`,
          merchantId,
          mode: "test",
          method: "POST",
          path: "/v1/subscription_configs",
          key: idempotencyKey,
          // The request the test sends below, as the first (dead) request sent it.
          requestHash: requestFingerprint("", { ...PLAN, name: "retry-safe" }),
          createdAt,
          expiresAt: new Date(createdAt.getTime() + 24 * 3_600_000),
        },
      });
    await record(stale, new Date(Date.now() - 10 * 60_000));
    await record(running, new Date());
    const before = await plans();
    const retaken = await createKey(stale);
    assert.equal(retaken.status, 201, retaken.text);
    assert.equal(await plans(), before + 1);
    const busy = await createKey(running);
    assert.equal(busy.status, 409);
    assert.equal(busy.json.error.code, "idempotency_key_in_use");
  });
});

describe("Idempotency-Key on requests whose answer holds a secret", () => {
  test("API keys, JWTs and signing secrets are shown once: the replay is a 409, and no secret is stored", async () => {
    const { apiKey, merchantId } = await seedMerchant("Secretive Co");
    const post = (path: string, body: unknown, idempotencyKey: string) =>
      api(path, { method: "POST", key: apiKey, body, headers: { "Idempotency-Key": idempotencyKey } });
    const webhook = await post("/api/v1/webhooks", { url: "https://example.com/hooks" }, "hook-1");
    assert.equal(webhook.status, 201, webhook.text);
    const cases: [string, unknown, RegExp][] = [
      ["/api/v1/api_keys", { name: "minted" }, /sk_test_/],
      ["/api/v1/auth/token", {}, /eyJ/],
      ["/api/v1/webhooks", { url: "https://example.com/other" }, /whsec_/],
      [`/api/v1/webhooks/${webhook.json.id}/rotate_secret`, undefined, /whsec_/],
    ];
    for (const [path, body, secret] of cases) {
      const idempotencyKey = crypto.randomUUID();
      const first = await post(path, body, idempotencyKey);
      assert.ok(first.status === 200 || first.status === 201, `${path}: ${first.text}`);
      assert.match(first.text, secret);
      const again = await post(path, body, idempotencyKey);
      assert.equal(again.status, 409, `${path}: ${again.text}`);
      assert.equal(again.json.error.code, "idempotency_replay_unavailable");
      assert.doesNotMatch(again.text, secret);
      const stored = await testDb().idempotencyKey.findFirstOrThrow({ where: { merchantId, key: idempotencyKey } });
      assert.equal(stored.responseBody, null, path);
      assert.equal(stored.secretWithheld, true, path);
    }
    // An error of such an endpoint holds no secret: it is replayed as usual.
    const refused = await post("/api/v1/auth/token", { expiresIn: 5 }, "bad-token");
    assert.equal(refused.status, 400);
    const fixed = await post("/api/v1/auth/token", { expiresIn: 60 }, "bad-token");
    assert.equal(fixed.status, 200, "a validation failure is not stored");
  });
});

describe("Idempotency-Key after a lease ran out", () => {
  // A first run that outlived its lease (a hung process) is taken over by the next request with its key. When
  // that first run ends at last, with a failure or an answer of its own, the record of the run that took over
  // stands: the key is not freed for a third run, and its stored answer is not replaced.
  for (const late of [500, 201]) {
    test(`a first run that ends late (${late}) leaves the taker's record as it is`, async () => {
      const { merchantId } = await seedMerchant(`Lease ${late}`);
      const scope = { merchantId, mode: "test" as const, method: "POST", path: "/tests/lease-takeover" };
      const key = crypto.randomUUID();
      const fingerprint = requestFingerprint("", { order: 1 });
      let finishFirst: (response: Response) => void = () => {};
      const first = runIdempotently(
        testDb(),
        scope,
        key,
        fingerprint,
        () => new Promise<Response>((resolve) => (finishFirst = resolve)),
      );
      await eventually(
        async () => (await testDb().idempotencyKey.count({ where: { merchantId, key } })) === 1,
        "the first run's record",
      );
      // As if its process had hung ten minutes, past the lease.
      await testDb().idempotencyKey.updateMany({
        where: { merchantId, key },
        data: { createdAt: new Date(Date.now() - 10 * 60_000) },
      });
      const second = await runIdempotently(testDb(), scope, key, fingerprint, async () =>
        Response.json({ run: "second" }, { status: 201 }),
      );
      assert.equal(second.status, 201);

      finishFirst(Response.json({ run: "first" }, { status: late }));
      assert.equal((await first).status, late);
      const replay = await runIdempotently(testDb(), scope, key, fingerprint, async () => {
        throw new Error("a third run must not happen");
      });
      assert.equal(replay.headers.get("idempotent-replayed"), "true");
      assert.deepEqual(await replay.json(), { run: "second" });
    });
  }
});

// The wallet and card session creates take the key in their INSERT's own statement (lib/api/idempotency.ts,
// claimInWrite): the record and the session are written together or not at all. (The crypto create claims first:
// its deposit index, taken before the INSERT, must not be spent by a replay.)
const CLAIMING_CREATES = [
  {
    name: "wallet checkout session",
    path: "/v1/checkout_sessions",
    status: 201,
    body: (reference: string) => ({
      checkout_mode: "onboarding",
      origin_url: "https://shop.example.com/",
      reference_id: reference,
    }),
    count: (merchantId: string) => testDb().walletCheckoutSession.count({ where: { merchantId } }),
  },
  {
    name: "card session",
    path: "/api/v1/sessions",
    status: 201,
    body: (reference: string) => seedSessionBody({ orderReference: reference }),
    count: (merchantId: string) => testDb().cardSession.count({ where: { merchantId } }),
  },
];

for (const create of CLAIMING_CREATES) {
  describe(`Idempotency-Key on a ${create.name}'s create (the key claimed in its INSERT)`, () => {
    let apiKey: string;
    let merchantId: string;
    before(async () => {
      ({ apiKey, merchantId } = await seedMerchant(`Claiming ${create.name}`));
    });
    const post = (idempotencyKey: string, body: unknown) =>
      api(create.path, { method: "POST", key: apiKey, body, headers: { "Idempotency-Key": idempotencyKey } });
    const records = (idempotencyKey: string) =>
      testDb().idempotencyKey.findMany({ where: { merchantId, key: idempotencyKey } });

    test("50 concurrent requests with one key create one session; the replay is byte for byte", async () => {
      const idempotencyKey = crypto.randomUUID();
      const body = create.body("concurrent");
      const before = await create.count(merchantId);
      const responses = await Promise.all(Array.from({ length: 50 }, () => post(idempotencyKey, body)));
      assert.equal(await create.count(merchantId), before + 1);
      // The record is written already answered: no request finds it in flight, every one gets the answer.
      const created = responses.filter((response) => response.status === create.status);
      assert.equal(created.length, 50, responses.map((response) => response.status).join(","));
      for (const response of created) assert.equal(response.text, created[0].text);
      const first = created.filter((response) => response.headers.get("idempotent-replayed") === null);
      assert.equal(first.length, 1, "one request wrote; the other 49 replayed its answer");
      const replay = await post(idempotencyKey, body);
      assert.equal(replay.status, create.status);
      assert.equal(replay.text, created[0].text);
      assert.equal(replay.headers.get("idempotent-replayed"), "true");
      const [stored] = await records(idempotencyKey);
      assert.equal(stored.responseStatus, create.status);
      assert.equal(stored.responseBody, created[0].text);
    });

    test("the same key with another body → 422, nothing created", async () => {
      const idempotencyKey = crypto.randomUUID();
      assert.equal((await post(idempotencyKey, create.body("first"))).status, create.status);
      const before = await create.count(merchantId);
      const reused = await post(idempotencyKey, create.body("second"));
      assert.equal(reused.status, 422, reused.text);
      assert.equal(reused.json.error.code, "idempotency_key_reused");
      assert.equal(await create.count(merchantId), before);
    });

    test("a key whose first request died is taken over after its lease", async () => {
      const idempotencyKey = crypto.randomUUID();
      const body = create.body("taken-over");
      const createdAt = new Date(Date.now() - 10 * 60_000);
      await testDb().idempotencyKey.create({
        data: {
          id: `idem_${crypto.randomUUID()}`,
          merchantId,
          mode: "test",
          method: "POST",
          path: create.path,
          key: idempotencyKey,
          requestHash: requestFingerprint("", body),
          createdAt,
          expiresAt: new Date(createdAt.getTime() + 24 * 3_600_000),
        },
      });
      const before = await create.count(merchantId);
      const taken = await post(idempotencyKey, body);
      assert.equal(taken.status, create.status, taken.text);
      assert.equal(await create.count(merchantId), before + 1);
      const [stored] = await records(idempotencyKey);
      assert.equal(stored.responseBody, taken.text);
    });
  });
}

describe("Idempotency-Key on a create refused before its INSERT", () => {
  test("a 404 is recorded and replayed; a 400 is not", async () => {
    const { apiKey } = await seedMerchant("Refused creates");
    const post = (idempotencyKey: string, body: unknown) =>
      api("/v1/checkout_sessions", {
        method: "POST",
        key: apiKey,
        body,
        headers: { "Idempotency-Key": idempotencyKey },
      });
    const topup = {
      checkout_mode: "topup",
      origin_url: "https://shop.example.com/",
      connection_id: "con_test_01JZZZZZZZZZZZZZZZZZZZZZZZ",
    };
    const missing = crypto.randomUUID();
    const notFound = await post(missing, topup);
    assert.equal(notFound.status, 404, notFound.text);
    const replayed = await post(missing, topup);
    assert.equal(replayed.status, 404);
    assert.equal(replayed.text, notFound.text);
    assert.equal(replayed.headers.get("idempotent-replayed"), "true");

    const invalid = crypto.randomUUID();
    const { connection_id: _, ...withoutConnection } = topup;
    assert.equal((await post(invalid, withoutConnection)).status, 400);
    const fixed = await post(invalid, { ...withoutConnection, checkout_mode: "onboarding" });
    assert.equal(fixed.status, 201, fixed.text);
    assert.equal(fixed.headers.get("idempotent-replayed"), null);
  });
});

describe("runIdempotently with claimInWrite (the create's INSERT takes the key, answered)", () => {
  const body = { checkout_mode: "onboarding", origin_url: "https://shop.example.com/" } as const;
  const answer = (session: { id: string }) => ({ status: 201, json: { id: session.id } });
  const setup = async (name: string, { replayable = true } = {}) => {
    const { merchantId } = await seedMerchant(name);
    const scope = { merchantId, mode: "test" as const };
    const key = crypto.randomUUID();
    const run = (execute: (claim: WriteClaim) => Promise<Response>) =>
      runIdempotently(
        testDb(),
        { ...scope, method: "POST", path: "/tests/claim-in-write" },
        key,
        requestFingerprint("", body),
        (claim) => {
          assert.ok(claim, "a claimInWrite request gets its claim");
          return execute(claim);
        },
        { claimInWrite: true, replayable },
      );
    const create = (guard?: WriteGuard<CheckoutSessionRow>) => createCheckoutSession(testDb(), scope, body, { guard });
    const records = () => testDb().idempotencyKey.findMany({ where: { merchantId, key } });
    const sessions = () => testDb().walletCheckoutSession.count({ where: { merchantId } });
    return { scope, run, create, records, sessions };
  };

  test("no record before the INSERT; after it the session and the record, already answered", async () => {
    const { scope, run, create, records, sessions } = await setup("Claim in write");
    const first = await run(async (claim) => {
      assert.deepEqual(await records(), [], "the key is not claimed before the write");
      return claim(answer, async (guard) => {
        const session = await create(guard);
        const [record] = await records();
        assert.equal(record.responseStatus, 201, "answered by the statement that wrote the session");
        assert.ok(record.completedAt);
        assert.equal(await sessions(), 1);
        return session;
      });
    });
    assert.equal(first.status, 201);
    assert.equal(first.headers.get("content-type"), "application/json");
    const text = await first.text();
    assert.equal(
      text,
      JSON.stringify({ id: (await testDb().walletCheckoutSession.findFirstOrThrow({ where: scope })).id }),
    );
    assert.equal((await records())[0].responseBody, text);
    // A replay runs up to its INSERT, which the record refuses: nothing more is written.
    const replay = await run((claim) =>
      claim(answer, async (guard) => {
        await create(guard);
        throw new Error("the INSERT of a replay must be refused");
      }),
    );
    assert.equal(replay.headers.get("idempotent-replayed"), "true");
    assert.equal(await replay.text(), text);
    assert.equal(await sessions(), 1);
  });

  test("an INSERT that fails writes neither the record nor the row: the retry runs", async () => {
    const { run, create, records, sessions } = await setup("Claim in a failed write");
    // The database refuses the row (merchant_id and the rest are NOT NULL): the claim in its statement goes too.
    await assert.rejects(
      run((claim) =>
        claim(answer, (guard) => insertRow(testDb(), "wallet_checkout_sessions", { id: "cs_test_refused" }, { guard })),
      ),
      (error: Error & { code?: string }) => error.code === "23502",
    );
    assert.deepEqual(await records(), []);
    assert.equal(await sessions(), 0);
    const retried = await run((claim) => claim(answer, create));
    assert.equal(retried.status, 201);
    assert.equal(retried.headers.get("idempotent-replayed"), null);
    assert.equal(await sessions(), 1);
  });

  test("a failure after the write changes nothing stored: the retry replays the answer written", async () => {
    const { run, create, records, sessions } = await setup("Claim then fail");
    await assert.rejects(
      run((claim) =>
        claim(answer, async (guard) => {
          await create(guard);
          throw new Error("after the write");
        }),
      ),
      /after the write/,
    );
    const [record] = await records();
    assert.equal(record.responseStatus, 201);
    const retried = await run((claim) => claim(answer, create));
    assert.equal(retried.status, 201);
    assert.equal(retried.headers.get("idempotent-replayed"), "true");
    assert.equal(await retried.text(), record.responseBody);
    assert.equal(await sessions(), 1);
  });

  test("a replay whose run fails before the write (a 5xx, a 400) gets the first answer", async () => {
    const { run, create } = await setup("Claim then a failing replay");
    const first = await (await run((claim) => claim(answer, create))).text();
    for (const status of [503, 400]) {
      const replay = await run(async () => Response.json({ error: "before the write" }, { status }));
      assert.equal(replay.status, 201, `after a ${status}`);
      assert.equal(replay.headers.get("idempotent-replayed"), "true");
      assert.equal(await replay.text(), first);
    }
  });

  test("an answer with a secret is not stored: the write's record withholds it, its replay is a 409", async () => {
    const { run, create, records } = await setup("Claim with a secret", { replayable: false });
    const first = await run((claim) => claim(answer, create));
    assert.equal(first.status, 201);
    assert.ok((await first.json()).id, "the first request gets its answer");
    const [record] = await records();
    assert.equal(record.responseBody, null);
    assert.equal(record.secretWithheld, true);
    await assert.rejects(
      run((claim) => claim(answer, create)),
      (error: Error & { code?: string }) => error.code === "idempotency_replay_unavailable",
    );
  });

  test("a claim written is not written again: a second guarded write throws, and writes nothing", async () => {
    const { run, create, sessions } = await setup("Claim twice");
    await assert.rejects(
      run((claim) =>
        claim(answer, async (guard) => {
          await create(guard);
          return create(guard);
        }),
      ),
      /already written/,
    );
    assert.equal(await sessions(), 1);
  });

  test("a success without the write is a bug: it throws, and the key stays free", async () => {
    const { run, create, records } = await setup("Claim forgotten");
    await assert.rejects(
      run(async () => Response.json({}, { status: 201 })),
      /answered without writing its claim/,
    );
    // A write that leaves the guard out is the same bug, seen by the claim.
    await assert.rejects(
      run((claim) => claim(answer, () => create())),
      /returned without its claim/,
    );
    assert.deepEqual(await records(), []);
  });
});
