import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { providerFee, type RoutingInput, rankCardProviders } from "@/lib/card/rank-card-providers";
import { CIRCUIT_BREAKER, circuitOpenUntil, isCircuitOpen } from "@/lib/providers/circuit-breaker";
import { TEST_PROVIDERS } from "@/lib/providers/test-card/test-providers";

const seedPayment = (overrides: Partial<RoutingInput> = {}): RoutingInput => ({
  amount: 14076n,
  currency: "AUD",
  providers: TEST_PROVIDERS,
  windows: {},
  openCircuits: {},
  ...overrides,
});

const order = (input: RoutingInput) => rankCardProviders(input).ranked.map((entry) => entry.provider);

describe("card routing", () => {
  test("with no history, cost and speed decide, and every score is 0–100 with its inputs", () => {
    const decision = rankCardProviders(seedPayment());
    assert.equal(decision.strategy, "scored");
    assert.deepEqual(
      decision.ranked.map((entry) => entry.provider),
      ["checkout_com", "stripe", "adyen", "braintree"],
    );
    for (const entry of decision.ranked) {
      assert.ok(entry.score > 0 && entry.score <= 100, `${entry.provider} ${entry.score}`);
      assert.equal(entry.inputs.observedCalls, 0);
      assert.equal(entry.inputs.authorizationRate, null);
      assert.equal(entry.inputs.latencySource, "nominal");
    }
    // 2.5% of 140.76 AUD is 3.519 → 352 cents, plus 0.20.
    assert.equal(decision.ranked[0].inputs.fee, "372");
  });

  test("the ranking moves when a provider's authorization rate falls", () => {
    const healthy = { calls: 100, approvals: 95, latencyMsSum: 100 * 75 };
    const before = seedPayment({ windows: { checkout_com: healthy, stripe: { ...healthy, latencyMsSum: 6000 } } });
    assert.equal(order(before)[0], "checkout_com");
    const falling = seedPayment({
      windows: { checkout_com: { ...healthy, approvals: 60 }, stripe: { ...healthy, latencyMsSum: 6000 } },
    });
    const ranked = order(falling);
    assert.notEqual(ranked[0], "checkout_com");
    assert.equal(ranked.at(-1), "checkout_com");
    const scoreOf = (input: RoutingInput) =>
      rankCardProviders(input).ranked.find((entry) => entry.provider === "checkout_com")?.score ?? 0;
    assert.ok(scoreOf(falling) < scoreOf(before) - 15);
  });

  test("one early decline costs a few points (smoothing); a long record of them costs many", () => {
    const scoreAfter = (calls: number) =>
      rankCardProviders(
        seedPayment({ windows: { checkout_com: { calls, approvals: 0, latencyMsSum: calls * 75 } } }),
      ).ranked.find((entry) => entry.provider === "checkout_com");
    const fresh = rankCardProviders(seedPayment()).ranked[0];
    const one = scoreAfter(1);
    assert.ok(one && one.components.reliability > 0.8);
    assert.ok(one && fresh.score - one.score < 6, `${fresh.score} → ${one?.score}`);
    const many = scoreAfter(50);
    assert.ok(many && fresh.score - many.score > 40, `${fresh.score} → ${many?.score}`);
  });

  test("observed latency replaces the nominal one", () => {
    const slow = seedPayment({ windows: { checkout_com: { calls: 20, approvals: 18, latencyMsSum: 20 * 900 } } });
    const entry = rankCardProviders(slow).ranked.find((candidate) => candidate.provider === "checkout_com");
    assert.equal(entry?.inputs.latencySource, "observed");
    assert.equal(entry?.inputs.latencyMs, 900);
    assert.notEqual(order(slow)[0], "checkout_com");
  });

  test("currency, brand and open circuits exclude providers, with the reason kept", () => {
    const decision = rankCardProviders(
      seedPayment({ currency: "KWD", amount: 10_000n, brand: "unionpay", openCircuits: {} }),
    );
    assert.deepEqual(
      decision.ranked.map((entry) => entry.provider),
      ["adyen"],
    );
    assert.equal(decision.strategy, "only_eligible");
    assert.deepEqual(
      decision.excluded.map(({ provider, reason }) => [provider, reason]),
      [
        ["stripe", "currency_not_supported"],
        ["checkout_com", "brand_not_supported"],
        ["braintree", "currency_not_supported"],
      ],
    );
    const open = rankCardProviders(seedPayment({ openCircuits: { checkout_com: "2026-11-21T12:00:30.000Z" } }));
    assert.ok(!open.ranked.some((entry) => entry.provider === "checkout_com"));
    assert.deepEqual(open.excluded, [
      { provider: "checkout_com", reason: "circuit_open", until: "2026-11-21T12:00:30.000Z" },
    ]);
  });

  test("the only provider of a currency is chosen directly; none at all is said so", () => {
    const only = rankCardProviders(seedPayment({ currency: "AED", amount: 5000n }));
    assert.equal(only.strategy, "only_eligible");
    assert.deepEqual(
      only.ranked.map((entry) => entry.provider),
      ["checkout_com"],
    );
    const none = rankCardProviders(seedPayment({ currency: "BRL", amount: 5000n }));
    assert.equal(none.strategy, "no_eligible_provider");
    assert.equal(none.ranked.length, 0);
    assert.equal(none.excluded.length, 4);
  });

  test("ties are broken by fee, then by registry order, the same way every time", () => {
    const twin = (name: string) => ({
      name,
      currencies: ["USD"],
      brands: ["visa" as const],
      fee: { percentBps: 100, fixedHundredths: 0 },
      nominalLatencyMs: 50,
    });
    const providers = [twin("b"), twin("a"), { ...twin("c"), fee: { percentBps: 100, fixedHundredths: 1 } }];
    for (let run = 0; run < 3; run++) {
      assert.deepEqual(order(seedPayment({ currency: "USD", amount: 10_000n, providers })), ["b", "a", "c"]);
    }
  });

  test("fees are exact integer minor units in every currency", () => {
    const fee = { percentBps: 290, fixedHundredths: 30 };
    assert.equal(providerFee(fee, 14076n, "AUD"), 438n); // 408.204 → 408, + 30
    assert.equal(providerFee(fee, 10_000n, "JPY"), 290n); // no fixed part below one yen
    assert.equal(providerFee(fee, 10_000n, "KWD"), 590n); // 290 + 0.300 KWD
  });
});

describe("circuit breaker", () => {
  test("opens at the threshold of failures in a row, for a while", () => {
    const now = new Date("2026-11-21T12:00:00Z");
    assert.equal(circuitOpenUntil(CIRCUIT_BREAKER.failureThreshold - 1, now), null);
    const until = circuitOpenUntil(CIRCUIT_BREAKER.failureThreshold, now);
    assert.equal(until?.getTime(), now.getTime() + CIRCUIT_BREAKER.openMs);
    assert.equal(isCircuitOpen(until, now), true);
    assert.equal(isCircuitOpen(until, new Date(now.getTime() + CIRCUIT_BREAKER.openMs)), false);
    assert.equal(isCircuitOpen(null, now), false);
  });
});
