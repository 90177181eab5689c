import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { api, seedMerchant } from "../support/api";

describe("/api/v1/api_keys", () => {
  let key: string;
  before(async () => {
    ({ apiKey: key } = await seedMerchant("Keys Co"));
  });

  test("create shows the secret once; list and retrieve never do", async () => {
    const created = await api("/api/v1/api_keys", { method: "POST", key, body: { name: "server" } });
    assert.equal(created.status, 201);
    assert.match(created.json.id, /^key_[0-9A-Z]{26}$/);
    assert.match(created.json.secret, /^sk_test_[A-Za-z0-9_-]{43}$/);
    assert.equal(created.json.redacted, `sk_test_…${created.json.secret.slice(-4)}`);
    assert.equal(created.json.name, "server");
    assert.match(created.json.created_at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

    const fetched = await api(`/api/v1/api_keys/${created.json.id}`, { key });
    assert.equal(fetched.status, 200);
    assert.equal(fetched.json.secret, undefined);
    const listed = await api("/api/v1/api_keys", { key });
    assert.ok(!listed.text.includes(created.json.secret));
  });

  test("cursor pagination walks every key once, newest first", async () => {
    for (let i = 0; i < 4; i++) await api("/api/v1/api_keys", { method: "POST", key, body: { name: `k${i}` } });
    const all = (await api("/api/v1/api_keys?limit=100", { key })).json.data.map((item: { id: string }) => item.id);
    assert.deepEqual(all, [...all].sort().reverse());

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await api(`/api/v1/api_keys?limit=2${cursor ? `&cursor=${cursor}` : ""}`, { key });
      assert.equal(page.status, 200);
      assert.ok(page.json.data.length <= 2);
      seen.push(...page.json.data.map((item: { id: string }) => item.id));
      assert.equal(page.json.has_more, page.json.next_cursor !== null);
      cursor = page.json.next_cursor;
    } while (cursor);
    assert.deepEqual(seen, all);
  });

  test("malformed ids are plain 404s", async () => {
    for (const id of ["nope", "key_", "key_../../etc", "%00"]) {
      const response = await api(`/api/v1/api_keys/${id}`, { key });
      assert.equal(response.status, 404, id);
      assert.equal(response.json.error.code, "not_found");
    }
  });

  test("revoking twice keeps the first revocation time", async () => {
    const created = await api("/api/v1/api_keys", { method: "POST", key, body: {} });
    const first = await api(`/api/v1/api_keys/${created.json.id}`, { method: "DELETE", key });
    const second = await api(`/api/v1/api_keys/${created.json.id}`, { method: "DELETE", key });
    assert.equal(second.status, 200);
    assert.equal(second.json.revoked_at, first.json.revoked_at);
  });
});
