import type { CardBrand } from "@/lib/card/card-number";
import type { Db } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import type { MerchantScope } from "@/lib/merchants/scope";
import type { ChargeResult } from "@/lib/providers/types";
import { cardRedirectUrl } from "./card-session-json";
import type { ProviderCall } from "./charge-with-cascade";
import type { HostedCardSession } from "./get-hosted-card-session";
import { type ProviderCallOutcome, recordProviderCall } from "./provider-stats";
import { recordCardSessionEvents } from "./record-card-session-events";
import { recordCharge } from "./record-charge";

// The second half of a payment attempt (the first is the claim in
// pay-card-session.ts): every provider call is recorded as it returns, then
// one transaction writes the attempt's outcome and the session's new state,
// on condition that the claim is still ours.

/** Longer than a whole cascade may take (every provider timing out), so a live claim is never taken over. */
export const CLAIM_MS = 2 * 60_000;

/** How long a customer has to answer a 3-D Secure challenge before the session can be paid afresh. */
export const CHALLENGE_MS = 15 * 60_000;

export type ClaimedAttempt = {
  id: string;
  /** Attempts that count against the session's limit, this one included (abandoned ones do not count). */
  attemptsUsed: number;
  claimedUntil: Date;
  card: { brand: CardBrand; last4: string };
};

export type CardPaymentOutcome =
  | { status: "SUCCEEDED"; redirectUrl: string }
  | { status: "REQUIRES_ACTION"; attemptId: string }
  | { status: "DECLINED"; message: string; attemptsRemaining: number }
  | { status: "FAILED"; message: string; redirectUrl: string };

const NO_ANSWER = "The payment could not be processed right now. Try again in a moment.";

const outcomeOf = (result: ChargeResult | undefined): ProviderCallOutcome => {
  if (!result) return "failed";
  if (result.status === "succeeded") return "approved";
  if (result.status === "requires_action") return "challenge";
  return "declined";
};

/** One provider call: a `charges` row (brand and last four only) and routing's counters. */
export const recordAttemptCall = (
  db: Db,
  session: HostedCardSession,
  attempt: ClaimedAttempt,
  call: Pick<ProviderCall, "result" | "latencyMs"> & { provider: { name: string } },
) => {
  const scope: MerchantScope = { merchantId: session.merchantId, mode: session.mode };
  const latencyMs = Math.round(call.latencyMs);
  return Promise.all([
    recordCharge(
      db,
      {
        id: newId("charge"),
        ...scope,
        provider: call.provider.name,
        amount: session.amountTotal,
        currency: session.currency,
        cardSessionId: session.id,
        cardAttemptId: attempt.id,
        latencyMs,
      },
      call.result ?? { status: "failed", card: attempt.card },
    ),
    recordProviderCall(db, scope, call.provider.name, outcomeOf(call.result), latencyMs),
  ]);
};

export const applyAttemptOutcome = (
  db: Db,
  session: HostedCardSession,
  attempt: ClaimedAttempt,
  answer: { result?: ChargeResult; provider?: string },
): Promise<CardPaymentOutcome> =>
  db.$transaction(async (tx) => {
    const now = new Date();
    const claim = { id: session.id, status: "PROCESSING" as const, processingUntil: attempt.claimedUntil };
    const finish = async (data: Parameters<typeof tx.cardSession.updateMany>[0]["data"]) => {
      const { count } = await tx.cardSession.updateMany({ where: claim, data });
      if (count !== 1) throw new Error(`Card session ${session.id} lost its claim while attempt ${attempt.id} ran.`);
    };
    const { result, provider = null } = answer;

    if (result?.status === "succeeded") {
      await tx.cardPaymentAttempt.update({
        where: { id: attempt.id },
        data: { status: "succeeded", provider, providerReference: result.reference, finishedAt: now },
      });
      await finish({
        status: "SUCCEEDED",
        processingUntil: null,
        provider,
        providerReference: result.reference,
        cardBrand: result.card.brand,
        cardLast4: result.card.last4,
        capturedAmount: session.amountTotal,
        completedAt: now,
      });
      await recordCardSessionEvents(tx, [session.id], "session.completed");
      return { status: "SUCCEEDED", redirectUrl: cardRedirectUrl(session, true) };
    }

    if (result?.status === "requires_action") {
      await tx.cardPaymentAttempt.update({
        where: { id: attempt.id },
        data: { status: "requires_action", provider, providerReference: result.reference },
      });
      await finish({ processingUntil: new Date(now.getTime() + CHALLENGE_MS) });
      return { status: "REQUIRES_ACTION", attemptId: attempt.id };
    }

    const message = result?.message ?? NO_ANSWER;
    await tx.cardPaymentAttempt.update({
      where: { id: attempt.id },
      data: { status: "declined", provider, declineCode: result?.code ?? "processing_error", message, finishedAt: now },
    });
    const attemptsRemaining = session.maxAttempts - attempt.attemptsUsed;
    if (attemptsRemaining <= 0) {
      await finish({ status: "FAILED", processingUntil: null, completedAt: now });
      await recordCardSessionEvents(tx, [session.id], "session.failed");
      return { status: "FAILED", message, redirectUrl: cardRedirectUrl(session, false) };
    }
    await finish({ status: "PENDING", processingUntil: null });
    return { status: "DECLINED", message, attemptsRemaining };
  });
