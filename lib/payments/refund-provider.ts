import "server-only";
import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { metrics } from "@/lib/metrics";
import type { CardProvider, RefundRequest, RefundResult } from "@/lib/providers/types";
import { type CallOutcome, callBudgetMs, callProvider } from "./call-provider";
import { firstReconcileDelayMs } from "./reconcile-schedule";

// The payments core for refunds, as charge-provider.ts is for charges: the
// refund row is written `pending` (by its family, with the amount reserved)
// before the call, with `reconcileAfter` past the call's deadline; its id is
// the provider's idempotency key. A call without an answer leaves the refund
// pending and its amount reserved, for the reconciler: never released, never
// retried under a new key.

/** When a refund opened now becomes the reconciler's if its process dies mid-call. */
export const refundReconcileAfter = (timeoutMs = env().card.providerTimeoutMs) =>
  new Date(Date.now() + callBudgetMs(timeoutMs));

export const refundProvider = async (
  db: Db,
  {
    refundId,
    provider,
    request,
    timeoutMs = env().card.providerTimeoutMs,
  }: {
    refundId: string;
    provider: CardProvider;
    request: Omit<RefundRequest, "idempotencyKey" | "signal">;
    timeoutMs?: number;
  },
): Promise<CallOutcome<RefundResult>> => {
  const outcome = await callProvider(
    (signal) => provider.refund({ ...request, idempotencyKey: refundId, signal }),
    timeoutMs,
  );
  metrics.providerDuration.observe(
    { provider: provider.name, operation: "refund", outcome: outcome.answered ? outcome.result.status : "no_answer" },
    Math.max(0, outcome.latencyMs) / 1000,
  );
  if (!outcome.answered) {
    await db.cardRefund.updateMany({
      where: { id: refundId, status: "pending" },
      data: {
        lastReconcileError: `${outcome.reason}: ${outcome.message}`,
        reconcileAfter: new Date(Date.now() + firstReconcileDelayMs()),
      },
    });
  }
  return outcome;
};
