import "server-only";
import type { CardBrand } from "@/lib/card-number";
import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { DomainError } from "@/lib/errors";
import { callBudgetMs } from "@/lib/payments/call-provider";
import { chargeProvider } from "@/lib/payments/charge-provider";
import { cardProviderNamed } from "@/lib/providers/card-provider";
import type { CardPaymentOutcome, ClaimedAttempt } from "./apply-attempt-outcome";
import { getHostedCardSessionOrThrow } from "./get-hosted-card-session";
import { afterAttemptError, concludeCardAttempt } from "./pay-card-session";

// The 3-D Secure step: the attempt that answered `requires_action` is
// finished by the provider once the cardholder has answered the issuer's
// challenge. Taking the attempt from requires_action to processing is the
// claim, in the transaction that writes the completion's charge row: a second
// answer (another tab, a double click) gets 409 and asks nobody.

export const completeCardAuthentication = async (
  db: Db,
  secret: string,
  { attemptId, authenticated }: { attemptId: string; authenticated: boolean },
): Promise<CardPaymentOutcome> => {
  const session = await getHostedCardSessionOrThrow(db, secret);
  const attempt = session.attempts.find((candidate) => candidate.id === attemptId);
  if (attempt?.status !== "requires_action" || !attempt.provider || !attempt.providerReference) {
    throw new DomainError("state_conflict", "No authentication is waiting for this payment.", { param: "attemptId" });
  }
  const reference = attempt.providerReference;
  const claimed: ClaimedAttempt = {
    id: attempt.id,
    attemptsUsed: session.attemptCount,
    claimedUntil: new Date(Date.now() + callBudgetMs(env().card.providerTimeoutMs)),
    card: { brand: attempt.cardBrand as CardBrand, last4: attempt.cardLast4 },
  };
  const provider = cardProviderNamed(session.mode, attempt.provider);
  const idempotencyKey = `${attempt.id}:authentication`;
  try {
    const call = await chargeProvider(db, {
      charge: {
        merchantId: session.merchantId,
        mode: session.mode,
        purpose: "card_authentication",
        provider,
        idempotencyKey,
        amount: session.amountTotal,
        currency: session.currency,
        card: claimed.card,
        cardSessionId: session.id,
        cardAttemptId: attempt.id,
      },
      prepare: async (tx) => {
        const now = new Date();
        const taken = await tx.cardPaymentAttempt.updateMany({
          where: { id: attempt.id, status: "requires_action" },
          data: { status: "processing" },
        });
        const kept = await tx.cardSession.updateMany({
          where: { id: session.id, status: "PROCESSING", processingUntil: { gt: now } },
          data: { processingUntil: claimed.claimedUntil },
        });
        if (taken.count !== 1 || kept.count !== 1) {
          // Thrown inside the transaction: neither write stays, and no charge row is written.
          throw new DomainError(
            "state_conflict",
            "This authentication was already answered, or has expired. Pay again.",
          );
        }
      },
      call: (signal) =>
        provider.completeAuthentication({ mode: session.mode, reference, authenticated, idempotencyKey, signal }),
    });
    return await concludeCardAttempt(db, session, claimed, { provider, call });
  } catch (error) {
    if (error instanceof DomainError) throw error;
    return afterAttemptError(db, session, claimed, error);
  }
};
