import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  loadRoutingState,
  ROUTING_STATE_CACHE_MS,
  recentRoutingState,
  recordProviderCall,
} from "@/lib/providers/provider-stats";
import { api, seedMerchant, testDb } from "../support/api";
import { cardForm, TEST_CARDS } from "../support/card";
import { createSession, paidSession, pay, refund } from "../support/card-api";

// Paying, authenticating and refunding card sessions (contract "Card payment sessions (Kadosei dialect)"), through the
// hosted page's endpoints as the browser calls them, and the routing that
// decides which provider is asked.

const authenticate = (secret: string, attemptId: string, authenticated: boolean) =>
  api(`/api/hosted/card/${secret}/authenticate`, { method: "POST", body: { attemptId, authenticated } });

const getSession = async (apiKey: string, id: string) => (await api(`/api/v1/sessions/${id}`, { key: apiKey })).json;

describe("paying on the hosted page", () => {
  test("4242 succeeds: redirect to success with the session id, brand and last four only", async () => {
    const { merchantId, apiKey } = await seedMerchant("Happy shop");
    const { id, secret } = await createSession(apiKey);
    const paid = await pay(secret, TEST_CARDS.succeeds);
    assert.equal(paid.status, 200, paid.text);
    assert.equal(paid.json.status, "SUCCEEDED");
    assert.equal(paid.json.redirectUrl, `https://merchant.example.com/checkout/success?sessionId=${id}`);

    const session = await getSession(apiKey, id);
    assert.equal(session.status, "SUCCEEDED");
    assert.deepEqual(session.payment.card, { brand: "visa", last4: "4242" });
    assert.equal(session.amount.captured, 140.76);
    assert.equal(session.attempts.length, 1);
    assert.equal(session.attempts[0].outcome, "succeeded");
    assert.equal(session.attempts[0].provider, session.payment.provider);
    assert.equal(session.attempts[0].routing.context.brand, "visa");
    assert.equal(session.attempts[0].providerCalls[0].outcome, "succeeded");

    // Paid is final: paying again is a 409, and nothing is charged.
    const again = await pay(secret, TEST_CARDS.succeeds);
    assert.equal(again.status, 409);
    assert.equal(await testDb().charge.count({ where: { cardSessionId: id, status: "succeeded" } }), 1);

    // The card number is nowhere in the database: not in a session, attempt, charge or idempotency record.
    const tables = await testDb().$queryRaw<{ table_name: string }[]>`
      SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`;
    for (const { table_name } of tables) {
      const [{ hits }] = await testDb().$queryRawUnsafe<{ hits: bigint }[]>(
        `SELECT count(*) AS hits FROM "${table_name}" t WHERE to_jsonb(t)::text LIKE '%4242424242424242%' OR to_jsonb(t)::text LIKE '%4242 4242 4242 4242%'`,
      );
      assert.equal(hits, 0n, `card number found in ${table_name}`);
    }
    assert.ok((await testDb().charge.count({ where: { merchantId } })) >= 1);
  });

  test("a decline leaves the session payable with a clear 402; the last allowed decline fails it", async () => {
    const { apiKey } = await seedMerchant("Unlucky shop");
    const { id, secret } = await createSession(apiKey);
    const declined = await pay(secret, TEST_CARDS.declined);
    assert.equal(declined.status, 402);
    assert.equal(declined.json.error.code, "card_declined");
    assert.equal(declined.json.error.param, "card.number");
    assert.match(declined.json.error.message, /declined.*2 attempts left/);
    assert.equal((await getSession(apiKey, id)).status, "PENDING");

    const poor = await pay(secret, TEST_CARDS.insufficientFunds);
    assert.equal(poor.status, 402);
    assert.match(poor.json.error.message, /insufficient funds.*1 attempt left/);
    const last = await pay(secret, TEST_CARDS.declined);
    assert.equal(last.status, 200);
    assert.equal(last.json.status, "FAILED");
    assert.equal(last.json.redirectUrl, `https://merchant.example.com/checkout/failure?sessionId=${id}`);
    const session = await getSession(apiKey, id);
    assert.equal(session.status, "FAILED");
    assert.equal(session.attemptsRemaining, 0);
    assert.deepEqual(
      session.attempts.map((attempt: { declineCode: string }) => attempt.declineCode),
      ["card_declined", "insufficient_funds", "card_declined"],
    );
    assert.equal((await pay(secret, TEST_CARDS.succeeds)).status, 409);
  });

  test("a processing error cascades to the next provider within the same attempt", async () => {
    const { apiKey } = await seedMerchant("Cascade shop");
    const { id, secret } = await createSession(apiKey);
    const paid = await pay(secret, TEST_CARDS.processingError);
    assert.equal(paid.status, 200, paid.text);
    assert.equal(paid.json.status, "SUCCEEDED");
    const session = await getSession(apiKey, id);
    assert.equal(session.attempts.length, 1);
    const [attempt] = session.attempts;
    const ranked = attempt.routing.ranked.map((entry: { provider: string }) => entry.provider);
    assert.deepEqual(
      attempt.providerCalls.map((call: { provider: string; outcome: string; declineCode: string | null }) => [
        call.provider,
        call.outcome,
        call.declineCode,
      ]),
      [
        [ranked[0], "declined", "processing_error"],
        [ranked[1], "succeeded", null],
      ],
    );
    assert.equal(session.payment.provider, ranked[1]);
    assert.equal(attempt.provider, ranked[1]);
  });

  test("3-D Secure: a challenge step, then success; a second answer is refused", async () => {
    const { apiKey } = await seedMerchant("Secure shop");
    const { id, secret } = await createSession(apiKey);
    const challenged = await pay(secret, TEST_CARDS.threeDSecure);
    assert.equal(challenged.status, 200, challenged.text);
    assert.equal(challenged.json.status, "REQUIRES_ACTION");
    const { attemptId } = challenged.json;
    const waiting = await getSession(apiKey, id);
    assert.equal(waiting.status, "PROCESSING");
    assert.equal(waiting.attempts[0].outcome, "requires_action");
    // While the challenge waits, nobody else can pay the session.
    assert.equal((await pay(secret, TEST_CARDS.succeeds)).status, 409);

    const answers = await Promise.all([authenticate(secret, attemptId, true), authenticate(secret, attemptId, true)]);
    assert.deepEqual(answers.map((answer) => answer.status).sort(), [200, 409]);
    const done = await getSession(apiKey, id);
    assert.equal(done.status, "SUCCEEDED");
    assert.deepEqual(done.payment.card, { brand: "visa", last4: "3220" });
    assert.deepEqual(
      done.attempts[0].providerCalls.map((call: { outcome: string }) => call.outcome),
      ["requires_action", "succeeded"],
    );
  });

  test("3-D Secure failed: a decline the customer can retry with another card", async () => {
    const { apiKey } = await seedMerchant("Doubtful shop");
    const { id, secret } = await createSession(apiKey);
    const { attemptId } = (await pay(secret, TEST_CARDS.threeDSecure)).json;
    const failed = await authenticate(secret, attemptId, false);
    assert.equal(failed.status, 402);
    assert.equal(failed.json.error.message, "Your bank could not confirm the payment. (2 attempts left)");
    const session = await getSession(apiKey, id);
    assert.equal(session.status, "PENDING");
    assert.equal(session.attempts[0].declineCode, "authentication_failed");
    assert.equal((await authenticate(secret, "att_unknown", true)).status, 409);
    assert.equal((await pay(secret, TEST_CARDS.succeeds)).json.status, "SUCCEEDED");
  });

  test("concurrent pays of one session charge once", async () => {
    const { apiKey } = await seedMerchant("Two tabs");
    const { id, secret } = await createSession(apiKey);
    const results = await Promise.all(Array.from({ length: 10 }, () => pay(secret, TEST_CARDS.succeeds)));
    const statuses = results.map((result) => result.status).sort();
    assert.equal(statuses.filter((status) => status === 200).length, 1, statuses.join(","));
    assert.ok(statuses.every((status) => status === 200 || status === 409));
    assert.equal(await testDb().charge.count({ where: { cardSessionId: id, status: "succeeded" } }), 1);
    assert.equal((await getSession(apiKey, id)).attempts.length, 1);
  });

  test("malformed cards are refused by the server too, without using an attempt", async () => {
    const { apiKey } = await seedMerchant("Careful shop");
    const { id, secret } = await createSession(apiKey);
    const cases: [string, ReturnType<typeof cardForm> | unknown, string][] = [
      ["a Luhn failure", cardForm("4242 4242 4242 4241"), "card.number"],
      ["letters", cardForm("4242 abcd 4242 4242"), "card.number"],
      ["a month 13", cardForm(TEST_CARDS.succeeds, { expiry: "13/30" }), "card.expiry"],
      ["an expired card", cardForm(TEST_CARDS.succeeds, { expiry: "01/20" }), "card.expiry"],
      ["a short CVC", cardForm(TEST_CARDS.succeeds, { cvc: "12" }), "card.cvc"],
      ["a 3-digit CVC on Amex", cardForm(TEST_CARDS.amex, { cvc: "123" }), "card.cvc"],
      ["no card", {}, "card"],
      ["an extra field", { ...cardForm(TEST_CARDS.succeeds), amount: 1 }, "amount"],
    ];
    for (const [name, body, param] of cases) {
      const response = await api(`/api/hosted/card/${secret}/pay`, { method: "POST", body });
      assert.equal(response.status, 400, `${name}: ${response.text}`);
      assert.equal(response.json.error.param ?? "", param, name);
    }
    assert.equal((await api(`/api/hosted/card/${secret}/pay`, { method: "POST" })).status, 400);
    assert.equal(
      (await api("/api/hosted/card/cds_test_nope/pay", { method: "POST", body: cardForm(TEST_CARDS.succeeds) })).status,
      404,
    );
    const session = await getSession(apiKey, id);
    assert.equal(session.attempts.length, 0);
    assert.equal(session.status, "PENDING");
  });

  test("a brand no eligible provider takes is refused before any attempt", async () => {
    const { apiKey } = await seedMerchant("Gulf shop");
    const { id, secret } = await createSession(apiKey, {
      currency: "AED",
      orderItems: undefined,
      amount: { total: 50 },
    });
    const refused = await pay(secret, TEST_CARDS.unionpay);
    assert.equal(refused.status, 402);
    assert.equal(refused.json.error.param, "card.number");
    assert.match(refused.json.error.message, /UnionPay cards are not accepted/);
    assert.equal((await getSession(apiKey, id)).attempts.length, 0);
  });

  test("an expired session is shown as expired and cannot be paid", async () => {
    const { apiKey } = await seedMerchant("Late shop");
    const { id, secret } = await createSession(apiKey);
    await testDb().cardSession.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    assert.equal((await getSession(apiKey, id)).status, "EXPIRED");
    const late = await pay(secret, TEST_CARDS.succeeds);
    assert.equal(late.status, 409);
    // The hosted page reloads on a 409 and shows the expired page; the answer says so in the customer's words.
    assert.equal(late.json.error.message, "This checkout cannot be paid now. Reloading…");
    assert.equal((await testDb().cardSession.findUniqueOrThrow({ where: { id } })).status, "EXPIRED");
    const cancel = await api(`/api/v1/sessions/${id}/cancel`, { method: "POST", key: apiKey });
    assert.equal(cancel.status, 409);
  });

  test("the expiry sweep expires a session nobody touches", async () => {
    const { apiKey } = await seedMerchant("Forgotten shop");
    const { id } = await createSession(apiKey);
    await testDb().cardSession.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const deadline = Date.now() + 20_000;
    let status = "PENDING";
    while (status !== "EXPIRED" && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      status = (await testDb().cardSession.findUniqueOrThrow({ where: { id } })).status;
    }
    assert.equal(status, "EXPIRED");
  });
});

const waitOutRoutingCache = () => new Promise((resolve) => setTimeout(resolve, ROUTING_STATE_CACHE_MS + 100));

describe("routing state shared through the database", () => {
  test("failures in a row open a provider's circuit; concurrent instances lose no count; an answer closes it", async () => {
    const { merchantId } = await seedMerchant("Flaky provider");
    const scope = { merchantId, mode: "test" as const };
    // Four instances each record a failure at the same moment.
    await Promise.all(Array.from({ length: 4 }, () => recordProviderCall(testDb(), scope, "adyen", "failed", 10_000)));
    assert.deepEqual((await loadRoutingState(testDb(), scope)).openCircuits, {});
    await recordProviderCall(testDb(), scope, "adyen", "failed", 10_000);
    const open = await loadRoutingState(testDb(), scope);
    assert.ok(open.openCircuits.adyen, "the fifth failure in a row opens the circuit");
    assert.deepEqual(open.windows.adyen, { calls: 5, approvals: 0, latencyMsSum: 50_000 });

    await recordProviderCall(testDb(), scope, "adyen", "declined", 80);
    const closed = await loadRoutingState(testDb(), scope);
    assert.deepEqual(closed.openCircuits, {});
    assert.equal(closed.windows.adyen.calls, 6);
    // Another merchant's providers are its own.
    const other = await seedMerchant("Unaffected");
    assert.deepEqual(await loadRoutingState(testDb(), { merchantId: other.merchantId, mode: "test" }), {
      windows: {},
      openCircuits: {},
    });
  });

  test("a new session's hint may use the state read up to a second before; a payment's read is fresh", async () => {
    const { merchantId } = await seedMerchant("Cached routing");
    const scope = { merchantId, mode: "test" as const };
    const at = new Date();
    const later = (ms: number) => new Date(at.getTime() + ms);
    assert.deepEqual((await recentRoutingState(testDb(), scope, at)).openCircuits, {});
    for (let i = 0; i < 5; i++) await recordProviderCall(testDb(), scope, "adyen", "failed", 10_000);
    assert.ok((await loadRoutingState(testDb(), scope)).openCircuits.adyen, "a payment sees the circuit at once");
    assert.deepEqual((await recentRoutingState(testDb(), scope, later(ROUTING_STATE_CACHE_MS - 1))).openCircuits, {});
    assert.ok((await recentRoutingState(testDb(), scope, later(ROUTING_STATE_CACHE_MS))).openCircuits.adyen);
  });

  test("an open circuit takes a provider out of routing until it closes", async () => {
    const { merchantId, apiKey } = await seedMerchant("Breaker shop");
    const first = await createSession(apiKey);
    const favourite = (await getSession(apiKey, first.id)).routing.selectedProvider;
    await testDb().cardProviderHealth.create({
      data: {
        merchantId,
        mode: "test",
        provider: favourite,
        consecutiveFailures: 5,
        openUntil: new Date(Date.now() + 60_000),
      },
    });
    // A new session's routing may use statistics read up to ROUTING_STATE_CACHE_MS ago (a payment reads fresh).
    await waitOutRoutingCache();
    const second = await getSession(apiKey, (await createSession(apiKey)).id);
    assert.notEqual(second.routing.selectedProvider, favourite);
    assert.deepEqual(
      second.routing.excluded.map((entry: { provider: string; reason: string }) => [entry.provider, entry.reason]),
      [[favourite, "circuit_open"]],
    );
    // Half-open: once the time is up the provider is back, and one answer closes the circuit.
    await testDb().cardProviderHealth.updateMany({
      where: { merchantId },
      data: { openUntil: new Date(Date.now() - 1) },
    });
    await waitOutRoutingCache();
    const third = await createSession(apiKey);
    assert.equal((await getSession(apiKey, third.id)).routing.selectedProvider, favourite);
    await pay(third.secret, TEST_CARDS.succeeds);
    const health = await testDb().cardProviderHealth.findFirstOrThrow({ where: { merchantId, provider: favourite } });
    assert.equal(health.consecutiveFailures, 0);
    assert.equal(health.openUntil, null);
  });

  test("declines lower a provider's observed authorization rate, and routing moves away from it", async () => {
    const { merchantId, apiKey } = await seedMerchant("Learning shop");
    const first = await createSession(apiKey);
    const favourite = (await getSession(apiKey, first.id)).routing.selectedProvider;
    const bucketStart = new Date(Math.floor(Date.now() / 60_000) * 60_000);
    await testDb().cardProviderStat.create({
      data: {
        merchantId,
        mode: "test",
        provider: favourite,
        bucketStart,
        calls: 40,
        approvals: 10,
        latencyMsSum: 40n * 80n,
      },
    });
    await waitOutRoutingCache();
    const next = await getSession(apiKey, (await createSession(apiKey)).id);
    assert.notEqual(next.routing.selectedProvider, favourite);
    const entry = next.routing.ranked.find((candidate: { provider: string }) => candidate.provider === favourite);
    assert.equal(entry.inputs.authorizationRate, 0.25);
    assert.equal(entry.inputs.observedCalls, 40);
    assert.equal(entry.inputs.latencySource, "observed");

    // Every provider call is counted in the shared window.
    await pay(first.secret, TEST_CARDS.succeeds);
    const rows = await testDb().cardProviderStat.findMany({ where: { merchantId } });
    assert.equal(
      rows.reduce((sum, row) => sum + row.calls, 0),
      41,
    );
  });
});

describe("refunds", () => {
  test("partial, then the rest; never more than captured; Idempotency-Key required", async () => {
    const { apiKey } = await seedMerchant("Refunding shop");
    const { id } = await paidSession(apiKey);
    const noKey = await refund(apiKey, id, { amount: 10 }, null);
    assert.equal(noKey.status, 400);
    assert.equal(noKey.json.error.param, "Idempotency-Key");

    const partial = await refund(apiKey, id, { amount: 40.76 }, "refund-1");
    assert.equal(partial.status, 201, partial.text);
    assert.equal(partial.json.amount, 40.76);
    assert.equal(partial.json.status, "SUCCEEDED");
    assert.match(partial.json.refundId, /^re_/);
    const replay = await refund(apiKey, id, { amount: 40.76 }, "refund-1");
    assert.equal(replay.json.refundId, partial.json.refundId);
    assert.equal((await getSession(apiKey, id)).status, "PARTIALLY_REFUNDED");

    const tooMuch = await refund(apiKey, id, { amount: 100.01 });
    assert.equal(tooMuch.status, 400);
    assert.equal(tooMuch.json.error.param, "amount");
    assert.match(tooMuch.json.error.message, /100\.00 AUD that can still be refunded/);
    for (const amount of [0, -5, 1.001, "10"]) {
      const wrong = await refund(apiKey, id, { amount });
      assert.equal(wrong.status, 400, String(amount));
      assert.equal(wrong.json.error.param, "amount");
    }

    const rest = await refund(apiKey, id);
    assert.equal(rest.status, 201);
    assert.equal(rest.json.amount, 100);
    const session = await getSession(apiKey, id);
    assert.equal(session.status, "REFUNDED");
    assert.equal(session.amount.refunded, 140.76);
    assert.equal(session.refunds.length, 2);
    assert.equal((await refund(apiKey, id, { amount: 1 })).status, 409);
    const listed = await api(`/api/v1/sessions/${id}/refunds`, { key: apiKey });
    assert.equal(listed.json.data.length, 2);
  });

  test("concurrent refunds never add up to more than was captured", async () => {
    const { apiKey } = await seedMerchant("Racing refunds");
    const { id } = await paidSession(apiKey);
    const results = await Promise.all(Array.from({ length: 10 }, () => refund(apiKey, id, { amount: 20 })));
    const succeeded = results.filter((result) => result.status === 201);
    assert.equal(succeeded.length, 7, results.map((result) => result.status).join(","));
    assert.ok(results.every((result) => result.status === 201 || result.status === 400));
    const stored = await testDb().cardSession.findUniqueOrThrow({ where: { id } });
    assert.equal(stored.refundedAmount, 14000n);
    assert.equal(stored.refundPendingAmount, 0n);
    assert.equal(stored.status, "PARTIALLY_REFUNDED");
  });

  test("only a paid session can be refunded", async () => {
    const { apiKey } = await seedMerchant("Unpaid shop");
    const { id } = await createSession(apiKey);
    const refused = await refund(apiKey, id, { amount: 1 });
    assert.equal(refused.status, 409);
    assert.match(refused.json.error.message, /PENDING/);
    const other = await seedMerchant("Stranger");
    assert.equal((await refund(other.apiKey, id, { amount: 1 })).status, 404);
  });
});
