import { ApiError, parseInput } from "@/lib/api/errors";
import { CARD_BRAND_LABELS, cardDigits, detectCardBrand, parseExpiry } from "@/lib/card/card-number";
import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import { newId } from "@/lib/ids";
import type { CardDetails } from "@/lib/providers/types";
import { cardPaymentForm } from "@/lib/schemas/card";
import {
  applyAttemptOutcome,
  type CardPaymentOutcome,
  CLAIM_MS,
  type ClaimedAttempt,
  recordAttemptCall,
} from "./apply-attempt-outcome";
import { chargeWithCascade } from "./charge-with-cascade";
import { decideCardRouting, rankedConnectors, type StoredRoutingDecision } from "./decide-card-routing";
import {
  assertCardSessionPayable,
  getHostedCardSessionOrThrow,
  type HostedCardSession,
} from "./get-hosted-card-session";

// Paying a card session from its hosted page, exactly once (SPEC §4, §5).
//
// 1. The card is checked (the same zod schema as the browser's) and routed.
// 2. A claim: one conditional UPDATE moves the session to PROCESSING with a
//    deadline, and the attempt row is created in the same transaction. Of two
//    tabs, a double click or a replayed POST, exactly one gets it; the others
//    get 409 and never reach a provider.
// 3. The cascade across the ranked providers, outside any transaction.
// 4. One transaction writes the outcome (apply-attempt-outcome.ts).
// The card number lives only in this request's memory and the provider call.

const toCardDetails = (card: { number: string; expiry: string; cvc: string }): CardDetails => {
  const expiry = parseExpiry(card.expiry);
  if (!expiry) throw new ApiError("parameter_invalid", "Use the MM/YY format.", { param: "card.expiry" });
  return { number: cardDigits(card.number), expMonth: expiry.month, expYear: expiry.year, cvc: card.cvc };
};

export const payCardSession = async (db: Db, secret: string, input: unknown): Promise<CardPaymentOutcome> => {
  const form = parseInput(cardPaymentForm, input);
  const session = await getHostedCardSessionOrThrow(db, secret);
  assertCardSessionPayable(session);
  const card = toCardDetails(form.card);
  const brand = detectCardBrand(card.number);
  const scope = { merchantId: session.merchantId, mode: session.mode };

  const { decision, connectors } = await decideCardRouting(db, scope, {
    amount: session.amountTotal,
    currency: session.currency,
    brand,
  });
  if (decision.ranked.length === 0) {
    // Not the customer's attempt used up: the card could not have gone through.
    // A provider that would take this card but is failing right now makes it a 503, not the card's fault.
    const failing = decision.excluded.some((entry) => entry.reason === "circuit_open");
    if (!failing && decision.excluded.some((entry) => entry.reason === "brand_not_supported")) {
      throw new ApiError(
        "card_declined",
        `${CARD_BRAND_LABELS[brand]} cards are not accepted for this payment. Use another card.`,
        { param: "card.number" },
      );
    }
    throw new ApiError("service_unavailable", "Card payments are unavailable right now. Try again in a minute.", {
      headers: { "Retry-After": "30" },
    });
  }

  const attempt = await claimAttempt(db, session, decision, { brand, last4: card.number.slice(-4) });
  const cascade = await chargeWithCascade({
    providers: rankedConnectors(decision, connectors),
    request: {
      mode: session.mode,
      amount: session.amountTotal,
      currency: session.currency,
      source: { card },
      threeDSecure: true,
    },
    idempotencyKey: (provider) => `${attempt.id}:${provider.name}`,
    timeoutMs: env().card.providerTimeoutMs,
    onCall: async (call) => {
      await recordAttemptCall(db, session, attempt, call);
    },
  }).catch(async (error: unknown) => {
    // Only our own bookkeeping throws here; the session goes back to payable.
    await applyAttemptOutcome(db, session, attempt, {}).catch(() => {});
    throw error;
  });
  return applyAttemptOutcome(db, session, attempt, { result: cascade.result, provider: cascade.provider?.name });
};

/** Step 2: PENDING (or a claim past its deadline) → PROCESSING, and the attempt row, in one transaction. */
const claimAttempt = async (
  db: Db,
  session: HostedCardSession,
  decision: StoredRoutingDecision,
  card: ClaimedAttempt["card"],
): Promise<ClaimedAttempt> => {
  const claimed = await db.$transaction(async (tx) => {
    const now = new Date();
    const claimedUntil = new Date(now.getTime() + CLAIM_MS);
    const { count } = await tx.cardSession.updateMany({
      where: {
        id: session.id,
        expiresAt: { gt: now },
        OR: [
          { status: "PENDING" },
          { status: "PROCESSING", OR: [{ processingUntil: null }, { processingUntil: { lte: now } }] },
        ],
      },
      data: { status: "PROCESSING", processingUntil: claimedUntil },
    });
    if (count === 0) return undefined;
    // A claim that ran out (a challenge left unanswered, a process that died)
    // leaves its attempt unfinished: abandoned, and not counted against the customer.
    const abandoned = await tx.cardPaymentAttempt.updateMany({
      where: { sessionId: session.id, status: { in: ["processing", "requires_action"] } },
      data: { status: "abandoned", finishedAt: now },
    });
    const { attemptCount } = await tx.cardSession.update({
      where: { id: session.id },
      data: { attemptCount: { increment: 1 - abandoned.count } },
      select: { attemptCount: true },
    });
    const attempt = await tx.cardPaymentAttempt.create({
      data: {
        id: newId("cardPaymentAttempt"),
        sessionId: session.id,
        number: await nextAttemptNumber(tx, session.id),
        status: "processing",
        routing: decision as unknown as Prisma.InputJsonObject,
        cardBrand: card.brand,
        cardLast4: card.last4,
      },
    });
    return { id: attempt.id, attemptsUsed: attemptCount, claimedUntil, card };
  });
  if (claimed) return claimed;
  const current = await getHostedCardSessionOrThrow(db, session.secret);
  assertCardSessionPayable(current);
  throw new ApiError("state_conflict", "This payment is already being processed, perhaps in another window.");
};

/** Attempt rows are numbered 1, 2, … abandoned ones included; `attemptsUsed` is what limits retries. */
const nextAttemptNumber = async (tx: Prisma.TransactionClient, sessionId: string) =>
  ((await tx.cardPaymentAttempt.aggregate({ where: { sessionId }, _max: { number: true } }))._max.number ?? 0) + 1;
