import assert from "node:assert/strict";
import { describe, test } from "node:test";
import createClient from "openapi-fetch";
import type { paths } from "@/lib/generated/openapi";
import { openApiDocument } from "@/lib/openapi/document";
import { BASE_URL, seedMerchant } from "../support/api";

// A client generated from the document (openapi-typescript's types, openapi-fetch's
// calls), as an integrator would make one: it type-checks in the tests' static
// phase, and here it talks to the server. Its answers are checked against the
// document too (tests/support/contract.ts), like every other.

describe("a client generated from /api/openapi.json", () => {
  test("the served document is the one the code builds", async () => {
    const response = await fetch(`${BASE_URL}/api/openapi.json`);
    assert.equal(response.status, 200);
    const served = await response.json();
    assert.deepEqual(served, JSON.parse(JSON.stringify(openApiDocument())));
    assert.equal(served.openapi, "3.1.0");
  });

  test("creates a card session, reads it back, and reads a 404 in the one error shape", async () => {
    const { apiKey } = await seedMerchant("Typed client shop");
    const client = createClient<paths>({ baseUrl: BASE_URL, headers: { Authorization: `Bearer ${apiKey}` } });
    const created = await client.POST("/api/v1/sessions", {
      params: { header: { "idempotency-key": crypto.randomUUID() } },
      body: {
        orderReference: "TYPED-1",
        paymentMethod: "card",
        currency: "EUR",
        amount: { total: 25.5 },
        orderItems: [{ name: "Mug", sku: "MUG-1", quantity: 1, unitPrice: 25.5 }],
        customer: { firstName: "Ada", lastName: "Lovelace", email: "ada@example.com" },
        redirectUrls: { success: "https://shop.example.com/ok", failure: "https://shop.example.com/failed" },
      },
    });
    assert.equal(created.response.status, 201, JSON.stringify(created.error));
    const sessionId = created.data?.sessionId ?? "";
    assert.match(sessionId, /^[0-9a-f-]{36}$/);

    const read = await client.GET("/api/v1/sessions/{id}", { params: { path: { id: sessionId } } });
    assert.equal(read.response.status, 200);
    assert.equal(read.data?.status, "PENDING");

    const missing = await client.GET("/api/v1/sessions/{id}", {
      params: { path: { id: "00000000-0000-4000-8000-000000000000" } },
    });
    assert.equal(missing.response.status, 404);
    assert.equal(missing.error?.error.code, "not_found");
  });

  test("the wallet dialect and the shared APIs through the same client", async () => {
    const { apiKey } = await seedMerchant("Typed client wallet shop");
    const client = createClient<paths>({ baseUrl: BASE_URL, headers: { Authorization: `Bearer ${apiKey}` } });
    const connections = await client.GET("/v1/connections", { params: { query: { limit: 5 } } });
    assert.equal(connections.response.status, 200);
    assert.deepEqual(connections.data?.data, []);
    assert.equal(connections.data?.has_more, false);

    const types = await client.GET("/api/v1/event_types");
    assert.ok((types.data?.data.length ?? 0) > 10);

    const endpoint = await client.POST("/api/v1/webhooks", {
      body: { url: "https://hooks.example.com/typed", events: ["session.completed"] },
    });
    assert.equal(endpoint.response.status, 201, JSON.stringify(endpoint.error));
    assert.match(endpoint.data?.secret ?? "", /^whsec_/);
  });
});
