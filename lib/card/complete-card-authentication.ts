import { ApiError } from "@/lib/api/errors";
import type { CardBrand } from "@/lib/card/card-number";
import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { cardConnectorNamed } from "@/lib/providers/card-provider";
import type { ChargeResult } from "@/lib/providers/types";
import { applyAttemptOutcome, type CardPaymentOutcome, CLAIM_MS, recordAttemptCall } from "./apply-attempt-outcome";
import { withTimeout } from "./charge-with-cascade";
import { getHostedCardSessionOrThrow } from "./get-hosted-card-session";

// The 3-D Secure step (SPEC §4): the attempt that answered `requires_action`
// is finished by the provider once the cardholder has answered the issuer's
// challenge. Taking the attempt from requires_action to processing is the
// claim: a second answer (another tab, a double click) gets 409.

export const completeCardAuthentication = async (
  db: Db,
  secret: string,
  { attemptId, authenticated }: { attemptId: string; authenticated: boolean },
): Promise<CardPaymentOutcome> => {
  const session = await getHostedCardSessionOrThrow(db, secret);
  const attempt = session.attempts.find((candidate) => candidate.id === attemptId);
  if (attempt?.status !== "requires_action" || !attempt.provider || !attempt.providerReference) {
    throw new ApiError("state_conflict", "No authentication is waiting for this payment.", { param: "attemptId" });
  }
  const claimedUntil = new Date(Date.now() + CLAIM_MS);
  await db.$transaction(async (tx) => {
    const now = new Date();
    const taken = await tx.cardPaymentAttempt.updateMany({
      where: { id: attempt.id, status: "requires_action" },
      data: { status: "processing" },
    });
    const kept = await tx.cardSession.updateMany({
      where: { id: session.id, status: "PROCESSING", processingUntil: { gt: now } },
      data: { processingUntil: claimedUntil },
    });
    if (taken.count !== 1 || kept.count !== 1) {
      // Thrown inside the transaction: neither write stays.
      throw new ApiError("state_conflict", "This authentication was already answered, or has expired. Pay again.");
    }
  });

  const claimed = {
    id: attempt.id,
    attemptsUsed: session.attemptCount,
    claimedUntil,
    card: { brand: attempt.cardBrand as CardBrand, last4: attempt.cardLast4 },
  };
  const provider = cardConnectorNamed(session.mode, attempt.provider);
  const started = performance.now();
  let result: ChargeResult | undefined;
  try {
    result = await withTimeout(
      () =>
        provider.completeAuthentication({
          mode: session.mode,
          reference: attempt.providerReference as string,
          authenticated,
          idempotencyKey: `${attempt.id}:authentication`,
        }),
      env().card.providerTimeoutMs,
    );
  } catch {
    result = undefined; // no answer: recorded as a failure, and the customer may pay again
  }
  await recordAttemptCall(db, session, claimed, { provider, result, latencyMs: performance.now() - started });
  return applyAttemptOutcome(db, session, claimed, { result, provider: provider.name });
};
