import "server-only";
import type { CardBrand } from "@/lib/card-number";
import type { Db } from "@/lib/db/client";
import { cardProvidersFor } from "@/lib/providers/card-provider";
import { loadRoutingState, recentRoutingState } from "@/lib/providers/provider-stats";
import type { CardProvider } from "@/lib/providers/types";
import type { MerchantScope } from "@/lib/scope";
import { type RoutingDecision, rankCardProviders } from "./rank-card-providers";

/** A routing decision as stored beside its session or attempt: what was decided, when, and for what payment. */
export type StoredRoutingDecision = RoutingDecision & {
  decidedAt: string;
  context: { amount: string; currency: string; brand: CardBrand | null };
};

export type CardPayment = { amount: bigint; currency: string; brand?: CardBrand };

/**
 * Ranks this merchant's providers for a payment from the shared statistics (contract "Card payment sessions
 * (Kadosei dialect)" routing). `recent`: from statistics read up to a second ago in this process (a new
 * session's hint); a payment reads them fresh.
 */
export const decideCardRouting = async (
  db: Db,
  scope: MerchantScope,
  payment: CardPayment,
  now = new Date(),
  { recent = false }: { recent?: boolean } = {},
): Promise<{ decision: StoredRoutingDecision; providers: readonly CardProvider[] }> => {
  const providers = cardProvidersFor(scope.mode);
  const state = await (recent ? recentRoutingState : loadRoutingState)(db, scope, now);
  const decision = rankCardProviders({ ...payment, providers: providers, ...state });
  return {
    providers,
    decision: {
      ...decision,
      decidedAt: now.toISOString(),
      context: { amount: payment.amount.toString(), currency: payment.currency, brand: payment.brand ?? null },
    },
  };
};

/** The providers of a decision, best first. */
export const rankedProviders = (decision: RoutingDecision, providers: readonly CardProvider[]) =>
  decision.ranked.flatMap((entry) => providers.filter((provider) => provider.name === entry.provider));
