import type { CardBrand } from "@/lib/card/card-number";
import type { Db } from "@/lib/db/client";
import type { MerchantScope } from "@/lib/merchants/scope";
import { cardConnectorsFor } from "@/lib/providers/card-provider";
import type { CardProvider } from "@/lib/providers/types";
import { loadRoutingState } from "./provider-stats";
import { type RoutingDecision, rankCardProviders } from "./rank-card-providers";

/** A routing decision as stored beside its session or attempt: what was decided, when, and for what payment. */
export type StoredRoutingDecision = RoutingDecision & {
  decidedAt: string;
  context: { amount: string; currency: string; brand: CardBrand | null };
};

export type CardPayment = { amount: bigint; currency: string; brand?: CardBrand };

/** Ranks this merchant's providers for a payment from the shared statistics (SPEC §4 routing). */
export const decideCardRouting = async (
  db: Db,
  scope: MerchantScope,
  payment: CardPayment,
  now = new Date(),
): Promise<{ decision: StoredRoutingDecision; connectors: readonly CardProvider[] }> => {
  const connectors = cardConnectorsFor(scope.mode);
  const state = await loadRoutingState(db, scope, now);
  const decision = rankCardProviders({ ...payment, providers: connectors, ...state });
  return {
    connectors,
    decision: {
      ...decision,
      decidedAt: now.toISOString(),
      context: { amount: payment.amount.toString(), currency: payment.currency, brand: payment.brand ?? null },
    },
  };
};

/** The connectors of a decision, best first. */
export const rankedConnectors = (decision: RoutingDecision, connectors: readonly CardProvider[]) =>
  decision.ranked.flatMap((entry) => connectors.filter((connector) => connector.name === entry.provider));
