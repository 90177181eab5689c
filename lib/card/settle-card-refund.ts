import "server-only";
import type { DbClient } from "@/lib/db/client";
import type { RefundResult } from "@/lib/providers/types";
import { recordCardRefundEvent } from "./record-card-session-events";

// What a refund's answer does, written by the request that asked the provider
// or, when that request got no answer, by the reconciler. Only a pending
// refund is settled, so an answer takes effect once.

export const settleCardRefund = async (
  tx: DbClient,
  refundId: string,
  result: RefundResult | { status: "failed"; message?: string },
  { reconciled = false }: { reconciled?: boolean } = {},
) => {
  const now = new Date();
  const settled = await tx.cardRefund.updateManyAndReturn({
    where: { id: refundId, status: "pending" },
    data: {
      status: result.status,
      providerReference: result.status === "succeeded" ? result.reference : null,
      completedAt: now,
      reconcileAfter: null,
      ...(reconciled ? { reconciledAt: now } : {}),
    },
  });
  const [refund] = settled;
  if (!refund) return undefined;
  if (result.status === "succeeded") {
    await tx.$executeRaw`
      UPDATE card_sessions SET
        refund_pending_amount = refund_pending_amount - ${refund.amount},
        refunded_amount = refunded_amount + ${refund.amount},
        status = (CASE WHEN refunded_amount + ${refund.amount} = captured_amount
                       THEN 'REFUNDED' ELSE 'PARTIALLY_REFUNDED' END)::"CardSessionStatus",
        updated_at = ${now}
      WHERE id = ${refund.sessionId}::uuid`;
    await recordCardRefundEvent(tx, refund, "refund.completed");
  } else {
    await tx.$executeRaw`
      UPDATE card_sessions SET refund_pending_amount = refund_pending_amount - ${refund.amount}, updated_at = ${now}
      WHERE id = ${refund.sessionId}::uuid`;
    await recordCardRefundEvent(tx, refund, "refund.failed");
  }
  return refund;
};
