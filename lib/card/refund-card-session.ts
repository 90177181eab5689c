import "server-only";
import type { Db } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { newId } from "@/lib/ids";
import { log } from "@/lib/log";
import { formatMinorUnits, MoneyError, toMinorUnits } from "@/lib/money";
import { refundProvider, refundReconcileAfter } from "@/lib/payments/refund-provider";
import { cardProviderNamed } from "@/lib/providers/card-provider";
import type { MerchantScope } from "@/lib/scope";
import { REFUNDABLE_STATUSES, refundConflict } from "./card-session-state";
import { getCardSessionOrThrow } from "./get-card-sessions";
import { settleCardRefund } from "./settle-card-refund";

// POST /api/v1/sessions/{id}/refunds: partial or full, never more than was
// captured, even with refunds racing each other. The amount is reserved and
// the refund row written `pending` first (refund_pending_amount, guarded by
// one conditional UPDATE and a CHECK), the provider is asked outside any
// transaction through the payments core, then the refund and the session's
// totals and status are written together (settle-card-refund.ts). A call
// without an answer answers `PENDING`: the reconciler finishes it.

/** A JSON number (the API) or a decimal string (the dashboard's form) → minor units, more than zero. */
const refundAmount = (amount: number | string, currency: string) => {
  let minor: bigint;
  try {
    minor = toMinorUnits(amount, currency);
  } catch (error) {
    if (!(error instanceof MoneyError)) throw error;
    throw new DomainError("parameter_invalid", `amount: ${error.message}`, { param: "amount" });
  }
  if (minor <= 0n) throw new DomainError("parameter_invalid", "amount: must be greater than zero", { param: "amount" });
  return minor;
};

/** Refunds one of the merchant's paid sessions (all that is left when `amount` is undefined); returns the refund. */
export const refundCardSession = async (
  db: Db,
  scope: MerchantScope,
  sessionId: string,
  amount: number | string | undefined,
  /** The request's Idempotency-Key: a request run again after its first run died finds that run's refund. */
  requestKey?: string,
) => {
  const session = await getCardSessionOrThrow(db, scope, sessionId);
  if (requestKey) {
    const made = await db.cardRefund.findUnique({
      where: { sessionId_requestKey: { sessionId: session.id, requestKey } },
    });
    if (made) return made;
  }
  const conflict = refundConflict(session.status);
  if (conflict || !session.provider || !session.providerReference) {
    throw new DomainError("state_conflict", conflict ?? "This session has no captured payment to refund.");
  }
  const { currency } = session;
  const refundable = session.capturedAmount - session.refundedAmount - session.refundPendingAmount;
  const requested = amount === undefined ? refundable : refundAmount(amount, currency);
  if (amount === undefined && refundable <= 0n) {
    throw new DomainError("state_conflict", "Nothing is left to refund: other refunds are in progress.");
  }

  const refundId = newId("cardRefund");
  const reserved = await db.$transaction(async (tx) => {
    const count = await tx.$executeRaw`
      UPDATE card_sessions SET refund_pending_amount = refund_pending_amount + ${requested}
      WHERE id = ${session.id}::uuid AND status::text IN (${Prisma.join(REFUNDABLE_STATUSES)})
        AND captured_amount - refunded_amount - refund_pending_amount >= ${requested}`;
    if (count !== 1) return false;
    await tx.cardRefund.create({
      data: {
        id: refundId,
        merchantId: session.merchantId,
        mode: session.mode,
        sessionId: session.id,
        amount: requested,
        currency,
        status: "pending",
        provider: session.provider as string,
        reconcileAfter: refundReconcileAfter(),
        requestKey,
      },
    });
    return true;
  });
  if (!reserved) {
    const current = await db.cardSession.findUniqueOrThrow({ where: { id: session.id } });
    const left = current.capturedAmount - current.refundedAmount - current.refundPendingAmount;
    throw new DomainError(
      "parameter_invalid",
      `amount: ${formatMinorUnits(requested, currency)} ${currency} is more than the ${formatMinorUnits(left, currency)} ${currency} that can still be refunded.`,
      { param: "amount" },
    );
  }

  const provider = cardProviderNamed(session.mode, session.provider);
  const outcome = await refundProvider(db, {
    refundId,
    provider,
    request: { mode: session.mode, reference: session.providerReference as string, amount: requested, currency },
  });
  if (!outcome.answered) {
    // Unknown is not a refusal: the refund stays pending, its amount reserved, until the reconciler knows.
    log.warn(
      { refund_id: refundId, provider: provider.name, reason: outcome.message },
      "A refund got no answer from its provider; the reconciler will settle it",
    );
    return db.cardRefund.findUniqueOrThrow({ where: { id: refundId } });
  }
  const settled = await db.$transaction((tx) => settleCardRefund(tx, refundId, outcome.result));
  return settled ?? db.cardRefund.findUniqueOrThrow({ where: { id: refundId } });
};
