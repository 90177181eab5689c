import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import type { Lava } from "@lavapayments/nodejs";
import { createApiKey } from "@/lib/merchants/create-api-key";
import { api, seedMerchant, testDb } from "../support/api";
import {
  CUSTOMER,
  DECLINED_CARD,
  decodeToken,
  lavaClient,
  lavaError,
  onboard,
  PUBLIC_BASE_URL,
  payCheckout,
  TEST_CARD,
} from "../support/wallet";

// The wallet dialect driven by the real @lavapayments/nodejs@8 client, and
// sessions paid through the hosted form's endpoint as the browser pays them.

const ORIGIN = "https://shop.example.com/";

describe("wallet checkout sessions (Lava SDK)", () => {
  let lava: Lava;
  let merchantId: string;
  let apiKey: string;
  before(async () => {
    ({ merchantId, apiKey } = await seedMerchant("Wallet Co"));
    lava = lavaClient(apiKey);
  });

  test("onboarding: a declined card changes nothing; a good card creates the funded connection once", async () => {
    const session = await lava.checkoutSessions.create({ checkout_mode: "onboarding", origin_url: ORIGIN });
    assert.match(session.checkout_session_id, /^cs_test_[0-9A-Z]{26}$/);
    assert.equal(session.checkout_mode, "onboarding");
    assert.equal(session.origin_url, ORIGIN);
    assert.equal(session.connection_id, null);
    assert.equal(session.completed_at, null);
    const token = decodeToken(session.checkout_session_token);
    assert.equal(token.base, `${PUBLIC_BASE_URL}/`);
    assert.match(token.secret, /^css_test_[A-Za-z0-9_-]{43}$/);

    const declined = await payCheckout(session.checkout_session_token, {
      ...CUSTOMER,
      card: DECLINED_CARD,
      amount: "25.00",
    });
    assert.equal(declined.status, 402);
    assert.equal(declined.json.error.code, "card_declined");
    assert.equal(declined.json.error.param, "card.number");
    assert.equal(await testDb().connection.count({ where: { merchantId } }), 0);

    const paid = await payCheckout(session.checkout_session_token, { ...CUSTOMER, card: TEST_CARD, amount: "25.00" });
    assert.equal(paid.status, 200, paid.text);
    const connectionId = paid.json.connection_id;
    assert.match(connectionId, /^con_test_/);

    const again = await payCheckout(session.checkout_session_token, { ...CUSTOMER, card: TEST_CARD, amount: "25.00" });
    assert.equal(again.status, 409);

    const retrieved = await lava.request<Record<string, unknown>>(
      "GET",
      `checkout_sessions/${session.checkout_session_id}`,
    );
    assert.equal(retrieved.status, "completed");
    assert.equal(retrieved.connection_id, connectionId);
    assert.equal(retrieved.amount, "25.00");
    assert.match(String(retrieved.completed_at), /Z$/);

    const connection = await lava.connections.retrieve(connectionId);
    assert.deepEqual(connection.customer, {
      phone: CUSTOMER.phone,
      email: CUSTOMER.email,
      first_name: CUSTOMER.first_name,
      last_name: CUSTOMER.last_name,
    });
    assert.equal(connection.has_lava_credit_balance, true);
    assert.equal((connection as unknown as { balance: string }).balance, "25.00");
    assert.equal(connection.subscription, null);

    const charges = await testDb().charge.findMany({ where: { checkoutSessionId: session.checkout_session_id } });
    assert.deepEqual(charges.map((charge) => charge.status).sort(), ["declined", "succeeded"]);
    const entries = await testDb().ledgerEntry.findMany({ where: { connectionId } });
    assert.equal(entries.length, 1);
    assert.equal(entries[0].amount, 2500n);
    assert.equal(entries[0].reason, "funding");
    assert.equal(entries[0].checkoutSessionId, session.checkout_session_id);
  });

  test("top-up: adds to the balance through the saved card; each change is a ledger entry", async () => {
    const connectionId = await onboard(lava, "10.00");
    const session = await lava.checkoutSessions.create({
      checkout_mode: "topup",
      origin_url: ORIGIN,
      connection_id: connectionId,
    });
    assert.equal(session.connection_id, connectionId);
    const paid = await payCheckout(session.checkout_session_token, { amount: "15.50" });
    assert.equal(paid.status, 200, paid.text);
    assert.equal(paid.json.connection_id, connectionId);
    const connection = await lava.connections.retrieve(connectionId);
    assert.equal((connection as unknown as { balance: string }).balance, "25.50");
    const entries = await testDb().ledgerEntry.findMany({ where: { connectionId }, orderBy: { createdAt: "asc" } });
    assert.deepEqual(
      entries.map((entry) => [entry.reason, entry.amount, entry.balanceAfter]),
      [
        ["funding", 1000n, 1000n],
        ["topup", 1550n, 2550n],
      ],
    );
  });

  test("subscription without a connection: creates one, starts the plan, grants its credit", async () => {
    const plan = await lava.request<{ subscription_config_id: string }>("POST", "subscription_configs", {
      data: { name: "Pro", period_amount: "20.00", included_credit: "15.00", billing_interval: "month" },
    });
    const session = await lava.checkoutSessions.create({
      checkout_mode: "subscription",
      origin_url: ORIGIN,
      subscription_config_id: plan.subscription_config_id,
    });
    const missingCustomer = await payCheckout(session.checkout_session_token, { card: TEST_CARD });
    assert.equal(missingCustomer.status, 400);
    assert.equal(missingCustomer.json.error.param, "first_name");

    const paid = await payCheckout(session.checkout_session_token, { ...CUSTOMER, card: TEST_CARD });
    assert.equal(paid.status, 200, paid.text);
    const connectionId = paid.json.connection_id;

    const { subscription } = await lava.connections.getSubscription(connectionId);
    assert.ok(subscription);
    assert.equal(subscription.status, "active");
    assert.equal(subscription.subscription_config_id, plan.subscription_config_id);
    assert.equal(subscription.plan.period_amount, "20.00");
    assert.deepEqual(subscription.credits, {
      total_remaining: "15.00",
      cycle_remaining: "15.00",
      bundle_remaining: "0.00",
    });
    const cycle =
      new Date(subscription.cycle_end_at ?? "").getTime() - new Date(subscription.cycle_start_at ?? "").getTime();
    assert.ok(cycle >= 28 * 86_400_000 && cycle <= 31 * 86_400_000, `a month, not ${cycle} ms`);

    const connection = await lava.connections.retrieve(connectionId);
    assert.equal(connection.subscription?.name, "Pro");
    // The included credit is spendable by metered requests.
    assert.equal(connection.has_lava_credit_balance, true);

    const listed = await lava.subscriptions.list({ connection_id: connectionId });
    assert.equal(listed.data.length, 1);
    assert.equal(listed.data[0].customer.email, CUSTOMER.email);

    // One active subscription per connection: a second one is refused up front.
    const second = await lavaError(
      lava.checkoutSessions.create({
        checkout_mode: "subscription",
        origin_url: ORIGIN,
        subscription_config_id: plan.subscription_config_id,
        connection_id: connectionId,
      }),
    );
    assert.equal(second.status, 409);
  });

  test("credit bundle: 409 without a subscription offering it; a subscriber's purchase adds bundle credit", async () => {
    const plan = await lava.request<{ subscription_config_id: string }>("POST", "subscription_configs", {
      data: { name: "Basic", period_amount: "5.00", included_credit: "0" },
    });
    const otherPlan = await lava.request<{ subscription_config_id: string }>("POST", "subscription_configs", {
      data: { name: "Other", period_amount: "7.00" },
    });
    const bundle = await lava.request<{ credit_bundle_id: string }>("POST", "credit_bundles", {
      data: { name: "Pack", cost: "4.00", credit_amount: "5.00", subscription_config_id: plan.subscription_config_id },
    });
    const otherBundle = await lava.request<{ credit_bundle_id: string }>("POST", "credit_bundles", {
      data: {
        name: "Other pack",
        cost: "1.00",
        credit_amount: "1.00",
        subscription_config_id: otherPlan.subscription_config_id,
      },
    });

    const connectionId = await onboard(lava);
    const noSubscription = await lavaError(
      lava.checkoutSessions.create({
        checkout_mode: "credit_bundle",
        origin_url: ORIGIN,
        connection_id: connectionId,
        credit_bundle_id: bundle.credit_bundle_id,
      }),
    );
    assert.equal(noSubscription.status, 409);
    assert.equal(noSubscription.error.param, "credit_bundle_id");

    const subscribe = await lava.checkoutSessions.create({
      checkout_mode: "subscription",
      origin_url: ORIGIN,
      subscription_config_id: plan.subscription_config_id,
      connection_id: connectionId,
    });
    assert.equal((await payCheckout(subscribe.checkout_session_token, { card: TEST_CARD })).status, 200);

    const wrongPlan = await lavaError(
      lava.checkoutSessions.create({
        checkout_mode: "credit_bundle",
        origin_url: ORIGIN,
        connection_id: connectionId,
        credit_bundle_id: otherBundle.credit_bundle_id,
      }),
    );
    assert.equal(wrongPlan.status, 409);

    const buy = await lava.checkoutSessions.create({
      checkout_mode: "credit_bundle",
      origin_url: ORIGIN,
      connection_id: connectionId,
      credit_bundle_id: bundle.credit_bundle_id,
    });
    const paid = await payCheckout(buy.checkout_session_token, {});
    assert.equal(paid.status, 200, paid.text);
    const { subscription } = await lava.connections.getSubscription(connectionId);
    assert.deepEqual(subscription?.credits, {
      total_remaining: "5.00",
      cycle_remaining: "0.00",
      bundle_remaining: "5.00",
    });
    // The wallet funded at onboarding is untouched: bundles are bought by card.
    assert.equal(((await lava.connections.retrieve(connectionId)) as unknown as { balance: string }).balance, "25.00");
  });

  test("a completed session is final, an expired one cannot be paid", async () => {
    const session = await lava.checkoutSessions.create({ checkout_mode: "onboarding", origin_url: ORIGIN });
    await testDb().walletCheckoutSession.update({
      where: { id: session.checkout_session_id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const paid = await payCheckout(session.checkout_session_token, { ...CUSTOMER, card: TEST_CARD, amount: "5.00" });
    assert.equal(paid.status, 409);
    assert.equal(paid.json.error.code, "state_conflict");
    const retrieved = await lava.request<{ status: string }>("GET", `checkout_sessions/${session.checkout_session_id}`);
    assert.equal(retrieved.status, "expired");
    assert.equal(await testDb().charge.count({ where: { checkoutSessionId: session.checkout_session_id } }), 0);
  });

  test("ten simultaneous submissions of one session: one charge, one connection, one ledger entry", async () => {
    const session = await lava.checkoutSessions.create({ checkout_mode: "onboarding", origin_url: ORIGIN });
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        payCheckout(session.checkout_session_token, { ...CUSTOMER, card: TEST_CARD, amount: "30.00" }),
      ),
    );
    const statuses = results.map((result) => result.status).sort();
    assert.deepEqual(statuses, [200, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
    const charges = await testDb().charge.findMany({ where: { checkoutSessionId: session.checkout_session_id } });
    assert.equal(charges.length, 1);
    const completed = await testDb().walletCheckoutSession.findUniqueOrThrow({
      where: { id: session.checkout_session_id },
    });
    assert.ok(completed.connectionId);
    assert.equal(await testDb().ledgerEntry.count({ where: { connectionId: completed.connectionId } }), 1);
  });

  test("the ledger refuses edits and deletions, and a balance below zero", async () => {
    const connectionId = await onboard(lava, "3.00");
    const entry = await testDb().ledgerEntry.findFirstOrThrow({ where: { connectionId } });
    await assert.rejects(
      testDb().$executeRaw`UPDATE ledger_entries SET amount = 1 WHERE id = ${entry.id}`,
      /append-only/,
    );
    await assert.rejects(testDb().$executeRaw`DELETE FROM ledger_entries WHERE id = ${entry.id}`, /append-only/);
    await assert.rejects(
      testDb()
        .$executeRaw`INSERT INTO ledger_entries (id, merchant_id, mode, connection_id, account, amount, balance_after, currency, reason)
        VALUES ('le_negative', ${merchantId}, 'test', ${connectionId}, 'wallet', -400, -100, 'USD', 'topup')`,
      /ledger_entries_balance_check/,
    );
  });

  test("sessions list newest first with cursors, filtered by reference_id", async () => {
    const created = [];
    for (let index = 0; index < 5; index++) {
      created.push(
        await lava.request<{ checkout_session_id: string }>("POST", "checkout_sessions", {
          data: { checkout_mode: "onboarding", origin_url: ORIGIN, reference_id: "order-paging" },
        }),
      );
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 3; page++) {
      const list = await lava.request<{
        data: { checkout_session_id: string }[];
        has_more: boolean;
        next_cursor: string | null;
      }>("GET", "checkout_sessions", {
        query: { reference_id: "order-paging", limit: "2", ...(cursor ? { cursor } : {}) },
      });
      seen.push(...list.data.map((session) => session.checkout_session_id));
      assert.equal(list.has_more, page < 2);
      cursor = list.next_cursor ?? undefined;
    }
    assert.deepEqual(seen, created.map((session) => session.checkout_session_id).reverse());
  });

  test("test and live keys see only their own mode; live mode refuses to charge without a live provider", async () => {
    const { secret: liveKey } = await createApiKey(testDb(), { merchantId, mode: "live" });
    const live = lavaClient(liveKey);
    const testSession = await lava.checkoutSessions.create({ checkout_mode: "onboarding", origin_url: ORIGIN });
    const hidden = await lavaError(live.request("GET", `checkout_sessions/${testSession.checkout_session_id}`));
    assert.equal(hidden.status, 404);

    const localOrigin = await lavaError(
      live.checkoutSessions.create({ checkout_mode: "onboarding", origin_url: "http://localhost:3000/" }),
    );
    assert.equal(localOrigin.status, 400);
    assert.equal(localOrigin.error.param, "origin_url");

    const liveSession = await live.checkoutSessions.create({ checkout_mode: "onboarding", origin_url: ORIGIN });
    assert.match(liveSession.checkout_session_id, /^cs_live_/);
    const paid = await payCheckout(liveSession.checkout_session_token, {
      ...CUSTOMER,
      card: TEST_CARD,
      amount: "5.00",
    });
    assert.equal(paid.status, 503);
    assert.equal(await testDb().charge.count({ where: { checkoutSessionId: liveSession.checkout_session_id } }), 0);
  });

  test("an unknown secret is a 404, and the hosted endpoint takes only POST", async () => {
    const unknown = await api(`/api/hosted/wallet/css_test_${"x".repeat(43)}`, { method: "POST", body: {} });
    assert.equal(unknown.status, 404);
    const get = await api(`/api/hosted/wallet/css_test_${"x".repeat(43)}`);
    assert.equal(get.status, 405);
    const session = await lava.checkoutSessions.create({ checkout_mode: "onboarding", origin_url: ORIGIN });
    const nullBody = await payCheckout(session.checkout_session_token, "null");
    assert.equal(nullBody.status, 400);
  });
});
