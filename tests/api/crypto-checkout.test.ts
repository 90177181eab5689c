import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { expireDueCryptoSessions } from "@/lib/crypto/close-crypto-session";
import { deriveDepositAddress } from "@/lib/crypto/derive-address";
import { createApiKey } from "@/lib/merchants/create-api-key";
import { api, seedMerchant, testDb } from "../support/api";
import { checkoutBody, randomXpub, secretOf } from "../support/crypto";
import { PUBLIC_BASE_URL } from "../support/wallet";
import { eventually, startReceiver } from "../support/webhook-receiver";

// The WeWire dialect against a server with no chain configured: test mode
// offers every asset and takes simulated payments (the chain itself is tested
// in tests/chain).

/** The hosted page's endpoints, as the browser calls them. */
export const hosted = (secret: string, action?: "asset" | "cancel" | "simulate", body?: unknown) =>
  api(`/api/hosted/crypto/${secret}${action ? `/${action}` : ""}`, { method: action ? "POST" : "GET", body });

export const seedCryptoMerchant = async (name = "Crypto Co") => {
  const merchant = await seedMerchant(name);
  const xpub = randomXpub();
  const settings = await api("/api/v1/crypto/settings", { method: "PUT", key: merchant.apiKey, body: { xpub } });
  if (settings.status !== 200) throw new Error(`setting the xpub failed: ${settings.text}`);
  return { ...merchant, xpub };
};

const create = (key: string, overrides: Record<string, unknown> = {}) =>
  api("/api/v1/checkout", { method: "POST", key, body: checkoutBody(overrides) });

describe("crypto settings (extended public key)", () => {
  test("unset, refused keys, then set: the next deposit address is the key's child 0/0", async () => {
    const { merchantId, apiKey } = await seedMerchant("Keyless");
    const before = await api("/api/v1/crypto/settings", { key: apiKey });
    assert.equal(before.status, 200);
    assert.equal(before.json.xpub, null);
    assert.deepEqual(before.json.assets, ["ETH", "USDC", "USDT"]);

    const noKey = await create(apiKey);
    assert.equal(noKey.status, 409);
    assert.match(noKey.json.error.message, /extended public key/);

    for (const xpub of ["nonsense", `xprv${"1".repeat(107)}`, "", 42]) {
      const refused = await api("/api/v1/crypto/settings", { method: "PUT", key: apiKey, body: { xpub } });
      assert.equal(refused.status, 400, String(xpub));
      assert.equal(refused.json.error.param, "xpub");
    }
    assert.equal(await testDb().cryptoAccount.count({ where: { merchantId } }), 0);

    const xpub = randomXpub();
    const set = await api("/api/v1/crypto/settings", { method: "PUT", key: apiKey, body: { xpub } });
    assert.equal(set.status, 200, set.text);
    assert.equal(set.json.xpub, xpub);
    assert.equal(set.json.nextAddress, deriveDepositAddress(xpub, 0));
    assert.equal(set.json.network.chainId, 31337);
  });

  test("a new key retires the old one; going back resumes its counter (no address is handed out twice)", async () => {
    const { apiKey } = await seedMerchant("Key switcher");
    const [first, second] = [randomXpub(), randomXpub()];
    await api("/api/v1/crypto/settings", { method: "PUT", key: apiKey, body: { xpub: first } });
    const a = await create(apiKey);
    await api("/api/v1/crypto/settings", { method: "PUT", key: apiKey, body: { xpub: second } });
    const b = await create(apiKey);
    const back = await api("/api/v1/crypto/settings", { method: "PUT", key: apiKey, body: { xpub: first } });
    assert.equal(back.json.addressesUsed, 1);
    const c = await create(apiKey);
    const addresses = [a, b, c].map((response) =>
      testDb().cryptoCheckoutSession.findUniqueOrThrow({ where: { id: response.json.id } }),
    );
    const [rowA, rowB, rowC] = await Promise.all(addresses);
    assert.equal(rowA.address, deriveDepositAddress(first, 0));
    assert.equal(rowB.address, deriveDepositAddress(second, 0));
    assert.equal(rowC.address, deriveDepositAddress(first, 1));
  });

  test("an address another account already handed out (the same key) is skipped for the next one", async () => {
    const xpub = randomXpub();
    const [one, other] = [await seedMerchant("Shared key one"), await seedMerchant("Shared key other")];
    for (const { apiKey } of [one, other]) {
      const set = await api("/api/v1/crypto/settings", { method: "PUT", key: apiKey, body: { xpub } });
      assert.equal(set.status, 200, set.text);
    }
    const first = await create(one.apiKey, { email: "shared@example.com" });
    assert.equal(first.status, 200, first.text);
    // The other account's index 0 derives the same address: its session gets index 1's.
    const headers = { "Idempotency-Key": `shared-${Date.now()}` };
    const body = checkoutBody({ email: "shared@example.com" });
    const second = await api("/api/v1/checkout", { method: "POST", key: other.apiKey, body, headers });
    assert.equal(second.status, 200, second.text);
    // Its replay is the same session, and takes no deposit index.
    const replay = await api("/api/v1/checkout", { method: "POST", key: other.apiKey, body, headers });
    assert.equal(replay.headers.get("idempotent-replayed"), "true");
    assert.equal(replay.json.id, second.json.id);
    const settings = await api("/api/v1/crypto/settings", { key: other.apiKey });
    assert.equal(settings.json.addressesUsed, 2);
    const [rowOne, rowOther] = await Promise.all(
      [first, second].map((response) =>
        testDb().cryptoCheckoutSession.findUniqueOrThrow({ where: { id: response.json.id } }),
      ),
    );
    assert.equal(rowOne.address, deriveDepositAddress(xpub, 0));
    assert.deepEqual([rowOther.address, rowOther.derivationIndex], [deriveDepositAddress(xpub, 1), 1]);
    // The refused statement wrote nothing: one customer, one session.
    assert.equal(await testDb().cryptoCustomer.count({ where: { merchantId: other.merchantId } }), 1);
    assert.equal(await testDb().cryptoCheckoutSession.count({ where: { merchantId: other.merchantId } }), 1);
  });
});

describe("crypto checkout sessions (WeWire dialect)", () => {
  let merchantId: string;
  let apiKey: string;
  before(async () => {
    ({ merchantId, apiKey } = await seedCryptoMerchant());
  });

  test("create returns the original API's session object with status, checkoutUrl and no payment yet", async () => {
    const response = await create(apiKey, {
      amount: 19.99,
      allowedAssets: ["USDC", "ETH"],
      metadata: { orderId: "A-1" },
    });
    assert.equal(response.status, 200, response.text);
    const session = response.json;
    assert.match(session.id, /^ccs_[0-9A-Z]{26}$/);
    assert.equal(session.status, "open");
    assert.equal(session.amount, 19.99);
    assert.equal(session.currency, "USD");
    assert.deepEqual(session.allowedAssets, ["USDC", "ETH"]);
    assert.deepEqual(session.metadata, { orderId: "A-1" });
    assert.equal(session.redirectUrl, "https://shop.example.com/success");
    assert.equal(session.cancelUrl, "https://shop.example.com/cancel");
    for (const field of ["email", "name", "productId", "productName", "productDescription"]) {
      assert.equal(session[field], checkoutBody()[field as keyof ReturnType<typeof checkoutBody>]);
    }
    assert.match(session.customerId, /^cus_/);
    assert.deepEqual(session.customer, {
      id: session.customerId,
      email: "ada@example.com",
      name: "Ada Lovelace",
      createdAt: session.customer.createdAt,
    });
    assert.equal(session.payment, null);
    assert.ok(Date.parse(session.expiresAt) - Date.parse(session.createdAt) === 60 * 60_000);
    assert.ok(session.checkoutUrl.startsWith(`${PUBLIC_BASE_URL}/checkout/`));
    assert.match(secretOf(session.checkoutUrl, PUBLIC_BASE_URL), /^cxs_test_/);

    const again = await api(`/api/v1/checkout/sessions/${session.id}`, { key: apiKey });
    assert.equal(again.status, 200);
    assert.deepEqual(again.json, session);
    const row = await testDb().cryptoCheckoutSession.findUniqueOrThrow({ where: { id: session.id } });
    assert.equal(row.amount, 1999n);
  });

  test("every wrong field is a 400 naming it, and nothing is written", async () => {
    const countBefore = await testDb().cryptoCheckoutSession.count({ where: { merchantId } });
    const tooManyKeys = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"]));
    const cases: [Record<string, unknown>, string, string?][] = [
      [{ amount: -5 }, "amount"],
      [{ amount: 0 }, "amount"],
      [{ amount: 10.001 }, "amount"],
      [{ amount: 1.5, currency: "JPY" }, "amount"],
      [{ amount: "100" }, "amount"],
      [{ amount: 1e17 }, "amount"],
      [{ currency: "XYZ" }, "currency"],
      [{ currency: "usd" }, "currency"],
      [{ currency: "BTC" }, "currency"],
      [{ allowedAssets: ["BTC"] }, "allowedAssets.0"],
      [{ allowedAssets: "ETH" }, "allowedAssets"],
      [{ allowedAssets: ["ETH", "ETH"] }, "allowedAssets"],
      [{ metadata: [] }, "metadata"],
      [{ metadata: "order 1" }, "metadata"],
      [{ metadata: { n: 1 } }, "metadata.n"],
      [{ metadata: { n: "x".repeat(501) } }, "metadata.n"],
      [{ metadata: tooManyKeys }, "metadata"],
      [{ successUrl: "javascript:alert(1)" }, "successUrl"],
      [{ successUrl: "http://evil.example/" }, "successUrl"],
      [{ cancelUrl: "/relative" }, "cancelUrl"],
      [{ email: "not-an-email" }, "email"],
      [{ name: "" }, "name"],
      [{ productName: "x".repeat(201) }, "productName"],
      [{ surprise: true }, "surprise"],
    ];
    for (const [overrides, param] of cases) {
      const response = await create(apiKey, overrides);
      assert.equal(response.status, 400, `${JSON.stringify(overrides)} → ${response.text}`);
      assert.equal(response.json.error.param ?? "", param, JSON.stringify(overrides));
    }
    for (const field of Object.keys(checkoutBody())) {
      const body: Record<string, unknown> = checkoutBody();
      delete body[field];
      const response = await api("/api/v1/checkout", { method: "POST", key: apiKey, body });
      assert.equal(response.status, 400, field);
      assert.equal(response.json.error.code, "parameter_missing", field);
      assert.equal(response.json.error.param, field);
    }
    assert.equal(await testDb().cryptoCheckoutSession.count({ where: { merchantId } }), countBefore);
  });

  test("list: a bare array, newest first, limit and starting_after, next page in a Link header", async () => {
    const { apiKey: key } = await seedCryptoMerchant("Lister");
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await create(key, { productId: `p${i}` })).json.id);
    const first = await api("/api/v1/checkout?limit=2", { key });
    assert.equal(first.status, 200);
    assert.deepEqual(
      first.json.map((s: { id: string }) => s.id),
      [ids[2], ids[1]],
    );
    const link = first.headers.get("link") ?? "";
    const next = /^<([^>]+)>; rel="next"$/.exec(link)?.[1];
    assert.ok(next, link);
    assert.equal(new URL(next).searchParams.get("starting_after"), ids[1]);
    const second = await api(`${new URL(next).pathname}${new URL(next).search}`, { key });
    assert.deepEqual(
      second.json.map((s: { id: string }) => s.id),
      [ids[0]],
    );
    assert.equal(second.headers.get("link"), null);
    assert.equal((await api("/api/v1/checkout?limit=0", { key })).status, 400);
    assert.equal((await api("/api/v1/checkout?limit=101", { key })).status, 400);
    // Another merchant sees none of them, and cannot read one.
    const other = await seedCryptoMerchant("Other");
    assert.deepEqual((await api("/api/v1/checkout", { key: other.apiKey })).json, []);
    assert.equal((await api(`/api/v1/checkout/sessions/${ids[0]}`, { key: other.apiKey })).status, 404);
    assert.equal((await api("/api/v1/checkout/sessions/ccs_nope", { key })).status, 404);
    assert.equal((await api(`/api/v1/checkout/${ids[0]}/expire`, { method: "POST", key: other.apiKey })).status, 404);
  });

  test("expire and cancel: 201 with no body, a no-op when repeated, 409 once money is seen or paid", async () => {
    const expired = (await create(apiKey)).json;
    const first = await api(`/api/v1/checkout/${expired.id}/expire`, { method: "POST", key: apiKey });
    assert.equal(first.status, 201);
    assert.equal(first.text, "");
    assert.equal((await api(`/api/v1/checkout/${expired.id}/expire`, { method: "POST", key: apiKey })).status, 201);
    assert.equal((await api(`/api/v1/checkout/${expired.id}/cancel`, { method: "POST", key: apiKey })).status, 201);
    assert.equal((await api(`/api/v1/checkout/sessions/${expired.id}`, { key: apiKey })).json.status, "expired");

    const canceled = (await create(apiKey)).json;
    assert.equal((await api(`/api/v1/checkout/${canceled.id}/cancel`, { method: "POST", key: apiKey })).status, 201);
    assert.equal((await api(`/api/v1/checkout/sessions/${canceled.id}`, { key: apiKey })).json.status, "canceled");
    // The hosted page of a closed session can no longer choose an asset.
    assert.equal(
      (await hosted(secretOf(canceled.checkoutUrl, PUBLIC_BASE_URL), "asset", { asset: "ETH" })).status,
      409,
    );

    const pending = (await create(apiKey)).json;
    const pendingSecret = secretOf(pending.checkoutUrl, PUBLIC_BASE_URL);
    await hosted(pendingSecret, "asset", { asset: "USDC" });
    await hosted(pendingSecret, "simulate", { kind: "partial" });
    const paid = (await create(apiKey)).json;
    const paidSecret = secretOf(paid.checkoutUrl, PUBLIC_BASE_URL);
    await hosted(paidSecret, "asset", { asset: "USDC" });
    await hosted(paidSecret, "simulate", { kind: "full" });
    for (const session of [pending, paid]) {
      for (const action of ["expire", "cancel"]) {
        const response = await api(`/api/v1/checkout/${session.id}/${action}`, { method: "POST", key: apiKey });
        assert.equal(response.status, 409, `${action} ${session.id}`);
        assert.equal(response.json.error.code, "state_conflict");
      }
    }
    assert.equal((await api(`/api/v1/checkout/sessions/${paid.id}`, { key: apiKey })).json.status, "completed");
  });

  test("hosted: choosing an asset locks an exact quote; partial → pending with the remainder; the rest completes", async () => {
    const session = (await create(apiKey, { allowedAssets: ["USDC", "ETH"] })).json;
    const secret = secretOf(session.checkoutUrl, PUBLIC_BASE_URL);
    const refused = await hosted(secret, "asset", { asset: "USDT" });
    assert.equal(refused.status, 400);
    assert.equal(refused.json.error.param, "asset");
    assert.equal((await hosted(secret, "asset", { asset: "DOGE" })).status, 400);
    assert.equal((await hosted(secret, "asset", null)).status, 400);
    assert.equal((await hosted(secret, "simulate", { kind: "full" })).status, 409); // no asset yet

    assert.equal((await hosted(secret, "asset", { asset: "ETH" })).status, 200);
    let view = (await api(`/api/v1/checkout/sessions/${session.id}`, { key: apiKey })).json;
    assert.equal(view.payment.asset, "ETH");
    assert.equal(view.payment.amountDue, "0.033333333333333334"); // 100 USD at 3000, rounded up to the wei
    assert.equal(view.payment.baseUnits.amountDue, "33333333333333334");
    assert.equal(view.payment.rate, "3000");
    assert.equal(view.payment.network.chainId, 31337);
    const row = await testDb().cryptoCheckoutSession.findUniqueOrThrow({ where: { id: session.id } });
    assert.equal(view.payment.address, row.address);
    const lockedFor = Date.parse(view.payment.quoteExpiresAt) - Date.parse(view.payment.quotedAt);
    assert.ok(lockedFor >= 10 * 60_000, `quote held ${lockedFor} ms`);

    // Changing asset while nothing is paid re-quotes.
    await hosted(secret, "asset", { asset: "USDC" });
    view = (await api(`/api/v1/checkout/sessions/${session.id}`, { key: apiKey })).json;
    assert.deepEqual([view.payment.asset, view.payment.amountDue], ["USDC", "100"]);

    const partial = await hosted(secret, "simulate", { kind: "partial" });
    assert.equal(partial.status, 200, partial.text);
    assert.equal(partial.json.status, "pending");
    view = (await api(`/api/v1/checkout/sessions/${session.id}`, { key: apiKey })).json;
    assert.deepEqual([view.status, view.payment.amountReceived, view.payment.amountRemaining], ["pending", "50", "50"]);
    assert.equal(view.payment.transactions.length, 1);
    assert.equal(view.payment.transactions[0].simulated, true);
    // The asset is fixed once money is seen.
    assert.equal((await hosted(secret, "asset", { asset: "ETH" })).status, 409);

    const rest = await hosted(secret, "simulate", { kind: "full" });
    assert.equal(rest.json.status, "completed");
    assert.equal(rest.json.redirectUrl, "https://shop.example.com/success");
    view = (await api(`/api/v1/checkout/sessions/${session.id}`, { key: apiKey })).json;
    assert.deepEqual([view.status, view.payment.amountReceived, view.payment.overpaid], ["completed", "100", false]);
    assert.ok(view.completedAt);
    assert.equal((await hosted(secret, "simulate", { kind: "full" })).status, 409);
  });

  test("hosted: an overpayment completes flagged; cancel returns the cancelUrl", async () => {
    const over = (await create(apiKey)).json;
    const secret = secretOf(over.checkoutUrl, PUBLIC_BASE_URL);
    await hosted(secret, "asset", { asset: "USDT" });
    await hosted(secret, "simulate", { kind: "over" });
    const view = (await api(`/api/v1/checkout/sessions/${over.id}`, { key: apiKey })).json;
    assert.deepEqual([view.status, view.payment.overpaid, view.payment.amountReceived], ["completed", true, "110"]);

    const leaving = (await create(apiKey)).json;
    const canceled = await hosted(secretOf(leaving.checkoutUrl, PUBLIC_BASE_URL), "cancel");
    assert.deepEqual(canceled.json, { status: "canceled", redirectUrl: "https://shop.example.com/cancel" });
    assert.equal((await hosted("cxs_test_unknown", "cancel")).status, 404);
    assert.equal((await hosted(`cxs_test_${"A".repeat(43)}`)).status, 404);
  });

  test("an expired quote of an open session is renewed when the page next looks", async () => {
    const session = (await create(apiKey)).json;
    const secret = secretOf(session.checkoutUrl, PUBLIC_BASE_URL);
    await hosted(secret, "asset", { asset: "ETH" });
    const stale = new Date(Date.now() - 1000);
    await testDb().cryptoCheckoutSession.update({
      where: { id: session.id },
      data: { quoteExpiresAt: stale, quotedAt: stale },
    });
    await hosted(secret);
    const row = await testDb().cryptoCheckoutSession.findUniqueOrThrow({ where: { id: session.id } });
    assert.ok(row.quoteExpiresAt && row.quoteExpiresAt.getTime() > Date.now() + 9 * 60_000);
  });

  test("the background sweep expires an open session on time, with no request touching it", async () => {
    const session = (await create(apiKey)).json;
    await testDb().cryptoCheckoutSession.update({ where: { id: session.id }, data: { expiresAt: new Date() } });
    const deadline = Date.now() + 30_000;
    let status = "open";
    while (status === "open" && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      status = (await testDb().cryptoCheckoutSession.findUniqueOrThrow({ where: { id: session.id } })).status;
    }
    assert.equal(status, "expired");
  });

  test("a part paid, then expiry: expired, underpaid, with the amount received, its event and its webhook", async () => {
    const receiver = await startReceiver();
    try {
      const endpoint = await api("/api/v1/webhooks", {
        method: "POST",
        key: apiKey,
        body: { url: receiver.url, events: ["crypto_checkout.expired"] },
      });
      assert.equal(endpoint.status, 201, endpoint.text);
      receiver.trust(endpoint.json.secret);
      const session = (await create(apiKey)).json;
      const secret = secretOf(session.checkoutUrl, PUBLIC_BASE_URL);
      await hosted(secret, "asset", { asset: "USDC" });
      assert.equal((await hosted(secret, "simulate", { kind: "partial" })).json.status, "pending");
      await testDb().cryptoCheckoutSession.update({ where: { id: session.id }, data: { expiresAt: new Date() } });

      // The background sweep, with no request touching the session.
      const hook = await eventually(
        () => receiver.received.find((received) => received.event.data.object.id === session.id),
        "the expired webhook",
      );
      assert.ok(hook.verified);
      assert.equal(hook.event.type, "crypto_checkout.expired");
      const { payment } = hook.event.data.object;
      assert.deepEqual(
        [
          hook.event.data.object.status,
          payment.underpaid,
          payment.paidLate,
          payment.amountReceived,
          payment.amountRemaining,
        ],
        ["expired", true, false, "50", "50"],
      );
      const view = (await api(`/api/v1/checkout/sessions/${session.id}`, { key: apiKey })).json;
      assert.deepEqual([view.status, view.payment.underpaid, view.payment.amountReceived], ["expired", true, "50"]);
      // Money after that is paid late, and the session stays expired.
      assert.equal((await hosted(secret, "simulate", { kind: "full" })).status, 409);
      assert.equal(receiver.received.filter((received) => received.event.data.object.id === session.id).length, 1);
    } finally {
      await receiver.down();
    }
  });

  test("a session whose payment still waits for confirmations does not expire", async () => {
    const session = (await create(apiKey)).json;
    const secret = secretOf(session.checkoutUrl, PUBLIC_BASE_URL);
    await hosted(secret, "asset", { asset: "USDC" });
    await hosted(secret, "simulate", { kind: "partial" });
    // As the chain watcher records a transfer not yet deep enough.
    await testDb().cryptoTransfer.updateMany({ where: { sessionId: session.id }, data: { status: "seen" } });
    await testDb().cryptoCheckoutSession.update({ where: { id: session.id }, data: { expiresAt: new Date() } });
    assert.equal(await expireDueCryptoSessions(testDb(), new Date(), session.id), 0);
    await testDb().cryptoTransfer.updateMany({ where: { sessionId: session.id }, data: { status: "confirmed" } });
    // Now it expires, by this sweep or the server's own.
    await expireDueCryptoSessions(testDb(), new Date(), session.id);
    const row = await testDb().cryptoCheckoutSession.findUniqueOrThrow({ where: { id: session.id } });
    assert.deepEqual([row.status, row.underpaid, row.paidLate], ["expired", true, false]);
  });

  test("concurrent creates get distinct deposit addresses; an Idempotency-Key replays one session", async () => {
    const created = await Promise.all(Array.from({ length: 10 }, () => create(apiKey)));
    const rows = await testDb().cryptoCheckoutSession.findMany({
      where: { id: { in: created.map((r) => r.json.id) } },
    });
    assert.equal(new Set(rows.map((row) => row.address)).size, 10);
    assert.equal(new Set(rows.map((row) => row.derivationIndex)).size, 10);

    const headers = { "Idempotency-Key": `crypto-${Date.now()}` };
    const body = checkoutBody();
    const a = await api("/api/v1/checkout", { method: "POST", key: apiKey, body, headers });
    const b = await api("/api/v1/checkout", { method: "POST", key: apiKey, body, headers });
    assert.equal(b.headers.get("idempotent-replayed"), "true");
    assert.equal(a.json.id, b.json.id);
  });

  test("live mode without a configured chain refuses crypto sessions (503), creating nothing", async () => {
    const { secret: liveKey } = await createApiKey(testDb(), { merchantId, mode: "live" });
    const response = await create(liveKey);
    assert.equal(response.status, 503);
    assert.match(response.json.error.message, /CRYPTO_LIVE_RPC_URL/);
    assert.equal(await testDb().cryptoCheckoutSession.count({ where: { merchantId, mode: "live" } }), 0);
  });
});
