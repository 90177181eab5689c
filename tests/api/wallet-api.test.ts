import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import type { Lava } from "@lavapayments/nodejs";
import { api, seedMerchant, testDb } from "../support/api";
import { lavaClient, lavaError, onboard, PUBLIC_BASE_URL } from "../support/wallet";

const ORIGIN = "https://shop.example.com/";

describe("wallet plans, bundles, connections and subscriptions (Lava SDK)", () => {
  let lava: Lava;
  let apiKey: string;
  let merchantId: string;
  let otherLava: Lava;
  before(async () => {
    ({ apiKey, merchantId } = await seedMerchant("Catalog Co"));
    lava = lavaClient(apiKey);
    otherLava = lavaClient((await seedMerchant("Someone Else")).apiKey);
  });

  test("plans and bundles: created, edited by POST or PATCH, listed and filtered", async () => {
    const plan = await lava.request<{ subscription_config_id: string }>("POST", "subscription_configs", {
      data: { name: "Team", period_amount: "49", included_credit: "40.5", billing_interval: "year" },
    });
    const bundle = await lava.request<{ credit_bundle_id: string }>("POST", "credit_bundles", {
      data: {
        name: "Pack",
        cost: "10.00",
        credit_amount: "12.00",
        subscription_config_id: plan.subscription_config_id,
      },
    });

    const config = await lava.subscriptions.retrieveConfig(plan.subscription_config_id);
    assert.equal(config.period_amount, "49.00");
    assert.equal(config.included_credit, "40.50");
    assert.equal(config.billing_interval, "year");
    assert.equal(config.rollover_type, "none");
    assert.equal(config.bundle_rollover_type, "full");
    assert.deepEqual(config.linked_meters, []);
    assert.deepEqual(config.credit_bundles, [
      { credit_bundle_id: bundle.credit_bundle_id, name: "Pack", cost: "10.00", credit_amount: "12.00" },
    ]);

    const posted = await lava.request<{ name: string; period_amount: string }>(
      "POST",
      `subscription_configs/${plan.subscription_config_id}`,
      { data: { name: "Team+", period_amount: "59.00" } },
    );
    assert.equal(posted.name, "Team+");
    assert.equal(posted.period_amount, "59.00");
    const patched = await api(`/v1/subscription_configs/${plan.subscription_config_id}`, {
      method: "PATCH",
      key: apiKey,
      body: { included_credit: "0" },
    });
    assert.equal(patched.status, 200);
    assert.equal(patched.json.included_credit, "0.00");
    assert.equal(patched.json.name, "Team+");

    const editedBundle = await lava.request<{ cost: string }>("POST", `credit_bundles/${bundle.credit_bundle_id}`, {
      data: { cost: "9.99" },
    });
    assert.equal(editedBundle.cost, "9.99");
    assert.equal((await lava.creditBundles.retrieve(bundle.credit_bundle_id)).cost, "9.99");

    const filtered = await lava.creditBundles.list({ subscription_config_id: plan.subscription_config_id });
    assert.deepEqual(
      filtered.data.map((item) => item.credit_bundle_id),
      [bundle.credit_bundle_id],
    );
    const configs = await lava.subscriptions.listConfigs({ limit: 100 });
    assert.ok(configs.data.some((item) => item.subscription_config_id === plan.subscription_config_id));
  });

  test("another merchant's objects are 404, whatever the endpoint", async () => {
    const plan = await lava.request<{ subscription_config_id: string }>("POST", "subscription_configs", {
      data: { name: "Mine", period_amount: "5.00" },
    });
    const connectionId = await onboard(lava);
    for (const call of [
      () => otherLava.subscriptions.retrieveConfig(plan.subscription_config_id),
      () => otherLava.connections.retrieve(connectionId),
      () => otherLava.connections.getSubscription(connectionId),
      () => otherLava.connections.delete(connectionId),
      () =>
        otherLava.checkoutSessions.create({ checkout_mode: "topup", origin_url: ORIGIN, connection_id: connectionId }),
      () =>
        otherLava.checkoutSessions.create({
          checkout_mode: "subscription",
          origin_url: ORIGIN,
          subscription_config_id: plan.subscription_config_id,
        }),
      () =>
        otherLava.request("POST", "credit_bundles", {
          data: { name: "x", cost: "1", credit_amount: "1", subscription_config_id: plan.subscription_config_id },
        }),
    ]) {
      assert.equal((await lavaError(call())).status, 404);
    }
    assert.equal((await lava.connections.retrieve(connectionId)).connection_id, connectionId);
  });

  test("cancelling a subscription and deleting a connection; the ledger stays", async () => {
    const plan = await lava.request<{ subscription_config_id: string }>("POST", "subscription_configs", {
      data: { name: "Monthly", period_amount: "3.00", included_credit: "1.00" },
    });
    const session = await lava.checkoutSessions.create({
      checkout_mode: "subscription",
      origin_url: ORIGIN,
      subscription_config_id: plan.subscription_config_id,
      connection_id: await onboard(lava),
    });
    const paid = await api(`/api/hosted/wallet/${JSON.parse(atob(session.checkout_session_token)).secret}`, {
      method: "POST",
      body: { card: { number: "5555 5555 5555 4444", expiry: "01/40", cvc: "321" } },
    });
    assert.equal(paid.status, 200, paid.text);
    const connectionId = paid.json.connection_id;
    const { subscription } = await lava.connections.getSubscription(connectionId);
    assert.ok(subscription);

    assert.deepEqual(await lava.subscriptions.cancel(subscription.subscription_id), { success: true });
    assert.deepEqual(await lava.subscriptions.cancel(subscription.subscription_id), { success: true });
    assert.deepEqual(await lava.connections.getSubscription(connectionId), { subscription: null });
    const cancelled = await lava.subscriptions.list({ status: "cancelled", connection_id: connectionId });
    assert.equal(cancelled.data[0].status, "cancelled");
    assert.match(String(cancelled.data[0].cancelled_at), /Z$/);
    assert.equal((await lava.subscriptions.list({ connection_id: connectionId })).data.length, 0);

    assert.deepEqual(await lava.connections.delete(connectionId), { success: true });
    assert.equal((await lavaError(lava.connections.retrieve(connectionId))).status, 404);
    assert.equal((await lavaError(lava.connections.delete(connectionId))).status, 404);
    assert.ok((await lava.connections.list({ limit: 100 })).data.every((item) => item.connection_id !== connectionId));
    assert.equal(await testDb().ledgerEntry.count({ where: { connectionId } }), 2);
  });

  test("connections list newest first, in pages", async () => {
    const { apiKey: ownKey } = await seedMerchant("Paging Co");
    const own = lavaClient(ownKey);
    const ids = [await onboard(own), await onboard(own), await onboard(own)];
    const first = await own.connections.list({ limit: 2 });
    assert.equal(first.has_more, true);
    const second = await own.connections.list({ limit: 2, cursor: first.next_cursor });
    assert.equal(second.has_more, false);
    assert.deepEqual(
      [...first.data, ...second.data].map((item) => item.connection_id),
      ids.reverse(),
    );
  });

  test("every wrong checkout session field is a 400 naming it, and nothing is written", async () => {
    const before = await testDb().walletCheckoutSession.count({ where: { merchantId } });
    const cases: [Record<string, unknown>, string, string][] = [
      [{ origin_url: ORIGIN }, "checkout_mode", "parameter_missing"],
      [{ checkout_mode: "refund", origin_url: ORIGIN }, "checkout_mode", "parameter_invalid"],
      [{ checkout_mode: 1, origin_url: ORIGIN }, "checkout_mode", "parameter_invalid"],
      [{ checkout_mode: "onboarding" }, "origin_url", "parameter_missing"],
      [{ checkout_mode: "onboarding", origin_url: "not a url" }, "origin_url", "parameter_invalid"],
      [{ checkout_mode: "onboarding", origin_url: "javascript:alert(1)" }, "origin_url", "parameter_invalid"],
      [{ checkout_mode: "onboarding", origin_url: "http://shop.example.com/" }, "origin_url", "parameter_invalid"],
      [
        { checkout_mode: "onboarding", origin_url: "https://user:pw@shop.example.com/" },
        "origin_url",
        "parameter_invalid",
      ],
      [{ checkout_mode: "onboarding", origin_url: ORIGIN, reference_id: 42 }, "reference_id", "parameter_invalid"],
      [{ checkout_mode: "onboarding", origin_url: ORIGIN, colour: "red" }, "", "parameter_invalid"],
      [{ checkout_mode: "topup", origin_url: ORIGIN }, "connection_id", "parameter_missing"],
      [{ checkout_mode: "subscription", origin_url: ORIGIN }, "subscription_config_id", "parameter_missing"],
      [
        { checkout_mode: "credit_bundle", origin_url: ORIGIN, connection_id: "con_test_x" },
        "credit_bundle_id",
        "parameter_missing",
      ],
      [
        { checkout_mode: "onboarding", origin_url: ORIGIN, connection_id: "con_test_x" },
        "connection_id",
        "parameter_invalid",
      ],
      [
        { checkout_mode: "topup", origin_url: ORIGIN, connection_id: "con_test_x", credit_bundle_id: "cb_x" },
        "credit_bundle_id",
        "parameter_invalid",
      ],
      [{ checkout_mode: "topup", origin_url: ORIGIN, connection_id: "sub_123" }, "connection_id", "parameter_invalid"],
    ];
    for (const [body, param, code] of cases) {
      const response = await api("/v1/checkout_sessions", { method: "POST", key: apiKey, body });
      assert.equal(response.status, 400, JSON.stringify(body));
      assert.equal(response.json.error.code, code, JSON.stringify(body));
      if (param) assert.equal(response.json.error.param, param, JSON.stringify(body));
    }
    const unknownIds = await Promise.all([
      api("/v1/checkout_sessions", {
        method: "POST",
        key: apiKey,
        body: { checkout_mode: "topup", origin_url: ORIGIN, connection_id: "con_test_01KJHF4SFJ90Y0PKK3VJ9HF6WN" },
      }),
      api("/v1/checkout_sessions", {
        method: "POST",
        key: apiKey,
        body: { checkout_mode: "subscription", origin_url: ORIGIN, subscription_config_id: "sc_123" },
      }),
    ]);
    assert.deepEqual(
      unknownIds.map((response) => [response.status, response.json.error.param]),
      [
        [404, "connection_id"],
        [404, "subscription_config_id"],
      ],
    );
    assert.equal(await testDb().walletCheckoutSession.count({ where: { merchantId } }), before);
  });

  test("wrong plan and bundle fields are 400s naming them", async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ["subscription_configs", { period_amount: "5.00" }, "name"],
      ["subscription_configs", { name: "x", period_amount: 5 }, "period_amount"],
      ["subscription_configs", { name: "x", period_amount: "5.001" }, "period_amount"],
      ["subscription_configs", { name: "x", period_amount: "-5" }, "period_amount"],
      ["subscription_configs", { name: "x", period_amount: "0.00" }, "period_amount"],
      ["subscription_configs", { name: "x", period_amount: "5", billing_interval: "hour" }, "billing_interval"],
      ["subscription_configs", { name: "x", period_amount: "5", rollover_type: "some" }, "rollover_type"],
      ["credit_bundles", { name: "x", cost: "1", credit_amount: "1" }, "subscription_config_id"],
      ["credit_bundles", { name: "x", cost: "abc", credit_amount: "1", subscription_config_id: "sc_1" }, "cost"],
    ];
    for (const [path, body, param] of cases) {
      const response = await api(`/v1/${path}`, { method: "POST", key: apiKey, body });
      assert.equal(response.status, 400, JSON.stringify(body));
      assert.equal(response.json.error.param, param, JSON.stringify(body));
    }
    const limit = await api("/v1/connections?limit=101", { key: apiKey });
    assert.equal(limit.status, 400);
    assert.equal(limit.json.error.param, "limit");
    const status = await api("/v1/subscriptions?status=paused", { key: apiKey });
    assert.equal(status.json.error.param, "status");
  });

  test("the hosted pages: token in the path or the query, unknown tokens 404, CSP frame-ancestors", async () => {
    const session = await lava.checkoutSessions.create({
      checkout_mode: "onboarding",
      origin_url: "https://shop.example.com/app",
    });
    const token = session.checkout_session_token;
    const { secret } = JSON.parse(atob(token));
    const base64url = token.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    for (const path of [
      `/checkout/${encodeURIComponent(token)}`,
      `/checkout/${base64url}`,
      `/checkout?token=${encodeURIComponent(token)}`,
    ]) {
      const page = await api(path);
      assert.equal(page.status, 200, path);
      assert.match(page.text, /Set up your wallet/);
      assert.match(page.headers.get("content-security-policy") ?? "", /frame-ancestors 'none'/);
    }
    const embed = await api(`/embed/checkout/${secret}`);
    assert.equal(embed.status, 200);
    assert.match(
      embed.headers.get("content-security-policy") ?? "",
      /frame-ancestors https:\/\/shop\.example\.com(;|$)/,
    );
    assert.match(embed.headers.get("content-security-policy") ?? "", /script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);

    const foreignBase = btoa(JSON.stringify({ secret, base: "https://evil.example.com/" }));
    const tampered = btoa(
      JSON.stringify({
        secret: `${secret.slice(0, -1)}${secret.endsWith("A") ? "B" : "A"}`,
        base: `${PUBLIC_BASE_URL}/`,
      }),
    );
    for (const path of [
      `/checkout/${encodeURIComponent(foreignBase)}`,
      `/checkout/${encodeURIComponent(tampered)}`,
      "/checkout/not-base64!",
      "/checkout?token=",
      `/embed/checkout/css_test_${"A".repeat(43)}`,
    ]) {
      const page = await api(path);
      assert.equal(page.status, 404, path);
      assert.match(page.text, /Page not found/);
    }
  });
});
