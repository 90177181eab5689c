import "server-only";
import type { DbClient } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { metrics } from "@/lib/metrics";
import { cryptoSessionInclude, evaluationOf } from "./crypto-json";
import { type CryptoSessionChange, cryptoEventType, recordCryptoSessionEvents } from "./record-crypto-session-events";

/**
 * Recomputes each session's status and amounts from all its transfers, inside
 * the caller's transaction, under a lock on the session row: a concurrent
 * expiry, cancel or quote waits, and then sees the result (or we see theirs).
 * Each change writes its event (crypto_checkout.pending, .completed, …).
 * Returns how many sessions it completed, for the caller to count once its
 * transaction has committed.
 */
export const refreshCryptoSessions = async (tx: DbClient, sessionIds: string[]): Promise<number> => {
  const ids = [...new Set(sessionIds)].sort();
  if (ids.length === 0) return 0;
  let completed = 0;
  await tx.$queryRaw`SELECT id FROM crypto_checkout_sessions WHERE id IN (${Prisma.join(ids)}) ORDER BY id FOR UPDATE`;
  const rows = await tx.cryptoCheckoutSession.findMany({ where: { id: { in: ids } }, include: cryptoSessionInclude });
  const changes: CryptoSessionChange[] = [];
  for (const row of rows) {
    const next = evaluationOf(row);
    const amountReceived = new Prisma.Decimal(next.amountReceived.toString());
    const changed =
      next.status !== row.status ||
      !amountReceived.equals(row.amountReceived) ||
      next.overpaid !== row.overpaid ||
      next.underpaid !== row.underpaid ||
      next.paidLate !== row.paidLate;
    if (!changed) continue;
    await tx.cryptoCheckoutSession.update({
      where: { id: row.id },
      data: {
        status: next.status,
        amountReceived,
        overpaid: next.overpaid,
        underpaid: next.underpaid,
        paidLate: next.paidLate,
        completedAt: next.status === "completed" && !row.completedAt ? new Date() : undefined,
      },
    });
    if (next.status === "completed" && row.status !== "completed") completed++;
    changes.push({ id: row.id, type: cryptoEventType(row.status, next.status) });
  }
  await recordCryptoSessionEvents(tx, changes);
  return completed;
};

/** Crypto payments in /metrics: a session paid in full, on the chain or (test mode) simulated. */
export const countCryptoPayments = (completed: number, provider: "chain" | "simulated") => {
  if (completed > 0) metrics.payments.inc({ family: "crypto", outcome: "succeeded", provider }, completed);
};
