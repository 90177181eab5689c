import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { CardProviderUnavailableError, cardProviderFor, cardProvidersFor } from "@/lib/providers/card-provider";
import { createTestCardProvider } from "@/lib/providers/test-card/test-card-provider";
import type { ChargeRequest } from "@/lib/providers/types";

const provider = createTestCardProvider();
let keys = 0;
// A new idempotency key per call unless one is given: one key replays its first answer.
const charge = (number: string, overrides: Partial<ChargeRequest> = {}) =>
  provider.charge({
    mode: "test",
    amount: 1000n,
    currency: "USD",
    source: { card: { number, expMonth: 12, expYear: 2034, cvc: "123" } },
    idempotencyKey: `ch_${++keys}`,
    ...overrides,
  });

describe("test card provider", () => {
  test("Stripe's test numbers decide the outcome", async () => {
    const success = await charge("4242424242424242");
    assert.equal(success.status, "succeeded");
    assert.equal(success.card.brand, "visa");
    assert.equal(success.card.last4, "4242");
    const outcomes = {
      "4000000000000002": ["card_declined", false],
      "4000000000009995": ["insufficient_funds", false],
      "4000000000000119": ["processing_error", true],
      "4000000000003220": ["authentication_required", false],
    } as const;
    for (const [number, [code, soft]] of Object.entries(outcomes)) {
      const result = await charge(number);
      assert.equal(result.status, "declined", number);
      if (result.status === "declined") {
        assert.equal(result.code, code);
        assert.equal(result.soft, soft);
      }
    }
  });

  test("a real-looking card is refused in test mode; an expired one is declined", async () => {
    const real = await charge("4111111111111111");
    assert.equal(real.status === "declined" && real.code, "test_mode_live_card");
    const expired = await provider.charge({
      mode: "test",
      amount: 1000n,
      currency: "USD",
      source: { card: { number: "4242424242424242", expMonth: 1, expYear: 2020, cvc: "123" } },
      idempotencyKey: "ch_expired",
    });
    assert.equal(expired.status === "declined" && expired.code, "expired_card");
  });

  test("a saved card charges again with its token; the reference is stable per idempotency key", async () => {
    const first = await charge("5555555555554444", { idempotencyKey: "ch_saved" });
    assert.equal(first.status, "succeeded");
    if (first.status !== "succeeded") return;
    assert.match(first.card.token, /^tok_test_mastercard_4444_/);
    assert.doesNotMatch(first.card.token, /5555555555554444/);
    const again = await provider.charge({
      mode: "test",
      amount: 500n,
      currency: "USD",
      source: { token: first.card.token },
      idempotencyKey: "ch_saved",
    });
    assert.equal(again.status, "succeeded");
    if (again.status === "succeeded") assert.equal(again.reference, first.reference);
  });

  test("3-D Secure: a challenge where the page can run one, then the cardholder's answer decides", async () => {
    const challenged = await charge("4000000000003220", { threeDSecure: true });
    assert.equal(challenged.status, "requires_action");
    if (challenged.status !== "requires_action") return;
    assert.doesNotMatch(challenged.reference, /4000000000003220/);
    const passed = await provider.completeAuthentication({
      mode: "test",
      reference: challenged.reference,
      authenticated: true,
      idempotencyKey: "att_1:authentication",
    });
    assert.equal(passed.status, "succeeded");
    assert.deepEqual(passed.status === "succeeded" && [passed.card.brand, passed.card.last4], ["visa", "3220"]);
    const failed = await provider.completeAuthentication({
      mode: "test",
      reference: challenged.reference,
      authenticated: false,
      idempotencyKey: "att_2:authentication",
    });
    assert.equal(failed.status === "declined" && failed.code, "authentication_failed");
  });

  test("the processing-error card fails at the first provider of a cascade only", async () => {
    const first = await charge("4000000000000119", { cascadeIndex: 0 });
    assert.equal(first.status === "declined" && first.soft, true);
    const second = await charge("4000000000000119", { cascadeIndex: 1 });
    assert.equal(second.status, "succeeded");
  });

  test("refunds a charge it made, and nothing else", async () => {
    const paid = await charge("4242424242424242");
    assert.equal(paid.status, "succeeded");
    if (paid.status !== "succeeded") return;
    const refund = await provider.refund({
      mode: "test",
      reference: paid.reference,
      amount: 500n,
      currency: "USD",
      idempotencyKey: "re_1",
    });
    assert.match(refund.status === "succeeded" ? refund.reference : "", /^re_test_/);
    await assert.rejects(
      provider.refund({ mode: "test", reference: "ch_other", amount: 1n, currency: "USD", idempotencyKey: "re_2" }),
    );
  });

  test("one idempotency key, one answer: a repeated call replays the first, whatever it is asked", async () => {
    const first = await charge("4000000000000002", { idempotencyKey: "ch_same" });
    const again = await charge("4242424242424242", { idempotencyKey: "ch_same" });
    assert.deepEqual(again, first);
    assert.deepEqual(await provider.lookupCharge({ mode: "test", idempotencyKey: "ch_same" }), first);
    assert.equal(await provider.lookupCharge({ mode: "test", idempotencyKey: "ch_never" }), undefined);
  });

  test("the silent cards: the work is done and recorded, the answer never comes, the lookup tells", async () => {
    for (const [number, status] of [
      ["4000000000000408", "succeeded"],
      ["4000000000000416", "declined"],
    ] as const) {
      const controller = new AbortController();
      const call = charge(number, { idempotencyKey: `silent_${number}`, signal: controller.signal });
      setTimeout(() => controller.abort(), 30);
      await assert.rejects(call, { name: "AbortError" });
      const found = await provider.lookupCharge({ mode: "test", idempotencyKey: `silent_${number}` });
      assert.equal(found?.status, status, number);
    }
    const paid = await provider.lookupCharge({ mode: "test", idempotencyKey: "silent_4000000000000408" });
    if (paid?.status !== "succeeded") return assert.fail("the silent card's charge succeeded");
    // Its refunds go silent too, and are found the same way.
    const controller = new AbortController();
    const refund = provider.refund({
      mode: "test",
      reference: paid.reference,
      amount: 1000n,
      currency: "USD",
      idempotencyKey: "re_silent",
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 30);
    await assert.rejects(refund, { name: "AbortError" });
    assert.equal((await provider.lookupRefund({ mode: "test", idempotencyKey: "re_silent" }))?.status, "succeeded");
    assert.equal(await provider.lookupRefund({ mode: "test", idempotencyKey: "silent_4000000000000408" }), undefined);
  });

  test("the four routing providers differ where routing looks", () => {
    assert.deepEqual(
      cardProvidersFor("test").map((provider) => provider.name),
      ["stripe", "adyen", "checkout_com", "braintree"],
    );
    const fees = new Set(cardProvidersFor("test").map((provider) => provider.fee.percentBps));
    assert.equal(fees.size, 4);
    assert.throws(() => cardProvidersFor("live"), CardProviderUnavailableError);
  });

  test("live mode has no provider", () => {
    assert.equal(cardProviderFor("test").name, "test");
    assert.throws(() => cardProviderFor("live"), CardProviderUnavailableError);
  });
});
