import "server-only";
import type { CardBrand } from "@/lib/card-number";
import type { DbClient } from "@/lib/db/client";
import type { ChargeSettlement } from "@/lib/payments/charge-provider";
import type { DeclineCode } from "@/lib/providers/types";
import { cardRedirectUrl } from "./card-session-json";
import { recordCardSessionEvents } from "./record-card-session-events";

// The end of a card payment attempt (its start is the claim in
// pay-card-session.ts): the settled answer of the call that ended it becomes
// the attempt's outcome and the session's new state, with its event, in the
// transaction that settled the charge. The hosted page's request does this
// when the provider answered; the reconciler does it for a call that got no
// answer, once the provider has said what happened (lib/background/reconcile.ts).

/** How long a customer has to answer a 3-D Secure challenge before the session can be paid afresh. */
export const CHALLENGE_MS = 15 * 60_000;

export type ClaimedAttempt = {
  id: string;
  /** Attempts that count against the session's limit, this one included (abandoned ones do not count). */
  attemptsUsed: number;
  /** The session's claim as last extended (each provider call extends it past its own deadline). */
  claimedUntil: Date;
  card: { brand: CardBrand; last4: string };
};

export type CardPaymentOutcome =
  | { status: "SUCCEEDED"; redirectUrl: string }
  | { status: "REQUIRES_ACTION"; attemptId: string }
  // `declineCode` is absent when the provider has no record of the call (no money moved);
  // the customer's words for each come from the catalogs (lib/payments/decline-message.ts).
  | { status: "DECLINED"; declineCode?: DeclineCode; attemptsRemaining: number }
  | { status: "FAILED"; declineCode?: DeclineCode; redirectUrl: string }
  // The provider did not answer: the payment is being confirmed, and nothing may be paid again meanwhile.
  | { status: "PROCESSING" };

// What the attempt row says of a call the provider has no record of (no money moved).
const NO_ANSWER = "The payment could not be processed right now. Try again in a moment.";
export type AttemptSession = {
  id: string;
  maxAttempts: number;
  amountTotal: bigint;
  successUrl: string;
  failureUrl: string;
};

/**
 * Applies the settled answer of the call that ended an attempt. `attemptsUsed`
 * is the session's attempt count when this attempt was claimed.
 */
export const finishCardAttempt = async (
  tx: DbClient,
  session: AttemptSession,
  attempt: { id: string; attemptsUsed: number },
  answer: { settlement: ChargeSettlement; provider: string },
): Promise<CardPaymentOutcome> => {
  const now = new Date();
  const finish = async (data: Parameters<typeof tx.cardSession.updateMany>[0]["data"]) => {
    const { count } = await tx.cardSession.updateMany({ where: { id: session.id, status: "PROCESSING" }, data });
    if (count !== 1) throw new Error(`Card session ${session.id} left PROCESSING while attempt ${attempt.id} ran.`);
  };
  const { settlement, provider } = answer;

  if (settlement.status === "succeeded") {
    await tx.cardPaymentAttempt.update({
      where: { id: attempt.id },
      data: { status: "succeeded", provider, providerReference: settlement.reference, finishedAt: now },
    });
    await finish({
      status: "SUCCEEDED",
      processingUntil: null,
      provider,
      providerReference: settlement.reference,
      cardBrand: settlement.card.brand,
      cardLast4: settlement.card.last4,
      capturedAmount: session.amountTotal,
      completedAt: now,
    });
    await recordCardSessionEvents(tx, [session.id], "session.completed");
    return { status: "SUCCEEDED", redirectUrl: cardRedirectUrl(session, true) };
  }

  if (settlement.status === "requires_action") {
    await tx.cardPaymentAttempt.update({
      where: { id: attempt.id },
      data: { status: "requires_action", provider, providerReference: settlement.reference },
    });
    await finish({ processingUntil: new Date(now.getTime() + CHALLENGE_MS) });
    return { status: "REQUIRES_ACTION", attemptId: attempt.id };
  }

  // A decline, or a call the provider has no record of (no money moved).
  const declined = settlement.status === "declined" ? settlement : undefined;
  const message = declined?.message ?? NO_ANSWER;
  await tx.cardPaymentAttempt.update({
    where: { id: attempt.id },
    data: { status: "declined", provider, declineCode: declined?.code ?? "processing_error", message, finishedAt: now },
  });
  const attemptsRemaining = session.maxAttempts - attempt.attemptsUsed;
  if (attemptsRemaining <= 0) {
    await finish({ status: "FAILED", processingUntil: null, completedAt: now });
    await recordCardSessionEvents(tx, [session.id], "session.failed");
    return { status: "FAILED", declineCode: declined?.code, redirectUrl: cardRedirectUrl(session, false) };
  }
  await finish({ status: "PENDING", processingUntil: null });
  return { status: "DECLINED", declineCode: declined?.code, attemptsRemaining };
};

/**
 * The attempt's call got no answer: the session stays PROCESSING, held (no
 * deadline) until the reconciler settles the call. Neither a retry nor the
 * expiry sweep can take it meanwhile.
 */
export const holdCardAttemptForReconciliation = (tx: DbClient, sessionId: string) =>
  tx.cardSession.updateMany({ where: { id: sessionId, status: "PROCESSING" }, data: { processingUntil: null } });

/** An attempt that ends without a call that counts (our own failure before any provider was asked): the session is payable again. */
export const releaseCardAttempt = async (tx: DbClient, sessionId: string, attempt: ClaimedAttempt) => {
  const now = new Date();
  await tx.cardPaymentAttempt.updateMany({
    where: { id: attempt.id, status: "processing" },
    data: { status: "abandoned", finishedAt: now },
  });
  await tx.cardSession.updateMany({
    where: { id: sessionId, status: "PROCESSING", processingUntil: attempt.claimedUntil },
    data: { status: "PENDING", processingUntil: null, attemptCount: { decrement: 1 } },
  });
};
