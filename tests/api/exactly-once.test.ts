import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { api, seedMerchant, testDb } from "../support/api";
import { TEST_CARDS } from "../support/card";
import { createSession, paidSession, pay, refund } from "../support/card-api";
import { eventCount, providerCardCharges, providerChargesFor, providerRefunds } from "../support/exactly-once";
import { eventually } from "../support/webhook-receiver";

// Money moves once (README "Exactly once"): a provider that does not answer
// has not declined, nothing is released or cascaded while the outcome is
// unknown, and the reconciler (running in the server) applies the real
// outcome with its events. The server gives up on a provider after 2 s here
// (tests/run.ts), and the silent test cards never answer.

const getSession = async (apiKey: string, id: string) => (await api(`/api/v1/sessions/${id}`, { key: apiKey })).json;

const settledStatus = (apiKey: string, id: string, status: string) =>
  eventually(async () => (await getSession(apiKey, id)).status === status, `session ${id} to be ${status}`);

describe("unknown outcomes of card payments", () => {
  test("a card that times out and turns out to have succeeded: no cascade, PROCESSING, then SUCCEEDED once", async () => {
    const { apiKey } = await seedMerchant("Silent provider");
    const { id, secret } = await createSession(apiKey);
    const paid = await pay(secret, TEST_CARDS.silentSucceeds);
    assert.equal(paid.status, 200, paid.text);
    assert.equal(paid.json.status, "PROCESSING");

    const during = await getSession(apiKey, id);
    assert.equal(during.status, "PROCESSING");
    assert.equal(during.attempts.length, 1);
    assert.deepEqual(
      during.attempts[0].providerCalls.map((call: { outcome: string }) => call.outcome),
      ["unknown"],
      "one provider asked: a timeout never cascades",
    );
    // Paying again while the outcome is unknown is refused before any provider is asked.
    const again = await pay(secret, TEST_CARDS.succeeds);
    assert.equal(again.status, 409, again.text);

    await settledStatus(apiKey, id, "SUCCEEDED");
    const after = await getSession(apiKey, id);
    assert.equal(after.amount.captured, 140.76);
    assert.equal(after.attempts[0].outcome, "succeeded");
    assert.equal(after.attempts[0].providerCalls[0].outcome, "succeeded");
    assert.equal(await providerCardCharges(id), 1);
    assert.equal(await testDb().charge.count({ where: { cardSessionId: id } }), 1);
    const charge = await testDb().charge.findFirstOrThrow({ where: { cardSessionId: id } });
    assert.ok(charge.reconciledAt, "settled by the reconciler");
    assert.equal(await eventCount(id, "session.completed"), 1);
  });

  test("a card that times out and turns out declined: the attempt is declined, and the customer can pay again", async () => {
    const { apiKey } = await seedMerchant("Silent decline");
    const { id, secret } = await createSession(apiKey);
    assert.equal((await pay(secret, TEST_CARDS.silentDeclines)).json.status, "PROCESSING");
    await settledStatus(apiKey, id, "PENDING");
    const declined = await getSession(apiKey, id);
    assert.equal(declined.attempts[0].outcome, "declined");
    assert.equal(declined.attempts[0].declineCode, "card_declined");
    assert.equal(declined.attemptsRemaining, 2);
    assert.equal(await providerCardCharges(id), 0);

    const paid = await pay(secret, TEST_CARDS.succeeds);
    assert.equal(paid.json.status, "SUCCEEDED", paid.text);
    assert.equal(await providerCardCharges(id), 1);
    assert.equal(await eventCount(id, "session.completed"), 1);
  });

  test("the expiry sweep leaves a session whose payment outcome is unknown", async () => {
    const { apiKey } = await seedMerchant("Late answer");
    const { id, secret } = await createSession(apiKey);
    // An outcome the reconciler cannot learn yet: the charge is kept unknown, due far in the future.
    assert.equal((await pay(secret, TEST_CARDS.silentSucceeds)).json.status, "PROCESSING");
    await testDb().charge.updateMany({
      where: { cardSessionId: id },
      data: { reconcileAfter: new Date(Date.now() + 3_600_000) },
    });
    await testDb().cardSession.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await new Promise((resolve) => setTimeout(resolve, 5_500)); // longer than one expiry sweep
    const held = await getSession(apiKey, id);
    assert.equal(held.status, "PROCESSING", "not EXPIRED: money may have moved");
    assert.equal((await pay(secret, TEST_CARDS.succeeds)).status, 409);

    await testDb().charge.updateMany({ where: { cardSessionId: id }, data: { reconcileAfter: new Date() } });
    await settledStatus(apiKey, id, "SUCCEEDED");
    assert.equal(await providerCardCharges(id), 1);
  });

  test("a provider that cannot be asked: backed off, reported once as unresolved, settled when it answers again", async () => {
    const { apiKey } = await seedMerchant("Unreachable provider");
    const { id, secret } = await createSession(apiKey);
    assert.equal((await pay(secret, TEST_CARDS.silentSucceeds)).json.status, "PROCESSING");
    const charge = await testDb().charge.findFirstOrThrow({ where: { cardSessionId: id } });
    // A provider name no provider answers to: every lookup fails. The charge is two hours old.
    await testDb().charge.update({
      where: { id: charge.id },
      data: { provider: "unreachable", createdAt: new Date(Date.now() - 2 * 3_600_000), reconcileAfter: new Date() },
    });
    const reported = await eventually(
      () => testDb().charge.findFirst({ where: { id: charge.id, unresolvedSince: { not: null } } }),
      "the charge to be reported as unresolved",
    );
    assert.equal(reported.status, "unknown");
    assert.match(reported.lastReconcileError ?? "", /unreachable/);
    await eventually(
      async () => (await testDb().charge.findUniqueOrThrow({ where: { id: charge.id } })).reconcileAttempts >= 3,
      "more lookups, backing off",
    );
    assert.equal(await eventCount(charge.id, "charge.unresolved"), 1, "reported once");
    assert.equal((await getSession(apiKey, id)).status, "PROCESSING", "never released");

    await testDb().charge.update({
      where: { id: charge.id },
      data: { provider: charge.provider, reconcileAfter: new Date() },
    });
    await settledStatus(apiKey, id, "SUCCEEDED");
    assert.equal(await providerCardCharges(id), 1);
  });

  test("twenty concurrent payments of one session: one charge", async () => {
    const { apiKey } = await seedMerchant("Twenty tabs");
    const { id, secret } = await createSession(apiKey);
    const results = await Promise.all(Array.from({ length: 20 }, () => pay(secret, TEST_CARDS.succeeds)));
    const statuses = results.map((result) => result.status);
    assert.equal(statuses.filter((status) => status === 200).length, 1, statuses.join(","));
    assert.ok(
      statuses.every((status) => status === 200 || status === 409),
      statuses.join(","),
    );
    assert.equal(await providerCardCharges(id), 1);
    assert.equal(await eventCount(id, "session.completed"), 1);
  });

  test("a database failure after the provider said yes: the customer's retry charges nothing, the reconciler completes", async () => {
    const { apiKey } = await seedMerchant("Broken write");
    const { id, secret } = await createSession(apiKey);
    // Our write of the success fails; the provider's own record of the charge stays.
    const trigger = `fail_${id.replaceAll("-", "")}`;
    await testDb().$executeRawUnsafe(`
      CREATE FUNCTION ${trigger}() RETURNS trigger AS $$
      BEGIN
        IF NEW.id = '${id}'::uuid AND NEW.status = 'SUCCEEDED' THEN RAISE EXCEPTION 'injected failure'; END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await testDb().$executeRawUnsafe(
      `CREATE TRIGGER ${trigger} BEFORE UPDATE ON card_sessions FOR EACH ROW EXECUTE FUNCTION ${trigger}()`,
    );
    try {
      const paid = await pay(secret, TEST_CARDS.succeeds);
      assert.equal(paid.status, 200, paid.text);
      assert.equal(paid.json.status, "PROCESSING", "the customer is told the payment is being confirmed");
      const retry = await pay(secret, TEST_CARDS.succeeds);
      assert.equal(retry.status, 409, retry.text);
      assert.equal(await providerCardCharges(id), 1);
      assert.equal((await getSession(apiKey, id)).status, "PROCESSING");
    } finally {
      await testDb().$executeRawUnsafe(`DROP TRIGGER ${trigger} ON card_sessions`);
      await testDb().$executeRawUnsafe(`DROP FUNCTION ${trigger}()`);
    }
    await settledStatus(apiKey, id, "SUCCEEDED");
    assert.equal(await providerCardCharges(id), 1);
    assert.equal(await eventCount(id, "session.completed"), 1);
  });
});

describe("unknown outcomes of refunds", () => {
  test("a refund that times out stays pending; a retry with its key replays it; the reconciler refunds once", async () => {
    const { apiKey } = await seedMerchant("Silent refund");
    const { id, secret } = await createSession(apiKey);
    assert.equal((await pay(secret, TEST_CARDS.silentSucceeds)).json.status, "PROCESSING");
    await settledStatus(apiKey, id, "SUCCEEDED");

    const key = crypto.randomUUID();
    const first = await refund(apiKey, id, { amount: 40 }, key);
    assert.equal(first.status, 201, first.text);
    assert.equal(first.json.status, "PENDING");
    const replay = await refund(apiKey, id, { amount: 40 }, key);
    assert.equal(replay.headers.get("idempotent-replayed"), "true");
    assert.equal(replay.json.refundId, first.json.refundId);
    // The reserved amount is not released while the outcome is unknown.
    const tooMuch = await refund(apiKey, id, { amount: 120 });
    assert.equal(tooMuch.status, 400, tooMuch.text);

    await settledStatus(apiKey, id, "PARTIALLY_REFUNDED");
    const after = await getSession(apiKey, id);
    assert.equal(after.amount.refunded, 40);
    assert.deepEqual(
      after.refunds.map((item: { status: string }) => item.status),
      ["SUCCEEDED"],
    );
    assert.equal(await providerRefunds(id), 1);
    assert.equal(await testDb().cardRefund.count({ where: { sessionId: id } }), 1);
    assert.equal(await eventCount(id, "refund.completed"), 1);
  });

  test("a refund request whose process died before its answer was stored: the retry after the lease finds the same refund", async () => {
    const { merchantId, apiKey } = await seedMerchant("Dead refund request");
    const { id } = await paidSession(apiKey);
    const key = crypto.randomUUID();
    const first = await refund(apiKey, id, { amount: 25 }, key);
    assert.equal(first.status, 201, first.text);
    // As if the process had died after the refund and before storing the answer, ten minutes ago.
    await testDb().idempotencyKey.updateMany({
      where: { merchantId, key },
      data: {
        completedAt: null,
        responseStatus: null,
        responseBody: null,
        createdAt: new Date(Date.now() - 10 * 60_000),
      },
    });
    const retried = await refund(apiKey, id, { amount: 25 }, key);
    assert.equal(retried.status, 201, retried.text);
    assert.equal(retried.json.refundId, first.json.refundId);
    assert.equal((await getSession(apiKey, id)).amount.refunded, 25);
    assert.equal(await providerRefunds(id), 1);
  });

  test("concurrent refunds with one key make one refund", async () => {
    const { apiKey } = await seedMerchant("One key");
    const { id } = await paidSession(apiKey);
    const key = crypto.randomUUID();
    const results = await Promise.all(Array.from({ length: 8 }, () => refund(apiKey, id, { amount: 10 }, key)));
    assert.ok(
      results.every((result) => [201, 409].includes(result.status)),
      results.map((r) => r.status).join(),
    );
    await eventually(async () => (await getSession(apiKey, id)).amount.refunded === 10, "the refund");
    assert.equal(await providerRefunds(id), 1);
  });
});

describe("wallet charges with unknown outcomes, and concurrency", () => {
  // Helpers of the wallet dialect, imported lazily: they start the Lava SDK client.
  const wallet = () => import("../support/wallet");

  test("an onboarding whose charge times out completes once the reconciler knows, with the customer's details", async () => {
    const { lavaClient, payCheckout, CUSTOMER, TEST_CARD } = await wallet();
    const { apiKey } = await seedMerchant("Silent wallet");
    const lava = lavaClient(apiKey);
    const session = await lava.checkoutSessions.create({
      checkout_mode: "onboarding",
      origin_url: "https://shop.example.com/",
    });
    const card = { ...TEST_CARD, number: TEST_CARDS.silentSucceeds };
    const paid = await payCheckout(session.checkout_session_token, { ...CUSTOMER, card, amount: "30.00" });
    assert.equal(paid.status, 202, paid.text);
    assert.equal(paid.json.status, "processing");
    const again = await payCheckout(session.checkout_session_token, { ...CUSTOMER, card: TEST_CARD, amount: "30.00" });
    assert.equal(again.status, 409, again.text);

    const completed = await eventually(async () => {
      const current = await api(`/v1/checkout_sessions/${session.checkout_session_id}`, { key: apiKey });
      return current.json.status === "completed" && current.json;
    }, "the onboarding to complete");
    const connection = await lava.connections.retrieve(completed.connection_id as string);
    assert.equal(connection.customer.email, CUSTOMER.email);
    assert.equal(await providerChargesFor({ where: { checkoutSessionId: session.checkout_session_id } }), 1);
    assert.equal(await eventCount(session.checkout_session_id, "checkout_session.completed"), 1);
  });

  test("two subscription checkouts of one connection, each paid twice at once: one charge, one subscription", async () => {
    const { lavaClient, onboard, payCheckout, TEST_CARD } = await wallet();
    const { merchantId, apiKey } = await seedMerchant("Double subscribe");
    const lava = lavaClient(apiKey);
    const connectionId = await onboard(lava);
    const plan = await api("/v1/subscription_configs", {
      method: "POST",
      key: apiKey,
      body: { name: "Pro", period_amount: "9.00", included_credit: "5.00", billing_interval: "month" },
    });
    assert.equal(plan.status, 201, plan.text);
    const sessions = await Promise.all(
      [1, 2].map(() =>
        lava.checkoutSessions.create({
          checkout_mode: "subscription",
          origin_url: "https://shop.example.com/",
          connection_id: connectionId,
          subscription_config_id: plan.json.subscription_config_id,
        }),
      ),
    );
    const results = await Promise.all(
      [...sessions, ...sessions].map((session) => payCheckout(session.checkout_session_token, { card: TEST_CARD })),
    );
    const statuses = results.map((result) => result.status);
    assert.equal(statuses.filter((status) => status === 200).length, 1, statuses.join(","));
    assert.ok(
      statuses.every((status) => status === 200 || status === 409),
      statuses.join(","),
    );
    assert.equal(
      await providerChargesFor({ where: { merchantId, purpose: "wallet_checkout", connectionId } }),
      2, // the onboarding's and one subscription's
    );
    assert.equal(await testDb().subscription.count({ where: { connectionId, status: "active" } }), 1);
  });

  test("30 declined cards on one wallet session: it locks before the 15th, with an event and its page", async () => {
    const { lavaClient, payCheckout, CUSTOMER, DECLINED_CARD, TEST_CARD } = await wallet();
    const { apiKey } = await seedMerchant("Card testers");
    const lava = lavaClient(apiKey);
    const session = await lava.checkoutSessions.create({
      checkout_mode: "onboarding",
      origin_url: "https://shop.example.com/",
    });
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      const tried = await payCheckout(session.checkout_session_token, {
        ...CUSTOMER,
        card: DECLINED_CARD,
        amount: "5.00",
      });
      statuses.push(tried.status);
    }
    // Declines are 402s; the decline that reaches the limit locks the session and answers 409, as does every try after it.
    const locking = statuses.indexOf(409);
    assert.ok(locking >= 0 && locking < 14, `locked by attempt ${locking + 1}: ${statuses.join(",")}`);
    assert.ok(statuses.slice(0, locking).every((status) => status === 402));
    assert.ok(statuses.slice(locking).every((status) => status === 409));
    const declines = await testDb().charge.count({ where: { checkoutSessionId: session.checkout_session_id } });
    assert.equal(declines, locking + 1, "no card reaches the provider once locked");
    // Even a good card is refused now.
    const good = await payCheckout(session.checkout_session_token, { ...CUSTOMER, card: TEST_CARD, amount: "5.00" });
    assert.equal(good.status, 409);
    assert.match(good.json.error.message, /locked/);
    assert.equal(await eventCount(session.checkout_session_id, "checkout_session.locked"), 1);
    const shown = await api(`/v1/checkout_sessions/${session.checkout_session_id}`, { key: apiKey });
    assert.equal(shown.json.status, "locked");
  });
});
