import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { CardProviderUnavailableError, cardProviderFor } from "@/lib/providers/card-provider";
import { createTestCardProvider } from "@/lib/providers/test-card/test-card-provider";
import type { ChargeRequest } from "@/lib/providers/types";

const provider = createTestCardProvider();
const charge = (number: string, overrides: Partial<ChargeRequest> = {}) =>
  provider.charge({
    mode: "test",
    amount: 1000n,
    currency: "USD",
    source: { card: { number, expMonth: 12, expYear: 2034, cvc: "123" } },
    idempotencyKey: "ch_1",
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
      idempotencyKey: "ch_2",
    });
    assert.equal(expired.status === "declined" && expired.code, "expired_card");
  });

  test("a saved card charges again with its token; the reference is stable per idempotency key", async () => {
    const first = await charge("5555555555554444");
    assert.equal(first.status, "succeeded");
    if (first.status !== "succeeded") return;
    assert.match(first.card.token, /^tok_test_mastercard_4444_/);
    assert.doesNotMatch(first.card.token, /5555555555554444/);
    const again = await provider.charge({
      mode: "test",
      amount: 500n,
      currency: "USD",
      source: { token: first.card.token },
      idempotencyKey: "ch_1",
    });
    assert.equal(again.status, "succeeded");
    if (again.status === "succeeded") assert.equal(again.reference, first.reference);
  });

  test("live mode has no provider", () => {
    assert.equal(cardProviderFor("test").name, "test");
    assert.throws(() => cardProviderFor("live"), CardProviderUnavailableError);
  });
});
