import assert from "node:assert/strict";
import crypto from "node:crypto";
import { before, describe, test } from "node:test";
import { api, seedMerchant, testDb } from "../support/api";

// SPEC §1 idempotency, against a real endpoint that creates objects.
describe("Idempotency-Key on POST", () => {
  let key: string;
  let merchantId: string;
  before(async () => {
    ({ apiKey: key, merchantId } = await seedMerchant("Idempotent Co"));
  });

  const createKey = (idempotencyKey: string, body: unknown = { name: "retry-safe" }, apiKey = key) =>
    api("/api/v1/api_keys", { method: "POST", key: apiKey, body, headers: { "Idempotency-Key": idempotencyKey } });

  test("50 concurrent requests with one key create one object", async () => {
    const idempotencyKey = crypto.randomUUID();
    const before = await testDb().apiKey.count({ where: { merchantId } });
    const responses = await Promise.all(Array.from({ length: 50 }, () => createKey(idempotencyKey)));

    assert.equal(await testDb().apiKey.count({ where: { merchantId } }), before + 1);
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
    assert.equal(new Set(created.map((response) => response.json.id)).size, 1);

    const replay = await createKey(idempotencyKey);
    assert.equal(replay.status, 201);
    assert.equal(replay.text, created[0].text, "replayed byte for byte");
    assert.equal(replay.headers.get("idempotent-replayed"), "true");
    assert.equal(replay.headers.get("content-type"), "application/json");
  });

  test("same body with other key order or spacing is the same request", async () => {
    const idempotencyKey = crypto.randomUUID();
    const first = await createKey(idempotencyKey, '{"name":"spacing"}');
    const second = await createKey(idempotencyKey, '{ "name" : "spacing" }');
    assert.equal(second.status, 201);
    assert.equal(second.text, first.text);
  });

  test("the same key with a different body → 422, nothing created", async () => {
    const idempotencyKey = crypto.randomUUID();
    assert.equal((await createKey(idempotencyKey, { name: "first" })).status, 201);
    const count = await testDb().apiKey.count({ where: { merchantId } });
    const reused = await createKey(idempotencyKey, { name: "second" });
    assert.equal(reused.status, 422);
    assert.equal(reused.json.error.code, "idempotency_key_reused");
    assert.equal(reused.json.error.param, "Idempotency-Key");
    assert.equal(await testDb().apiKey.count({ where: { merchantId } }), count);
  });

  test("a validation failure is not stored: fix the body, retry with the same key", async () => {
    const idempotencyKey = crypto.randomUUID();
    const invalid = await createKey(idempotencyKey, { name: 42 });
    assert.equal(invalid.status, 400);
    const fixed = await createKey(idempotencyKey, { name: "fixed" });
    assert.equal(fixed.status, 201);
    assert.equal(fixed.headers.get("idempotent-replayed"), null);
  });

  test("keys are scoped by merchant: another merchant's identical key is independent", async () => {
    const idempotencyKey = crypto.randomUUID();
    const other = await seedMerchant("Other Idempotent Co");
    const mine = await createKey(idempotencyKey);
    const theirs = await createKey(idempotencyKey, undefined, other.apiKey);
    assert.equal(theirs.status, 201);
    assert.notEqual(theirs.json.id, mine.json.id);
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
});
