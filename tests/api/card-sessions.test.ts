import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { describe, test } from "node:test";
import { listCardSessions } from "@/lib/card/get-card-sessions";
import { createApiKey } from "@/lib/merchants/create-api-key";
import { EXACT_TOTAL_CAP } from "@/lib/schemas/card-session";
import { api, BASE_URL, seedMerchant, testDb } from "../support/api";
import { seedSessionBody } from "../support/card";
import { PUBLIC_BASE_URL } from "../support/wallet";

// The Kadosei dialect's merchant API (contract "Card payment sessions (Kadosei dialect)"): creation and its validation,
// idempotency, JWTs, reads, lists and cancel. Payments, refunds and routing
// are in card-payments.test.ts.

const create = (key: string, body: unknown = seedSessionBody(), idempotencyKey = crypto.randomUUID()) =>
  api("/api/v1/sessions", { method: "POST", key, body, headers: { "Idempotency-Key": idempotencyKey } });

const tokenFor = async (apiKey: string, body?: unknown) => {
  const response = await api("/api/v1/auth/token", { method: "POST", key: apiKey, body });
  assert.equal(response.status, 200, response.text);
  return response.json.token as string;
};

// The original API's curl example, character for character but for its host and its token.
const SEED_CURL = `curl -X POST "https://api.example.com/api/v1/sessions" \\
  -H "Content-Type: application/json" \\
  -H "Idempotency-Key: example_string" \\
  -H "Authorization: Bearer YOUR_API_TOKEN (JWT)" \\
  -d '{
  "orderReference": "ORD-2024-001",
  "paymentMethod": "card",
  "currency": "AUD",
  "locale": "en_AU",
  "amount": {
    "total": 140.76,
    "shipping": 9.95,
    "tax": 11.81
  },
  "orderItems": [
    {
      "name": "Wireless Headphones",
      "sku": "WH-100",
      "quantity": 1,
      "unitPrice": 119
    }
  ],
  "customer": {
    "firstName": "Jane",
    "lastName": "Smith",
    "email": "jane.smith@example.com",
    "phone": "+61412345678",
    "billingAddress": {
      "line1": "123 Collins Street",
      "line2": "Level 5",
      "city": "Melbourne",
      "state": "VIC",
      "postalCode": "3000",
      "country": "AU"
    },
    "shippingAddress": {
      "line1": "123 Collins Street",
      "line2": "Level 5",
      "city": "Melbourne",
      "state": "VIC",
      "postalCode": "3000",
      "country": "AU"
    }
  },
  "shipping": {
    "type": "express",
    "method": "aus_post"
  },
  "additionalInformation": {
    "campaignId": "summer-sale-2024",
    "referralCode": "REF-ABC"
  },
  "redirectUrls": {
    "success": "https://merchant.example.com/checkout/success",
    "failure": "https://merchant.example.com/checkout/failure"
  }
}'`;

const runSeedCurl = (token: string) =>
  JSON.parse(
    execFileSync(
      "bash",
      ["-c", SEED_CURL.replace("https://api.example.com", BASE_URL).replace("YOUR_API_TOKEN (JWT)", token)],
      // curl's progress meter goes to stderr: captured, not shown.
      { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
    ),
  );

describe("POST /api/v1/sessions", () => {
  test("the original API's curl example works verbatim, with a JWT and with an API key", async () => {
    const { apiKey } = await seedMerchant("Seed shop");
    const created = runSeedCurl(await tokenFor(apiKey));
    assert.deepEqual(Object.keys(created).sort(), [
      "checkoutUrl",
      "createdAt",
      "expiresAt",
      "routing",
      "sessionId",
      "status",
    ]);
    assert.match(created.sessionId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(created.status, "PENDING");
    assert.ok(created.checkoutUrl.startsWith(`${PUBLIC_BASE_URL}/checkout/`));
    assert.equal(typeof created.routing.selectedProvider, "string");
    assert.ok(created.routing.score > 0 && created.routing.score <= 100);
    const ttl = Date.parse(created.expiresAt) - Date.parse(created.createdAt);
    assert.equal(ttl, 60 * 60 * 1000);

    // The same key and body again: the first answer, not a second session.
    const replayed = runSeedCurl(apiKey);
    assert.deepEqual(replayed, created);
    const stored = await testDb().cardSession.findUniqueOrThrow({ where: { id: created.sessionId } });
    assert.equal(stored.amountTotal, 14076n);
    assert.equal(stored.amountShipping, 995n);
    assert.equal(stored.amountTax, 1181n);
    assert.deepEqual(stored.orderItems, [
      { name: "Wireless Headphones", sku: "WH-100", quantity: 1, unitPrice: "11900" },
    ]);
  });

  test("Idempotency-Key is required; the same key with another body is a 422; a replay says so", async () => {
    const { merchantId, apiKey } = await seedMerchant("Idempotent shop");
    const missing = await api("/api/v1/sessions", { method: "POST", key: apiKey, body: seedSessionBody() });
    assert.equal(missing.status, 400);
    assert.equal(missing.json.error.param, "Idempotency-Key");
    const tooLong = await create(apiKey, seedSessionBody(), "k".repeat(256));
    assert.equal(tooLong.status, 400);

    const first = await create(apiKey, seedSessionBody(), "order-7");
    assert.equal(first.status, 201, first.text);
    const again = await create(apiKey, seedSessionBody(), "order-7");
    assert.equal(again.status, 201);
    assert.equal(again.headers.get("idempotent-replayed"), "true");
    assert.equal(again.text, first.text);
    const different = await create(apiKey, seedSessionBody({ orderReference: "ORD-2" }), "order-7");
    assert.equal(different.status, 422);
    assert.equal(different.json.error.code, "idempotency_key_reused");
    assert.equal(await testDb().cardSession.count({ where: { merchantId } }), 1);
  });

  test("50 concurrent creates with one Idempotency-Key make one session", async () => {
    const { merchantId, apiKey } = await seedMerchant("Stampede");
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => create(apiKey, seedSessionBody(), "same-key")),
    );
    const statuses = new Set(responses.map((response) => response.status));
    for (const status of statuses) assert.ok(status === 201 || status === 409, `unexpected ${status}`);
    const ids = new Set(
      responses.filter((response) => response.status === 201).map((response) => response.json.sessionId),
    );
    assert.equal(ids.size, 1);
    assert.equal(await testDb().cardSession.count({ where: { merchantId } }), 1);
    const later = await create(apiKey, seedSessionBody(), "same-key");
    assert.equal(later.json.sessionId, [...ids][0]);
  });

  test("every wrong field is a 400 naming it, and nothing is written", async () => {
    const { merchantId, apiKey } = await seedMerchant("Strict shop");
    const seed = seedSessionBody();
    const customer = seed.customer as Record<string, unknown>;
    const address = customer.billingAddress as Record<string, unknown>;
    const cases: [string, unknown, string][] = [
      ["totals that do not add up", { ...seed, amount: { total: 150, shipping: 9.95, tax: 11.81 } }, "amount.total"],
      ["too many decimals for AUD", { ...seed, orderItems: undefined, amount: { total: 10.001 } }, "amount.total"],
      ["decimals in JPY", { ...seed, currency: "JPY", orderItems: undefined, amount: { total: 1.5 } }, "amount.total"],
      [
        "a unit price with three decimals",
        { ...seed, orderItems: [{ name: "x", quantity: 1, unitPrice: 1.001 }] },
        "orderItems.0.unitPrice",
      ],
      ["a zero total", { ...seed, orderItems: undefined, amount: { total: 0 } }, "amount.total"],
      ["a negative shipping", { ...seed, amount: { ...seed.amount, shipping: -1 } }, "amount.shipping"],
      ["a string total", { ...seed, amount: { total: "140.76" } }, "amount.total"],
      ["an enormous total", { ...seed, orderItems: undefined, amount: { total: 1e12 } }, "amount.total"],
      [
        "a fractional quantity",
        { ...seed, orderItems: [{ name: "x", quantity: 1.5, unitPrice: 1 }] },
        "orderItems.0.quantity",
      ],
      ["an empty item list", { ...seed, orderItems: [] }, "orderItems"],
      ["an unknown currency", { ...seed, currency: "XYZ" }, "currency"],
      ["a lower-case currency", { ...seed, currency: "aud" }, "currency"],
      ["a currency no provider takes", { ...seed, currency: "BRL" }, "currency"],
      ["another payment method", { ...seed, paymentMethod: "paypal" }, "paymentMethod"],
      ["a malformed locale", { ...seed, locale: "english" }, "locale"],
      ["a bad e-mail", { ...seed, customer: { ...customer, email: "jane@" } }, "customer.email"],
      ["a phone without country code", { ...seed, customer: { ...customer, phone: "0412345678" } }, "customer.phone"],
      [
        "an unknown country",
        { ...seed, customer: { ...customer, billingAddress: { ...address, country: "XX" } } },
        "customer.billingAddress.country",
      ],
      [
        "a lower-case country",
        { ...seed, customer: { ...customer, shippingAddress: { ...address, country: "au" } } },
        "customer.shippingAddress.country",
      ],
      [
        "a javascript: URL",
        { ...seed, redirectUrls: { success: "javascript:alert(1)", failure: "https://a.example/" } },
        "redirectUrls.success",
      ],
      [
        "a plain http: URL",
        { ...seed, redirectUrls: { success: "https://a.example/", failure: "http://shop.example.com/f" } },
        "redirectUrls.failure",
      ],
      [
        "a relative URL",
        { ...seed, redirectUrls: { success: "/thanks", failure: "https://a.example/" } },
        "redirectUrls.success",
      ],
      [
        "oversized additionalInformation",
        {
          ...seed,
          additionalInformation: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, "v".repeat(300)])),
        },
        "additionalInformation",
      ],
      ["a too-long value", { ...seed, additionalInformation: { note: "v".repeat(501) } }, "additionalInformation.note"],
      ["a nested value", { ...seed, additionalInformation: { nested: { a: 1 } } }, "additionalInformation.nested"],
      ["an unknown field", { ...seed, discount: 5 }, "discount"],
      ["a missing orderReference", { ...seed, orderReference: undefined }, "orderReference"],
      ["a missing customer", { ...seed, customer: undefined }, "customer"],
      ["a missing redirect URL", { ...seed, redirectUrls: { success: "https://a.example/" } }, "redirectUrls.failure"],
    ];
    for (const [name, body, param] of cases) {
      const response = await create(apiKey, body);
      assert.equal(response.status, 400, `${name}: ${response.text}`);
      assert.equal(response.json.error.param ?? "", param, `${name}: ${response.text}`);
      assert.match(response.json.error.request_id, /^req_/);
    }
    const missing = await create(apiKey, { ...seed, orderReference: undefined });
    assert.equal(missing.json.error.code, "parameter_missing");
    const sum = await create(apiKey, { ...seed, amount: { total: 150, shipping: 9.95, tax: 11.81 } });
    assert.match(sum.json.error.message, /119\.00.*9\.95.*11\.81.*140\.76/);
    assert.equal(await testDb().cardSession.count({ where: { merchantId } }), 0);

    // What is optional really is; http://localhost is fine in test mode.
    const minimal = await create(apiKey, {
      orderReference: "MIN-1",
      paymentMethod: "card",
      currency: "JPY",
      amount: { total: 1500 },
      customer: { firstName: "Ken", lastName: "Sato", email: "ken@example.com" },
      redirectUrls: { success: "http://localhost:8080/ok", failure: "http://127.0.0.1:8080/ko" },
    });
    assert.equal(minimal.status, 201, minimal.text);
    const kwd = await create(apiKey, { ...seed, currency: "KWD", orderItems: undefined, amount: { total: 12.345 } });
    assert.equal(kwd.status, 201, kwd.text);
    assert.ok(["adyen", "checkout_com"].includes(kwd.json.routing.selectedProvider));
  });

  test("the only provider of a currency is chosen directly", async () => {
    const { apiKey } = await seedMerchant("Dubai shop");
    const response = await create(apiKey, {
      ...seedSessionBody(),
      currency: "AED",
      orderItems: undefined,
      amount: { total: 99 },
    });
    assert.equal(response.status, 201, response.text);
    assert.equal(response.json.routing.selectedProvider, "checkout_com");
    const session = await api(`/api/v1/sessions/${response.json.sessionId}`, { key: apiKey });
    assert.equal(session.json.routing.strategy, "only_eligible");
    assert.equal(session.json.routing.excluded.length, 3);
  });

  test("live mode has no card provider yet: a clear 503, nothing written", async () => {
    const { merchantId } = await seedMerchant("Live shop");
    const { secret } = await createApiKey(testDb(), { merchantId, mode: "live" });
    const response = await create(secret);
    assert.equal(response.status, 503);
    assert.match(response.json.error.message, /provider/);
    const localhost = await create(
      secret,
      seedSessionBody({ redirectUrls: { success: "http://localhost/ok", failure: "https://a.example/" } }),
    );
    assert.equal(localhost.status, 400);
    assert.equal(localhost.json.error.param, "redirectUrls.success");
    assert.equal(await testDb().cardSession.count({ where: { merchantId } }), 0);
  });
});

describe("JWT from POST /api/v1/auth/token", () => {
  test("is short-lived, audience-bound, accepted by the card API only, and dies with its key", async () => {
    const { merchantId, apiKey } = await seedMerchant("Token shop");
    const issued = await api("/api/v1/auth/token", { method: "POST", key: apiKey });
    assert.equal(issued.status, 200);
    assert.equal(issued.json.tokenType, "Bearer");
    assert.equal(issued.json.expiresIn, 3600);
    const [, payload] = String(issued.json.token).split(".");
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString());
    assert.equal(claims.aud, "tillpoint:card-sessions");
    assert.equal(claims.exp - claims.iat, 3600);
    assert.equal(claims.merchant_id, merchantId);

    const short = await api("/api/v1/auth/token", { method: "POST", key: apiKey, body: { expiresIn: 120 } });
    assert.equal(short.json.expiresIn, 120);
    for (const expiresIn of [3601, 10, "60"]) {
      const refused = await api("/api/v1/auth/token", { method: "POST", key: apiKey, body: { expiresIn } });
      assert.equal(refused.status, 400);
      assert.equal(refused.json.error.param, "expiresIn");
    }
    const token = issued.json.token as string;
    assert.equal((await api("/api/v1/sessions", { key: token })).status, 200);
    // A token does not buy another token, nor the other dialects.
    assert.equal((await api("/api/v1/auth/token", { method: "POST", key: token })).status, 401);
    assert.equal((await api("/api/v1/checkout", { key: token })).status, 401);
    // Tampered: the signature no longer matches.
    const [header, body, signature] = token.split(".");
    const forged = Buffer.from(JSON.stringify({ ...claims, merchant_id: "mer_other" })).toString("base64url");
    assert.equal((await api("/api/v1/sessions", { key: `${header}.${forged}.${signature}` })).status, 401);
    assert.equal((await api("/api/v1/sessions", { key: `${header}.${body}.${signature.slice(0, -2)}xx` })).status, 401);

    const key = await testDb().apiKey.findFirstOrThrow({ where: { merchantId } });
    await testDb().apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } });
    const revoked = await api("/api/v1/sessions", { key: token });
    assert.equal(revoked.status, 401);
    assert.match(revoked.json.error.message, /revoked/);
  });
});

describe("reading sessions", () => {
  test("GET shows the session with its routing; another merchant, a malformed id and no key get 404/401", async () => {
    const { apiKey } = await seedMerchant("Reader");
    const created = await create(apiKey);
    const id = created.json.sessionId as string;
    const read = await api(`/api/v1/sessions/${id}`, { key: apiKey });
    assert.equal(read.status, 200);
    assert.equal(read.json.status, "PENDING");
    assert.deepEqual(read.json.amount, { total: 140.76, shipping: 9.95, tax: 11.81, captured: 0, refunded: 0 });
    assert.equal(read.json.orderItems[0].unitPrice, 119);
    assert.equal(read.json.routing.selectedProvider, created.json.routing.selectedProvider);
    assert.equal(read.json.routing.ranked[0].provider, created.json.routing.selectedProvider);
    assert.ok("authorizationRate" in read.json.routing.ranked[0].inputs);
    assert.deepEqual(read.json.attempts, []);
    assert.equal(read.json.attemptsRemaining, 3);

    const other = await seedMerchant("Other");
    assert.equal((await api(`/api/v1/sessions/${id}`, { key: other.apiKey })).status, 404);
    assert.equal((await api("/api/v1/sessions/not-a-uuid", { key: apiKey })).status, 404);
    assert.equal((await api(`/api/v1/sessions/${crypto.randomUUID()}`, { key: apiKey })).status, 404);
    assert.equal((await api(`/api/v1/sessions/${id}`)).status, 401);
  });

  test("the list pages with page, limit and total, newest first, and filters by status", async () => {
    const { apiKey } = await seedMerchant("Lister");
    const ids: string[] = [];
    for (let index = 0; index < 5; index++) ids.push((await create(apiKey)).json.sessionId);
    await api(`/api/v1/sessions/${ids[1]}/cancel`, { method: "POST", key: apiKey });

    const first = await api("/api/v1/sessions?page=1&limit=2", { key: apiKey });
    assert.equal(first.status, 200);
    assert.equal(first.json.total, 5);
    assert.equal(first.json.total_exact, true);
    assert.equal(first.json.page, 1);
    assert.equal(first.json.limit, 2);
    assert.deepEqual(
      first.json.data.map((session: { sessionId: string }) => session.sessionId),
      [ids[4], ids[3]],
    );
    const last = await api("/api/v1/sessions?page=3&limit=2", { key: apiKey });
    assert.deepEqual(
      last.json.data.map((session: { sessionId: string }) => session.sessionId),
      [ids[0]],
    );
    const beyond = await api("/api/v1/sessions?page=9&limit=2", { key: apiKey });
    assert.deepEqual(beyond.json.data, []);
    const cancelled = await api("/api/v1/sessions?status=CANCELLED", { key: apiKey });
    assert.equal(cancelled.json.total, 1);
    assert.equal(cancelled.json.data[0].sessionId, ids[1]);
    for (const query of ["status=DONE", "page=0", "limit=101", "page=x"]) {
      const refused = await api(`/api/v1/sessions?${query}`, { key: apiKey });
      assert.equal(refused.status, 400, query);
      assert.equal(refused.json.error.param, query.split("=")[0]);
    }
  });

  test(`the total is exact up to ${EXACT_TOTAL_CAP.toLocaleString("en")} sessions and PostgreSQL's estimate beyond`, async () => {
    const { apiKey, merchantId } = await seedMerchant("Busy Lister");
    const { sessionId } = (await create(apiKey)).json;
    const cancelled = (await create(apiKey)).json.sessionId;
    assert.equal((await api(`/api/v1/sessions/${cancelled}/cancel`, { method: "POST", key: apiKey })).status, 200);
    // Expired copies of the first session, one second apart going back in time: twice the cap.
    const copies = 2 * EXACT_TOTAL_CAP;
    const columns = (
      await testDb().$queryRaw<{ column_name: string }[]>`
        SELECT column_name FROM information_schema.columns
        WHERE table_name = 'card_sessions' AND table_schema = current_schema() ORDER BY ordinal_position`
    ).map((row) => row.column_name);
    const computed: Record<string, string> = {
      id: "gen_random_uuid()",
      secret: "'copy_' || g.n || '_' || s.secret",
      status: "'EXPIRED'",
      created_at: "s.created_at - g.n * interval '1 second'",
      expires_at: "s.created_at - g.n * interval '1 second'",
    };
    await testDb().$executeRawUnsafe(
      `INSERT INTO card_sessions (${columns.map((name) => `"${name}"`).join(", ")})
       SELECT ${columns.map((name) => computed[name] ?? `s."${name}"`).join(", ")}
       FROM card_sessions s, generate_series(1, $1::int) AS g(n) WHERE s.id = $2::uuid`,
      copies,
      sessionId,
    );
    await testDb().$executeRawUnsafe("ANALYZE card_sessions");
    const stored = copies + 2;

    const listed = await api("/api/v1/sessions?limit=3", { key: apiKey });
    assert.equal(listed.status, 200, listed.text);
    assert.equal(listed.json.total_exact, false);
    // Beyond what the capped count alone could say (it stops at the cap + 1).
    assert.ok(listed.json.total > 1.5 * EXACT_TOTAL_CAP, `estimate ${listed.json.total} is past the cap`);
    // ANALYZE samples the table: its figure for one merchant is near the truth, not equal to it.
    assert.ok(Math.abs(listed.json.total - stored) < stored / 2, `estimate ${listed.json.total} for ${stored}`);
    assert.equal(listed.json.data.length, 3);
    assert.equal(listed.json.data[0].sessionId, cancelled, "newest first");
    // Once over the cap, a scope's lists (whichever HTTP process answers) stay estimated, with the newest first.
    const newest = (await create(apiKey)).json.sessionId;
    for (let again = 0; again < 4; again++) {
      const relisted = await api("/api/v1/sessions?limit=3", { key: apiKey });
      assert.equal(relisted.json.total_exact, false);
      assert.ok(relisted.json.total > EXACT_TOTAL_CAP, `estimate ${relisted.json.total} is past the cap`);
      assert.equal(relisted.json.data[0].sessionId, newest);
    }
    // A filter that matches fewer than the cap is counted exactly.
    const one = await api("/api/v1/sessions?status=CANCELLED", { key: apiKey });
    assert.deepEqual([one.json.total, one.json.total_exact], [1, true]);
    // A deep page is served.
    const deep = await api(`/api/v1/sessions?limit=100&page=${Math.ceil((stored + 1) / 100)}`, { key: apiKey });
    assert.equal(deep.status, 200, deep.text);
    assert.equal(deep.json.data.length, (stored + 1) % 100 || 100);
    assert.equal(await testDb().cardSession.count({ where: { merchantId } }), stored + 1);

    // A scope known to be over the cap is not counted again (sessions are never deleted). Shown in this process:
    // the copies removed behind its back, which only a count would notice.
    const scope = { merchantId, mode: "test" as const };
    assert.equal((await listCardSessions(testDb(), scope, { page: 1, limit: 3 })).totalExact, false);
    await testDb().cardSession.deleteMany({ where: { merchantId, secret: { startsWith: "copy_" } } });
    const remembered = await listCardSessions(testDb(), scope, { page: 1, limit: 3 });
    assert.equal(remembered.totalExact, false);
    assert.equal(remembered.rows.length, 3);
  });
});

describe("one state per session: the list filter, the object and the page agree", () => {
  test("each session is listed under exactly the status its object shows, the sweep's work done or not", async () => {
    const { apiKey } = await seedMerchant("States");
    const session = async (data: Record<string, unknown>) => {
      const { sessionId } = (await create(apiKey)).json;
      await testDb().cardSession.update({ where: { id: sessionId }, data });
      return sessionId as string;
    };
    const past = new Date(Date.now() - 1000);
    const expected: Record<string, string> = {
      [await session({})]: "PENDING",
      // Past its expiry, nobody paying: EXPIRED, before and after the sweep writes it.
      [await session({ expiresAt: past })]: "EXPIRED",
      // A claim that lapsed past the expiry, no outcome to learn: EXPIRED too.
      [await session({ expiresAt: past, status: "PROCESSING", processingUntil: past })]: "EXPIRED",
      // A payment held for its outcome (no deadline): PROCESSING, whatever the clock says.
      [await session({ expiresAt: past, status: "PROCESSING", processingUntil: null })]: "PROCESSING",
      // A claim still running: PROCESSING.
      [await session({ status: "PROCESSING", processingUntil: new Date(Date.now() + 60_000) })]: "PROCESSING",
      [await session({ status: "CANCELLED" })]: "CANCELLED",
    };
    for (const [id, status] of Object.entries(expected)) {
      assert.equal((await api(`/api/v1/sessions/${id}`, { key: apiKey })).json.status, status, id);
    }
    for (const status of ["PENDING", "PROCESSING", "EXPIRED", "CANCELLED", "SUCCEEDED"]) {
      const listed = await api(`/api/v1/sessions?status=${status}&limit=100`, { key: apiKey });
      const ids = listed.json.data.map((row: { sessionId: string; status: string }) => {
        assert.equal(row.status, status, `a ${row.status} session listed under ${status}`);
        return row.sessionId;
      });
      const want = Object.keys(expected).filter((id) => expected[id] === status);
      assert.deepEqual(ids.sort(), want.sort(), status);
      assert.equal(listed.json.total, want.length, status);
    }
  });
});

describe("POST /api/v1/sessions/{id}/cancel", () => {
  test("cancels a pending session once; the hosted page then refuses to pay", async () => {
    const { apiKey } = await seedMerchant("Canceller");
    const { sessionId } = (await create(apiKey)).json;
    const cancelled = await api(`/api/v1/sessions/${sessionId}/cancel`, { method: "POST", key: apiKey });
    assert.equal(cancelled.status, 200);
    assert.equal(cancelled.json.status, "CANCELLED");
    const again = await api(`/api/v1/sessions/${sessionId}/cancel`, { method: "POST", key: apiKey });
    assert.equal(again.status, 200);
    assert.equal(again.json.status, "CANCELLED");
    const other = await seedMerchant("Not the owner");
    assert.equal(
      (await api(`/api/v1/sessions/${sessionId}/cancel`, { method: "POST", key: other.apiKey })).status,
      404,
    );
  });
});
