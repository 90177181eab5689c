import "server-only";
import type { ChargeCall } from "@/lib/payments/charge-provider";
import type { CardProvider } from "@/lib/providers/types";

// One payment attempt across the ranked providers: the best one is asked
// first; only a soft decline (the issuer or processor might say yes
// elsewhere) moves on to the next. A success, a 3-D Secure challenge or a
// hard decline (the card itself was refused) ends it, and so does a call that
// got no answer: money may have moved there, so asking another provider could
// charge the customer twice. That call is left to the reconciler.

export type CascadeStep = { provider: CardProvider; call: ChargeCall };

export type CascadeResult = {
  /** The call that ended the attempt; the last soft decline when every provider declined softly. */
  last: CascadeStep;
  steps: CascadeStep[];
};

type Options = {
  providers: readonly CardProvider[];
  /** Makes one provider's call through the payments core. */
  charge: (provider: CardProvider, cascadeIndex: number) => Promise<ChargeCall>;
  /** A soft decline the cascade moves on from: settle it, it no longer decides anything. */
  onSoftDecline: (step: CascadeStep) => Promise<void>;
};

export const chargeWithCascade = async ({ providers, charge, onSoftDecline }: Options): Promise<CascadeResult> => {
  if (providers.length === 0) throw new Error("A cascade needs at least one provider.");
  const steps: CascadeStep[] = [];
  for (const [cascadeIndex, provider] of providers.entries()) {
    const step = { provider, call: await charge(provider, cascadeIndex) };
    steps.push(step);
    const { outcome } = step.call;
    const softDecline = outcome.answered && outcome.result.status === "declined" && outcome.result.soft;
    if (!softDecline || cascadeIndex === providers.length - 1) return { last: step, steps };
    await onSoftDecline(step);
  }
  throw new Error("unreachable: the last provider always ends the cascade");
};
