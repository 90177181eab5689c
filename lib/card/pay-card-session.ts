import "server-only";
import { CARD_BRAND_LABELS, detectCardBrand } from "@/lib/card-number";
import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { DomainError, parseInput } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { newId } from "@/lib/ids";
import { log } from "@/lib/log";
import { callBudgetMs } from "@/lib/payments/call-provider";
import { toCardDetails } from "@/lib/payments/card-details";
import { chargeProvider, settleCharge, UNRESOLVED_CHARGE } from "@/lib/payments/charge-provider";
import { cardPaymentForm } from "@/lib/schemas/card";
import {
  type AttemptSession,
  type CardPaymentOutcome,
  type ClaimedAttempt,
  finishCardAttempt,
  holdCardAttemptForReconciliation,
  releaseCardAttempt,
} from "./apply-attempt-outcome";
import { claimableCardSession } from "./card-session-state";
import { type CascadeStep, chargeWithCascade } from "./charge-with-cascade";
import { decideCardRouting, rankedProviders, type StoredRoutingDecision } from "./decide-card-routing";
import {
  assertCardSessionPayable,
  getHostedCardSessionOrThrow,
  type HostedCardSession,
} from "./get-hosted-card-session";

// Paying a card session from its hosted page, exactly once (README "Exactly once").
//
// 1. The card is checked (the same zod schema as the browser's) and routed.
// 2. A claim: one conditional UPDATE moves the session to PROCESSING with a
//    deadline, and the attempt row is created in the same transaction. Of two
//    tabs, a double click or a replayed POST, exactly one gets it; the others
//    get 409 and never reach a provider. A session with a charge whose outcome
//    is not yet known can never be claimed.
// 3. The cascade across the ranked providers, each call made by the payments
//    core (its charge row first, then the call with a timeout). Each call
//    first extends the claim past its own deadline, so a live claim never
//    lapses, whatever the number of providers and their timeouts.
// 4. The call that ended the cascade is settled in one transaction with the
//    attempt's outcome. A call that got no answer leaves the session
//    PROCESSING for the reconciler.
// The card number lives only in this request's memory and the provider call.

class ClaimLostError extends Error {}

/** The claim a session needs for one provider call: past that call's deadline. */
const claimDeadline = () => new Date(Date.now() + callBudgetMs(env().card.providerTimeoutMs));

export const payCardSession = async (db: Db, secret: string, input: unknown): Promise<CardPaymentOutcome> => {
  const form = parseInput(cardPaymentForm, input);
  const session = await getHostedCardSessionOrThrow(db, secret);
  assertCardSessionPayable(session);
  const card = toCardDetails(form.card);
  const brand = detectCardBrand(card.number);
  const scope = { merchantId: session.merchantId, mode: session.mode };

  const { decision, providers } = await decideCardRouting(db, scope, {
    amount: session.amountTotal,
    currency: session.currency,
    brand,
  });
  if (decision.ranked.length === 0) {
    // Not the customer's attempt used up: the card could not have gone through.
    // A provider that would take this card but is failing right now makes it a 503, not the card's fault.
    const failing = decision.excluded.some((entry) => entry.reason === "circuit_open");
    if (!failing && decision.excluded.some((entry) => entry.reason === "brand_not_supported")) {
      throw new DomainError(
        "card_declined",
        `${CARD_BRAND_LABELS[brand]} cards are not accepted for this payment. Use another card.`,
        {
          param: "card.number",
          messageKey: "errors.brandNotAccepted",
          messageValues: { brand: CARD_BRAND_LABELS[brand] },
        },
      );
    }
    throw new DomainError("service_unavailable", "Card payments are unavailable right now. Try again in a minute.", {
      retryAfterSeconds: 30,
    });
  }

  const attempt = await claimAttempt(db, session, decision, { brand, last4: card.number.slice(-4) });
  try {
    const cascade = await chargeWithCascade({
      providers: rankedProviders(decision, providers),
      charge: (provider, cascadeIndex) => {
        const idempotencyKey = `${attempt.id}:${provider.name}`;
        return chargeProvider(db, {
          charge: {
            ...scope,
            purpose: "card_attempt",
            provider,
            idempotencyKey,
            amount: session.amountTotal,
            currency: session.currency,
            card: attempt.card,
            cardSessionId: session.id,
            cardAttemptId: attempt.id,
          },
          prepare: (tx) => extendClaim(tx, session.id, attempt),
          call: (signal) =>
            provider.charge({
              mode: session.mode,
              amount: session.amountTotal,
              currency: session.currency,
              source: { card },
              threeDSecure: true,
              idempotencyKey,
              cascadeIndex,
              signal,
            }),
        });
      },
      onSoftDecline: async ({ call }) => {
        if (call.outcome.answered) {
          await settleCharge(db, call.chargeId, call.outcome.result, { latencyMs: call.outcome.latencyMs });
        }
      },
    });
    return await concludeCardAttempt(db, session, attempt, cascade.last);
  } catch (error) {
    return afterAttemptError(db, session, attempt, error);
  }
};

/**
 * The call that ended an attempt: an answer is settled together with the
 * attempt's outcome; no answer holds the session for the reconciler.
 */
export const concludeCardAttempt = async (
  db: Db,
  session: AttemptSession,
  attempt: Pick<ClaimedAttempt, "id" | "attemptsUsed">,
  { provider, call }: CascadeStep,
): Promise<CardPaymentOutcome> => {
  const { outcome, chargeId } = call;
  if (!outcome.answered) {
    await holdCardAttemptForReconciliation(db, session.id);
    return { status: "PROCESSING" };
  }
  return db.$transaction(async (tx) => {
    // Settled already (the reconciler, after a stall past the call's deadline): its outcome stands.
    if (!(await settleCharge(tx, chargeId, outcome.result, { latencyMs: outcome.latencyMs }))) {
      return { status: "PROCESSING" };
    }
    return finishCardAttempt(tx, session, attempt, { settlement: outcome.result, provider: provider.name });
  });
};

/**
 * Our own failure during an attempt (a database error, a lost claim). A call
 * of this attempt whose outcome is not written keeps the session PROCESSING
 * for the reconciler: the customer sees "being confirmed", and a retry cannot
 * charge again. Without one, no money moved and the session is payable again.
 */
export const afterAttemptError = async (
  db: Db,
  session: { id: string },
  attempt: ClaimedAttempt,
  error: unknown,
): Promise<CardPaymentOutcome> => {
  if (error instanceof ClaimLostError) {
    throw new DomainError("state_conflict", "This payment is already being processed, perhaps in another window.");
  }
  const unresolved = await db.charge.count({
    where: { cardAttemptId: attempt.id, ...UNRESOLVED_CHARGE },
  });
  if (unresolved > 0) {
    log.error(
      { err: error, card_attempt_id: attempt.id },
      "A card attempt's outcome was not written; the reconciler will settle it",
    );
    return { status: "PROCESSING" };
  }
  await db.$transaction((tx) => releaseCardAttempt(tx, session.id, attempt));
  throw error;
};

/** Before each provider call: the claim still ours, moved past that call's deadline. */
const extendClaim = async (tx: Prisma.TransactionClient, sessionId: string, attempt: ClaimedAttempt) => {
  const claimedUntil = claimDeadline();
  const { count } = await tx.cardSession.updateMany({
    where: { id: sessionId, status: "PROCESSING", processingUntil: attempt.claimedUntil },
    data: { processingUntil: claimedUntil },
  });
  if (count !== 1) throw new ClaimLostError(`Card session ${sessionId} lost its claim during attempt ${attempt.id}.`);
  attempt.claimedUntil = claimedUntil;
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
    const claimedUntil = claimDeadline();
    const { count } = await tx.cardSession.updateMany({
      where: { id: session.id, ...claimableCardSession(now) },
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
  throw new DomainError("state_conflict", "This payment is already being processed, perhaps in another window.");
};

/** Attempt rows are numbered 1, 2, … abandoned ones included; `attemptsUsed` is what limits retries. */
const nextAttemptNumber = async (tx: Prisma.TransactionClient, sessionId: string) =>
  ((await tx.cardPaymentAttempt.aggregate({ where: { sessionId }, _max: { number: true } }))._max.number ?? 0) + 1;
