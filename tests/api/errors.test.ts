import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { api, seedMerchant, testDb } from "../support/api";

// contract "Conventions shared by every API": every non-2xx is {"error": {code, message, param?, request_id}},
// every response has X-Request-Id, bad input is a 4xx and writes nothing.

const assertError = (response: Awaited<ReturnType<typeof api>>, status: number, code: string, param?: string) => {
  assert.equal(response.status, status, response.text);
  assert.equal(response.json.error.code, code);
  assert.equal(typeof response.json.error.message, "string");
  assert.match(response.json.error.request_id, /^req_[0-9A-Z]{26}$/);
  assert.equal(response.headers.get("x-request-id"), response.json.error.request_id);
  if (param) assert.equal(response.json.error.param, param);
};

describe("one error shape", () => {
  let key: string;
  let merchantId: string;
  before(async () => {
    ({ apiKey: key, merchantId } = await seedMerchant());
  });

  test("unknown API routes are JSON 404s for every method", async () => {
    for (const path of ["/api/nope", "/api/v1/nothing/here", "/v1/unknown"]) {
      for (const method of ["GET", "POST", "DELETE"]) {
        assertError(await api(path, { method, key }), 404, "not_found");
      }
    }
  });

  test("a method the route does not have is a 405 with Allow", async () => {
    const response = await api("/api/v1/api_keys", { method: "PUT", key, body: {} });
    assertError(response, 405, "method_not_allowed");
    assert.equal(response.headers.get("allow"), "GET, POST");
  });

  test("a path with broken percent-encoding is a 400, not a 500", async () => {
    for (const path of ["/v1/%E0%A4%A", "/api/v1/api_keys/%E0%A4%A"]) {
      assertError(await api(path, { key }), 400, "parameter_invalid");
    }
    for (const path of ["/checkout/%E0%A4%A", "/embed/checkout/%E0%A4%A"]) {
      const response = await api(path);
      assert.equal(response.status, 400, path);
      assert.match(response.headers.get("x-request-id") ?? "", /^req_/);
    }
  });

  test("malformed JSON → 400 invalid_json", async () => {
    assertError(await api("/api/v1/api_keys", { method: "POST", key, body: "{not json" }), 400, "invalid_json");
  });

  test("a 30,000-deep body with an Idempotency-Key → 400, and the key stays free", async () => {
    const deep = `${"[".repeat(30_000)}${"]".repeat(30_000)}`;
    const headers = { "Idempotency-Key": "deep-body" };
    for (const path of ["/api/v1/api_keys", "/api/v1/sessions", "/api/v1/checkout"]) {
      assertError(await api(path, { method: "POST", key, body: deep, headers }), 400, "invalid_json");
    }
    const nested = JSON.stringify({ metadata: JSON.parse(`${'{"a":'.repeat(40)}1${"}".repeat(40)}`) });
    assertError(await api("/api/v1/checkout", { method: "POST", key, body: nested }), 400, "invalid_json");
    assert.equal(await testDb().idempotencyKey.count({ where: { merchantId, key: "deep-body" } }), 0);
  });

  test("a NUL character in a text field → 400 naming the field, nothing written", async () => {
    const before = await testDb().webhookEndpoint.count({ where: { merchantId } });
    assertError(
      await api("/api/v1/webhooks", {
        method: "POST",
        key,
        body: { url: "https://example.com/hook", description: "a\u0000b" },
      }),
      400,
      "parameter_invalid",
      "description",
    );
    assertError(
      await api("/api/v1/api_keys", { method: "POST", key, body: { name: "x\u0000" } }),
      400,
      "parameter_invalid",
      "name",
    );
    assert.equal(await testDb().webhookEndpoint.count({ where: { merchantId } }), before);
  });

  test("a body that is not JSON → 415", async () => {
    const response = await api("/api/v1/api_keys", {
      method: "POST",
      key,
      body: "name=x",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    assertError(response, 415, "unsupported_media_type");
  });

  test("an oversize body → 413", async () => {
    const body = JSON.stringify({ name: "x".repeat(70 * 1024) });
    assertError(await api("/api/v1/api_keys", { method: "POST", key, body }), 413, "payload_too_large");
  });

  test("wrong field types and unknown fields → 400 naming the field", async () => {
    assertError(
      await api("/api/v1/api_keys", { method: "POST", key, body: { name: 5 } }),
      400,
      "parameter_invalid",
      "name",
    );
    assertError(
      await api("/api/v1/api_keys", { method: "POST", key, body: { name: "" } }),
      400,
      "parameter_invalid",
      "name",
    );
    assertError(await api("/api/v1/api_keys", { method: "POST", key, body: [] }), 400, "parameter_invalid");
    assertError(await api("/api/v1/api_keys", { method: "POST", key, body: "null" }), 400, "parameter_invalid");
    assertError(
      await api("/api/v1/api_keys", { method: "POST", key, body: { nme: "typo" } }),
      400,
      "parameter_invalid",
      "nme",
    );
    assertError(await api("/api/v1/api_keys?limit=0", { key }), 400, "parameter_invalid", "limit");
    assertError(await api("/api/v1/api_keys?limit=abc", { key }), 400, "parameter_invalid", "limit");
  });

  test("rejected requests write nothing", async () => {
    const count = () => testDb().apiKey.count({ where: { merchantId } });
    const keysBefore = await count();
    await api("/api/v1/api_keys", { method: "POST", key, body: "{not json" });
    await api("/api/v1/api_keys", { method: "POST", key, body: { name: 5 } });
    await api("/api/v1/api_keys", { method: "POST", key, body: JSON.stringify({ name: "x".repeat(70 * 1024) }) });
    await api("/api/v1/api_keys", { method: "POST", body: { name: "no key" } });
    assert.equal(await count(), keysBefore);
  });

  test("pages and static files carry X-Request-Id too", async () => {
    for (const path of ["/", "/docs", "/no-such-page", "/robots.txt", "/icon.svg"]) {
      const response = await api(path);
      assert.match(response.headers.get("x-request-id") ?? "", /^req_/, path);
    }
    assert.equal((await api("/no-such-page")).status, 404);
  });

  test("a client-sent X-Request-Id is replaced by ours", async () => {
    const response = await api("/api/health", { headers: { "X-Request-Id": "forged" } });
    assert.match(response.headers.get("x-request-id") ?? "", /^req_[0-9A-Z]{26}$/);
  });
});

describe("health", () => {
  test("GET /api/health does a database round trip", async () => {
    const response = await api("/api/health");
    assert.equal(response.status, 200);
    assert.equal(response.json.status, "ok");
    assert.equal(response.json.database.status, "ok");
    assert.equal(response.headers.get("cache-control"), "no-store");
  });

  test("GET /api/health/live answers a constant body; other methods are a 405", async () => {
    const response = await api("/api/health/live");
    assert.equal(response.status, 200);
    assert.equal(response.text, '{"status":"ok"}');
    assert.equal(response.headers.get("cache-control"), "no-store");
    const post = await api("/api/health/live", { method: "POST", body: {} });
    assert.equal(post.status, 405);
    assert.equal(post.headers.get("allow"), "GET");
  });
});
