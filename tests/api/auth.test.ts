import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { createApiKey } from "@/lib/merchants/create-api-key";
import { api, seedMerchant, testDb } from "../support/api";

describe("API key authentication", () => {
  let merchantId: string;
  let testKey: string;
  before(async () => {
    ({ merchantId, apiKey: testKey } = await seedMerchant("Auth Co"));
  });

  test("no Authorization header → 401", async () => {
    const response = await api("/api/v1/api_keys");
    assert.equal(response.status, 401);
    assert.equal(response.json.error.code, "unauthorized");
  });

  test("a malformed or unknown key → 401", async () => {
    for (const header of [
      "Basic abc",
      "Bearer",
      "Bearer sk_test_nope",
      `Bearer ${testKey}x`,
      `Bearer ${testKey.replace("sk_test", "sk_live")}`,
    ]) {
      const response = await api("/api/v1/api_keys", { headers: { Authorization: header } });
      assert.equal(response.status, 401, header);
      assert.equal(response.json.error.code, "unauthorized");
    }
  });

  test("a revoked key stops working at once", async () => {
    const created = await api("/api/v1/api_keys", { method: "POST", key: testKey, body: { name: "to revoke" } });
    assert.equal(created.status, 201);
    const secret = created.json.secret as string;
    assert.equal((await api("/api/v1/api_keys", { key: secret })).status, 200);

    const revoked = await api(`/api/v1/api_keys/${created.json.id}`, { method: "DELETE", key: testKey });
    assert.equal(revoked.status, 200);
    assert.ok(revoked.json.revoked_at);
    const refused = await api("/api/v1/api_keys", { key: secret });
    assert.equal(refused.status, 401);
    assert.match(refused.json.error.message, /revoked/);
  });

  test("keys are stored only as a hash, and usage is recorded", async () => {
    const rows = await testDb().apiKey.findMany({ where: { merchantId } });
    for (const row of rows) {
      assert.match(row.secretHash, /^[0-9a-f]{64}$/);
      assert.doesNotMatch(JSON.stringify(row), /sk_test_[A-Za-z0-9_-]{43}/);
    }
    const used = await testDb().apiKey.findFirst({ where: { merchantId, name: null } });
    assert.ok(used?.lastUsedAt, "the seeded key was used by this file's requests");
  });

  test("test keys see only test-mode objects, live keys only live ones", async () => {
    const { secret: liveKey } = await createApiKey(testDb(), { merchantId, mode: "live" }, "live");
    const liveList = await api("/api/v1/api_keys", { key: liveKey });
    assert.deepEqual(
      liveList.json.data.map((key: { mode: string }) => key.mode),
      ["live"],
    );
    const testList = await api("/api/v1/api_keys", { key: testKey });
    assert.ok(testList.json.data.every((key: { mode: string }) => key.mode === "test"));

    const liveId = liveList.json.data[0].id;
    assert.equal((await api(`/api/v1/api_keys/${liveId}`, { key: testKey })).status, 404);
    assert.equal((await api(`/api/v1/api_keys/${liveId}`, { key: liveKey })).status, 200);
    const minted = await api("/api/v1/api_keys", { method: "POST", key: testKey, body: {} });
    assert.match(minted.json.secret, /^sk_test_/);
  });

  test("another merchant's objects are indistinguishable from missing ones", async () => {
    const other = await seedMerchant("Other Co");
    const mine = await api("/api/v1/api_keys", { key: testKey });
    const myKeyId = mine.json.data[0].id;
    const foreign = await api(`/api/v1/api_keys/${myKeyId}`, { key: other.apiKey });
    const missing = await api("/api/v1/api_keys/key_01ARZ3NDEKTSV4RRFFQ69G5FAV", { key: other.apiKey });
    assert.equal(foreign.status, 404);
    assert.equal(missing.status, 404);
    assert.equal(foreign.json.error.message, missing.json.error.message);
    const revoke = await api(`/api/v1/api_keys/${myKeyId}`, { method: "DELETE", key: other.apiKey });
    assert.equal(revoke.status, 404);
    assert.equal((await testDb().apiKey.findUnique({ where: { id: myKeyId } }))?.revokedAt, null);
  });
});
