import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import type { Lava } from "@lavapayments/nodejs";
import { renewDueSubscriptions } from "@/lib/wallet/renew-due-subscriptions";
import { api, seedMerchant, testDb } from "../support/api";
import { TEST_CARDS } from "../support/card";
import { eventCount, providerChargesFor } from "../support/exactly-once";
import { CUSTOMER, lavaClient, payCheckout, TEST_CARD } from "../support/wallet";
import { eventually } from "../support/webhook-receiver";

// Renewals are driven here with a clock set past the cycle's end, on the
// server's database, for this file's merchant only: the server's own minute
// sweep (real clock) leaves these subscriptions alone, and other test files'
// subscriptions are not touched.

describe("subscription renewals", () => {
  let lava: Lava;
  let merchantId: string;
  let apiKey: string;
  before(async () => {
    const seeded = await seedMerchant("Renewals Co");
    merchantId = seeded.merchantId;
    apiKey = seeded.apiKey;
    lava = lavaClient(seeded.apiKey);
  });

  const subscribe = async (plan: Record<string, string>, card = TEST_CARD) => {
    const config = await lava.request<{ subscription_config_id: string }>("POST", "subscription_configs", {
      data: plan,
    });
    const session = await lava.checkoutSessions.create({
      checkout_mode: "subscription",
      origin_url: "https://shop.example.com/",
      subscription_config_id: config.subscription_config_id,
    });
    const paid = await payCheckout(session.checkout_session_token, { ...CUSTOMER, card });
    // A silent card's payment is confirmed by the server's reconciler.
    const completed = await eventually(async () => {
      const current = await api(`/v1/checkout_sessions/${session.checkout_session_id}`, { key: apiKey });
      return current.json.status === "completed" && current.json;
    }, `the subscription checkout to complete (${paid.status} ${paid.text})`);
    const connectionId = completed.connection_id as string;
    const subscription = await testDb().subscription.findFirstOrThrow({ where: { connectionId } });
    return { connectionId, subscription };
  };

  test("at the cycle's end: one charge, unused cycle credit expires, the new cycle's credit is granted", async () => {
    const { connectionId, subscription } = await subscribe({
      name: "Monthly",
      period_amount: "12.00",
      included_credit: "10.00",
      rollover_type: "none",
    });
    const after = new Date(subscription.cycleEndAt.getTime() + 1000);
    // Two instances sweeping at once renew it once.
    const [first, second] = await Promise.all([
      renewDueSubscriptions(testDb(), { now: after, merchantId }),
      renewDueSubscriptions(testDb(), { now: after, merchantId }),
    ]);
    const outcomes = [...first, ...second].filter((item) => item.subscriptionId === subscription.id);
    assert.deepEqual(
      outcomes.map((item) => item.outcome).filter((outcome) => outcome === "renewed"),
      ["renewed"],
    );

    const renewed = await testDb().subscription.findUniqueOrThrow({ where: { id: subscription.id } });
    assert.equal(renewed.cycleStartAt.toISOString(), subscription.cycleEndAt.toISOString());
    assert.ok(renewed.cycleEndAt > subscription.cycleEndAt);
    const charges = await testDb().charge.findMany({ where: { connectionId }, orderBy: { id: "asc" } });
    assert.deepEqual(
      charges.map((charge) => [charge.amount, charge.status]),
      [
        [1200n, "succeeded"],
        [1200n, "succeeded"],
      ],
    );
    const entries = await testDb().ledgerEntry.findMany({ where: { connectionId }, orderBy: { id: "asc" } });
    assert.deepEqual(
      entries.map((entry) => [entry.reason, entry.amount, entry.balanceAfter]),
      [
        ["subscription_credit", 1000n, 1000n],
        ["cycle_expiry", -1000n, 0n],
        ["subscription_credit", 1000n, 1000n],
      ],
    );
    const { subscription: view } = await lava.connections.getSubscription(connectionId);
    assert.equal(view?.credits.cycle_remaining, "10.00");
    assert.equal(view?.cycle_start_at, subscription.cycleEndAt.toISOString());

    // Nothing more is due until the new cycle ends.
    const again = await renewDueSubscriptions(testDb(), { now: after, merchantId });
    assert.equal(again.filter((item) => item.subscriptionId === subscription.id).length, 0);
  });

  test("rollover_type full keeps the unused credit", async () => {
    const { connectionId, subscription } = await subscribe({
      name: "Rollover",
      period_amount: "5.00",
      included_credit: "4.00",
      rollover_type: "full",
    });
    await renewDueSubscriptions(testDb(), { now: new Date(subscription.cycleEndAt.getTime() + 1000), merchantId });
    const { subscription: view } = await lava.connections.getSubscription(connectionId);
    assert.equal(view?.credits.cycle_remaining, "8.00");
  });

  test("rollover applies to what usage left: bundle_rollover_type none expires the unused bundle credit", async () => {
    const { connectionId, subscription } = await subscribe({
      name: "Bundled",
      period_amount: "5.00",
      included_credit: "2.00",
      rollover_type: "full",
      bundle_rollover_type: "none",
    });
    const bundle = await lava.request<{ credit_bundle_id: string }>("POST", "credit_bundles", {
      data: {
        name: "Pack",
        cost: "3.00",
        credit_amount: "3.00",
        subscription_config_id: subscription.subscriptionConfigId,
      },
    });
    const buy = await lava.checkoutSessions.create({
      checkout_mode: "credit_bundle",
      origin_url: "https://shop.example.com/",
      connection_id: connectionId,
      credit_bundle_id: bundle.credit_bundle_id,
    });
    assert.equal((await payCheckout(buy.checkout_session_token, {})).status, 200);
    const meter = await api("/v1/meters", {
      method: "POST",
      key: apiKey,
      body: {
        meter_slug: "renewal-usage",
        name: "Usage",
        service_charge_payer: "merchant",
        tiers: [{ start: 0, rate: "2.50", type: "requests" }],
      },
    });
    assert.equal(meter.status, 201, meter.text);
    // 2.50 of usage: all 2.00 of the cycle's credit, then 0.50 of the bundle's
    const used = await api("/v1/requests", {
      method: "POST",
      key: apiKey,
      body: { request_id: `renewal-${connectionId}`, connection_id: connectionId, meter_slug: "renewal-usage" },
    });
    assert.equal(used.status, 201, used.text);

    await renewDueSubscriptions(testDb(), { now: new Date(subscription.cycleEndAt.getTime() + 1000), merchantId });
    const entries = await testDb().ledgerEntry.findMany({ where: { connectionId }, orderBy: { id: "asc" } });
    assert.deepEqual(
      entries.map((entry) => [entry.reason, entry.account, entry.amount, entry.balanceAfter]),
      [
        ["subscription_credit", "cycle_credit", 200n, 200n],
        ["credit_bundle", "bundle_credit", 300n, 300n],
        ["usage", "cycle_credit", -200n, 0n],
        ["usage", "bundle_credit", -50n, 250n],
        ["bundle_expiry", "bundle_credit", -250n, 0n],
        ["subscription_credit", "cycle_credit", 200n, 200n],
      ],
    );
    const { subscription: view } = await lava.connections.getSubscription(connectionId);
    assert.deepEqual(view?.credits, { total_remaining: "2.00", cycle_remaining: "2.00", bundle_remaining: "0.00" });
  });

  test("a declined renewal cancels the subscription and grants nothing", async () => {
    const { connectionId, subscription } = await subscribe({
      name: "Fragile",
      period_amount: "9.00",
      included_credit: "1",
    });
    // The saved card has since been declined by its bank (Stripe's 0002 test card).
    await testDb().connection.update({
      where: { id: connectionId },
      data: { cardToken: "tok_test_visa_0002_expired" },
    });
    const outcomes = await renewDueSubscriptions(testDb(), {
      now: new Date(subscription.cycleEndAt.getTime() + 1000),
      merchantId,
    });
    assert.deepEqual(
      outcomes.filter((item) => item.subscriptionId === subscription.id).map((item) => item.outcome),
      ["cancelled"],
    );
    const cancelled = await testDb().subscription.findUniqueOrThrow({ where: { id: subscription.id } });
    assert.equal(cancelled.status, "cancelled");
    assert.equal(await testDb().ledgerEntry.count({ where: { connectionId } }), 1);
    assert.equal(await testDb().charge.count({ where: { connectionId, status: "declined" } }), 1);
  });

  test("a subscription that cannot be renewed does not stop the others", async () => {
    const broken = await subscribe({ name: "Broken", period_amount: "2.00" });
    const healthy = await subscribe({ name: "Healthy", period_amount: "3.00" });
    // A token the provider does not know: the call itself fails, which is no answer (not a decline).
    await testDb().connection.update({ where: { id: broken.connectionId }, data: { cardToken: "tok_unknown" } });
    const now = new Date(
      Math.max(broken.subscription.cycleEndAt.getTime(), healthy.subscription.cycleEndAt.getTime()) + 1000,
    );
    const outcomes = await renewDueSubscriptions(testDb(), { now, merchantId });
    const outcomeOf = (id: string) => outcomes.find((item) => item.subscriptionId === id)?.outcome;
    assert.equal(outcomeOf(broken.subscription.id), "unknown");
    assert.equal(outcomeOf(healthy.subscription.id), "renewed");
    const stillDue = await testDb().subscription.findUniqueOrThrow({ where: { id: broken.subscription.id } });
    assert.equal(stillDue.status, "active", "no answer never cancels");
    assert.equal(stillDue.renewalClaimedUntil, null, "its claim is released");
    const charge = await testDb().charge.findFirstOrThrow({ where: { subscriptionId: broken.subscription.id } });
    assert.equal(charge.status, "unknown", "kept for the reconciler");
    // Until the reconciler knows, another sweep does not charge it again.
    const again = await renewDueSubscriptions(testDb(), { now, merchantId });
    assert.equal(
      again.some((item) => item.subscriptionId === broken.subscription.id),
      false,
    );
  });

  test("a cancel during a renewal's charge: the charge still grants its cycle's credit; never a charge without credit", async () => {
    const silentCard = { ...TEST_CARD, number: TEST_CARDS.silentSucceeds };
    const { connectionId, subscription } = await subscribe(
      { name: "Cancelled mid-charge", period_amount: "9.00", included_credit: "5.00" },
      silentCard,
    );
    const renewing = renewDueSubscriptions(testDb(), {
      now: new Date(subscription.cycleEndAt.getTime() + 1000),
      merchantId,
    });
    // The renewal's charge row is written and its call is waiting on the provider: the customer cancels now.
    await eventually(
      () => testDb().charge.count({ where: { subscriptionId: subscription.id, purpose: "renewal" } }),
      "the renewal's charge row",
    );
    const cancelled = await api(`/v1/subscriptions/${subscription.id}`, { method: "DELETE", key: apiKey });
    assert.equal(cancelled.status, 200, cancelled.text);
    const outcomes = await renewing;
    assert.equal(outcomes.find((item) => item.subscriptionId === subscription.id)?.outcome, "unknown");

    // The server's reconciler learns that the renewal was charged, and applies it.
    const charge = await eventually(
      () =>
        testDb().charge.findFirst({
          where: { subscriptionId: subscription.id, purpose: "renewal", status: "succeeded" },
        }),
      "the renewal charge to be reconciled",
    );
    assert.ok(charge.reconciledAt);
    const after = await testDb().subscription.findUniqueOrThrow({ where: { id: subscription.id } });
    assert.equal(after.status, "cancelled", "the cancel stands");
    assert.equal(after.cycleStartAt.toISOString(), subscription.cycleEndAt.toISOString(), "the paid cycle began");
    const granted = await testDb().ledgerEntry.findMany({
      where: { subscriptionId: subscription.id, account: "cycle_credit", reason: "subscription_credit" },
    });
    assert.deepEqual(
      granted.map((entry) => entry.amount),
      [500n, 500n],
      "the first cycle's credit and the renewed one's",
    );
    assert.equal(await providerChargesFor({ where: { subscriptionId: subscription.id, purpose: "renewal" } }), 1);
    assert.equal(await eventCount(connectionId, "subscription.renewed"), 1);
  });

  test("a cancel before a renewal's charge: nothing is charged", async () => {
    const { subscription } = await subscribe({
      name: "Cancelled first",
      period_amount: "4.00",
      included_credit: "1.00",
    });
    assert.equal((await api(`/v1/subscriptions/${subscription.id}`, { method: "DELETE", key: apiKey })).status, 200);
    const outcomes = await renewDueSubscriptions(testDb(), {
      now: new Date(subscription.cycleEndAt.getTime() + 1000),
      merchantId,
    });
    assert.equal(
      outcomes.some((item) => item.subscriptionId === subscription.id),
      false,
    );
    assert.equal(await testDb().charge.count({ where: { subscriptionId: subscription.id } }), 0);
  });
});
