import "server-only";
import type { CardBrand } from "@/lib/card-number";
import { currencyExponent } from "@/lib/money";
import type { ProviderWindow } from "@/lib/providers/provider-stats";
import type { CardProvider } from "@/lib/providers/types";

// Routing (contract "Card payment sessions (Kadosei dialect)"), a pure function of (payment, providers, statistics):
// filter out the providers that cannot take the payment, score the rest 0–100
// and rank them. The decision keeps every input, so an API reader can see why
// a provider was chosen. Scores are for ordering, not money: floats are fine.

export type RoutingInput = {
  amount: bigint;
  currency: string;
  /** Unknown when a session is created; known once the customer types a card. */
  brand?: CardBrand;
  providers: readonly Pick<CardProvider, "name" | "currencies" | "brands" | "fee" | "nominalLatencyMs">[];
  windows: Readonly<Record<string, ProviderWindow | undefined>>;
  /** Providers whose circuit breaker is open, with the time it may close (ISO 8601). */
  openCircuits: Readonly<Record<string, string | undefined>>;
};

export type ScoredProvider = {
  provider: string;
  score: number;
  components: { reliability: number; cost: number; speed: number };
  inputs: {
    /** Approvals ÷ calls in the window; null before any call. */
    authorizationRate: number | null;
    observedCalls: number;
    latencyMs: number;
    latencySource: "observed" | "nominal";
    /** The provider's fee for this payment, in minor units (a string: it is money). */
    fee: string;
  };
};

export type ExcludedProvider = {
  provider: string;
  reason: "currency_not_supported" | "brand_not_supported" | "circuit_open";
  until?: string;
};

export type RoutingDecision = {
  /** `only_eligible`: one provider could take it, so it is chosen without comparison. */
  strategy: "scored" | "only_eligible" | "no_eligible_provider";
  ranked: ScoredProvider[];
  excluded: ExcludedProvider[];
  weights: typeof WEIGHTS;
  prior: typeof PRIOR;
};

/** Reliability matters most; among reliable providers the cheaper, then the faster wins. */
export const WEIGHTS = { reliability: 0.6, cost: 0.25, speed: 0.15 } as const;

/**
 * A provider with few observed calls is assumed to authorize like this many
 * calls at this rate (Laplace-style smoothing): one early decline does not
 * sink a provider, and a new one is neither favoured nor shunned.
 */
export const PRIOR = { calls: 10, authorizationRate: 0.9 } as const;

/** The provider's fee for an amount: percent plus a fixed part, in the currency's minor units. */
export const providerFee = (fee: RoutingInput["providers"][number]["fee"], amount: bigint, currency: string) => {
  const exponent = currencyExponent(currency);
  const percent = (amount * BigInt(fee.percentBps) + 5_000n) / 10_000n; // rounded half up
  const fixed = (BigInt(fee.fixedHundredths) * 10n ** BigInt(exponent)) / 100n;
  return percent + fixed;
};

const round1 = (value: number) => Math.round(value * 10) / 10;
const round3 = (value: number) => Math.round(value * 1000) / 1000;

export const rankCardProviders = (input: RoutingInput): RoutingDecision => {
  const excluded: ExcludedProvider[] = [];
  const eligible = input.providers.filter((provider) => {
    if (!provider.currencies.includes(input.currency)) {
      excluded.push({ provider: provider.name, reason: "currency_not_supported" });
    } else if (input.brand && input.brand !== "unknown" && !provider.brands.includes(input.brand)) {
      excluded.push({ provider: provider.name, reason: "brand_not_supported" });
    } else if (input.openCircuits[provider.name]) {
      excluded.push({ provider: provider.name, reason: "circuit_open", until: input.openCircuits[provider.name] });
    } else {
      return true;
    }
    return false;
  });

  const measured = eligible.map((provider, order) => {
    const window = input.windows[provider.name] ?? { calls: 0, approvals: 0, latencyMsSum: 0 };
    const observed = window.calls > 0;
    return {
      provider,
      order,
      window,
      reliability: (window.approvals + PRIOR.calls * PRIOR.authorizationRate) / (window.calls + PRIOR.calls),
      latencyMs: observed ? window.latencyMsSum / window.calls : provider.nominalLatencyMs,
      latencySource: observed ? ("observed" as const) : ("nominal" as const),
      fee: providerFee(provider.fee, input.amount, input.currency),
    };
  });
  const cheapest = measured.reduce<bigint | undefined>(
    (min, m) => (min === undefined || m.fee < min ? m.fee : min),
    undefined,
  );
  const fastest = Math.min(...measured.map((m) => m.latencyMs));

  const ranked = measured
    .map((m) => {
      const cost = m.fee === 0n ? 1 : Number(cheapest ?? 0n) / Number(m.fee);
      // A provider answering in ~0 ms (an instant test provider) is as fast as it gets.
      const speed = m.latencyMs <= 0 ? 1 : Math.max(fastest, 1) / Math.max(m.latencyMs, 1);
      const score = 100 * (WEIGHTS.reliability * m.reliability + WEIGHTS.cost * cost + WEIGHTS.speed * speed);
      const scored: ScoredProvider = {
        provider: m.provider.name,
        score: round1(score),
        components: { reliability: round3(m.reliability), cost: round3(cost), speed: round3(speed) },
        inputs: {
          authorizationRate: m.window.calls > 0 ? round3(m.window.approvals / m.window.calls) : null,
          observedCalls: m.window.calls,
          latencyMs: Math.round(m.latencyMs),
          latencySource: m.latencySource,
          fee: m.fee.toString(),
        },
      };
      return { scored, fee: m.fee, order: m.order };
    })
    // Deterministic ties: higher score, then lower fee, then registry order.
    .sort(
      (a, b) => b.scored.score - a.scored.score || (a.fee < b.fee ? -1 : a.fee > b.fee ? 1 : 0) || a.order - b.order,
    )
    .map(({ scored }) => scored);

  const strategy = ranked.length === 0 ? "no_eligible_provider" : ranked.length === 1 ? "only_eligible" : "scored";
  return { strategy, ranked, excluded, weights: WEIGHTS, prior: PRIOR };
};
