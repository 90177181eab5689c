import "server-only";
import {
  type AttemptSession,
  finishCardAttempt,
  holdCardAttemptForReconciliation,
} from "@/lib/card/apply-attempt-outcome";
import { settleCardRefund } from "@/lib/card/settle-card-refund";
import type { Db, DbClient } from "@/lib/db/client";
import { env } from "@/lib/env";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Mode } from "@/lib/ids";
import { log } from "@/lib/log";
import { callBudgetMs, callProvider } from "@/lib/payments/call-provider";
import { type ChargeSettlement, settleCharge } from "@/lib/payments/charge-provider";
import { isOverdue, reconcileRetryDelayMs } from "@/lib/payments/reconcile-schedule";
import { cardProviderNamed } from "@/lib/providers/card-provider";
import type { CardProvider } from "@/lib/providers/types";
import { applyWalletCharge } from "@/lib/wallet/complete-wallet-checkout";
import { applyRenewalCharge } from "@/lib/wallet/renew-due-subscriptions";
import { recordEvents } from "@/lib/webhooks/record-event";

// The reconciler (README "Exactly once"), run by every instance. It takes the
// charges and refunds whose outcome is not written: those that got no answer
// (`unknown`), and those still `pending` past their call's deadline (the
// process died, or its database write failed). Each row is taken by one
// instance at a time: one UPDATE … FOR UPDATE SKIP LOCKED moves its
// `reconcile_after` a lease ahead, so a reconciler that dies leaves the row
// to the next. It asks the provider by the stored idempotency key:
//
//   an answer          applied as the call's own answer would have been, with its
//                      events (the family's own function, in one transaction)
//   no record of it    the call never reached the provider: no money moved
//   unreachable        asked again later, backing off; after the configured
//                      time the row is reported (a log line and an event)

type DueRow = {
  id: string;
  merchant_id: string;
  mode: Mode;
  provider: string;
  created_at: Date;
  reconcile_attempts: number;
  unresolved_since: Date | null;
};

type DueCharge = DueRow & { idempotency_key: string; purpose: string; card_session_id: string | null };

const lease = () => callBudgetMs(env().card.providerTimeoutMs);

/** Takes up to `limit` due rows of one table, moving each one lease ahead; returns them with `columns`. */
const claimDue = <Row extends DueRow>(
  db: Db,
  table: Prisma.Sql,
  unsettled: Prisma.Sql,
  columns: Prisma.Sql,
  now: Date,
  limit: number,
) =>
  db.$queryRaw<Row[]>`
    UPDATE ${table} SET reconcile_after = ${new Date(now.getTime() + lease())},
      reconcile_attempts = reconcile_attempts + 1
    WHERE id IN (
      SELECT id FROM ${table}
      WHERE ${unsettled} AND reconcile_after <= ${now}
      ORDER BY reconcile_after LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING id, merchant_id, mode::text AS mode, provider, created_at, reconcile_attempts, unresolved_since${columns}`;

const claimDueCharges = (db: Db, now: Date, limit: number) =>
  claimDue<DueCharge>(
    db,
    Prisma.sql`charges`,
    Prisma.sql`status IN ('pending', 'unknown')`,
    Prisma.sql`, idempotency_key, purpose::text AS purpose, card_session_id::text AS card_session_id`,
    now,
    limit,
  );

const claimDueRefunds = (db: Db, now: Date, limit: number) =>
  claimDue<DueRow>(db, Prisma.sql`card_refunds`, Prisma.sql`status = 'pending'`, Prisma.empty, now, limit);

export type ReconcileResult = { settled: number; unreachable: number };

/** One pass: every due charge and refund, up to `limit` of each. */
export const reconcileDueOperations = async (db: Db, { now = new Date(), limit = 50 } = {}) => {
  const result: ReconcileResult = { settled: 0, unreachable: 0 };
  const count = (settled: boolean) => {
    result[settled ? "settled" : "unreachable"] += 1;
  };
  for (const row of await claimDueCharges(db, now, limit)) {
    await reconcileCharge(db, row).then(count, (error: unknown) => {
      log.error({ err: error, job: "reconciler", charge_id: row.id }, "A charge could not be reconciled");
      count(false);
    });
  }
  for (const row of await claimDueRefunds(db, now, limit)) {
    await reconcileRefund(db, row).then(count, (error: unknown) => {
      log.error({ err: error, job: "reconciler", refund_id: row.id }, "A refund could not be reconciled");
      count(false);
    });
  }
  return result;
};

const lookup = async <T>(mode: Mode, providerName: string, ask: (provider: CardProvider) => Promise<T>) => {
  let provider: CardProvider;
  try {
    provider = cardProviderNamed(mode, providerName);
  } catch (error) {
    return { answered: false as const, message: error instanceof Error ? error.message : String(error) };
  }
  return callProvider(() => ask(provider), env().card.providerTimeoutMs);
};

/** True when the charge was settled; false when the provider could not be asked (backed off). */
const reconcileCharge = async (db: Db, row: DueCharge) => {
  const answer = await lookup(row.mode, row.provider, (provider) =>
    provider.lookupCharge({ mode: row.mode, idempotencyKey: row.idempotency_key }),
  );
  if (!answer.answered) {
    await db.charge.updateMany({
      where: { id: row.id, status: { in: ["pending", "unknown"] } },
      data: { status: "unknown", ...backOff(row, answer.message) },
    });
    // A card session whose process died mid-call: shown as being confirmed, not as idle.
    if (row.card_session_id) await holdCardAttemptForReconciliation(db, row.card_session_id);
    await reportIfOverdue(db, "charge", row);
    return false;
  }
  const settlement: ChargeSettlement = answer.result ?? { status: "failed" };
  await db.$transaction((tx) => applyChargeSettlement(tx, row.id, settlement));
  log.info(
    { job: "reconciler", charge_id: row.id, provider: row.provider, status: settlement.status },
    "Charge reconciled",
  );
  return true;
};

/** Applies a charge's answer the way its family applies one: the card attempt, the wallet checkout, the renewal. */
const applyChargeSettlement = async (tx: Prisma.TransactionClient, id: string, settlement: ChargeSettlement) => {
  const charge = await tx.charge.findUniqueOrThrow({
    where: { id },
    include: { cardSession: true, cardAttempt: true },
  });
  const options = { reconciled: true };
  switch (charge.purpose) {
    case "wallet_checkout":
      await applyWalletCharge(tx, id, settlement, options);
      return;
    case "renewal":
      await applyRenewalCharge(tx, id, settlement, options);
      return;
    case "card_attempt":
    case "card_authentication": {
      const { cardSession, cardAttempt } = charge;
      if (!cardSession || !cardAttempt) throw new Error(`Card charge ${id} has no session or attempt.`);
      if (!(await settleCharge(tx, id, settlement, options))) return;
      const session: AttemptSession = cardSession;
      await finishCardAttempt(
        tx,
        session,
        { id: cardAttempt.id, attemptsUsed: cardSession.attemptCount },
        { settlement, provider: charge.provider },
      );
      return;
    }
  }
};

const reconcileRefund = async (db: Db, row: DueRow) => {
  const answer = await lookup(row.mode, row.provider, (provider) =>
    provider.lookupRefund({ mode: row.mode, idempotencyKey: row.id }),
  );
  if (!answer.answered) {
    await db.cardRefund.updateMany({ where: { id: row.id, status: "pending" }, data: backOff(row, answer.message) });
    await reportIfOverdue(db, "refund", row);
    return false;
  }
  const result = answer.result ?? { status: "failed" as const, message: "The provider has no record of this refund." };
  await db.$transaction((tx) => settleCardRefund(tx, row.id, result, { reconciled: true }));
  log.info(
    { job: "reconciler", refund_id: row.id, provider: row.provider, status: result.status },
    "Refund reconciled",
  );
  return true;
};

const backOff = (row: DueRow, message: string) => ({
  lastReconcileError: message.slice(0, 500),
  reconcileAfter: new Date(Date.now() + reconcileRetryDelayMs(row.reconcile_attempts)),
});

/** Past the configured time and not yet reported: a log line and an event for the merchant, once. */
const reportIfOverdue = async (db: Db, kind: "charge" | "refund", row: DueRow) => {
  const now = new Date();
  if (row.unresolved_since || !isOverdue(row.created_at, now)) return;
  await db.$transaction(async (tx: DbClient) => {
    const where = { id: row.id, unresolvedSince: null };
    const data = { unresolvedSince: now };
    const { count } =
      kind === "charge" ? await tx.charge.updateMany({ where, data }) : await tx.cardRefund.updateMany({ where, data });
    if (count !== 1) return;
    log.error(
      {
        job: "reconciler",
        kind,
        id: row.id,
        provider: row.provider,
        since: row.created_at.toISOString(),
        lookups: row.reconcile_attempts,
      },
      `UNRESOLVED ${kind}: no outcome from its provider yet; still asking`,
    );
    await recordEvents(tx, [
      {
        merchantId: row.merchant_id,
        mode: row.mode,
        type: kind === "charge" ? "charge.unresolved" : "refund.unresolved",
        objectId: row.id,
        object: await unresolvedObject(tx, kind, row.id),
      },
    ]);
  });
};

const unresolvedObject = async (tx: DbClient, kind: "charge" | "refund", id: string) => {
  if (kind === "refund") {
    const refund = await tx.cardRefund.findUniqueOrThrow({ where: { id } });
    return {
      id,
      object: "refund",
      session_id: refund.sessionId,
      provider: refund.provider,
      amount: refund.amount,
      currency: refund.currency,
      status: refund.status,
      created_at: refund.createdAt.toISOString(),
      last_error: refund.lastReconcileError,
      unresolved_since: refund.unresolvedSince?.toISOString() ?? null,
    };
  }
  const charge = await tx.charge.findUniqueOrThrow({ where: { id } });
  return {
    id,
    object: "charge",
    purpose: charge.purpose,
    provider: charge.provider,
    amount: charge.amount,
    currency: charge.currency,
    status: charge.status,
    card: { brand: charge.cardBrand, last4: charge.cardLast4 },
    card_session_id: charge.cardSessionId,
    checkout_session_id: charge.checkoutSessionId,
    subscription_id: charge.subscriptionId,
    created_at: charge.createdAt.toISOString(),
    last_error: charge.lastReconcileError,
    unresolved_since: charge.unresolvedSince?.toISOString() ?? null,
  };
};

/**
 * The reconciler's backlog, for /metrics: charges and refunds whose outcome is
 * not known — no answer, or a call whose process died (its budget passed) —
 * and the age of the oldest. A call still running is not counted.
 */
export const reconcilerBacklog = async (db: Db) => {
  const [row] = await db.$queryRaw<{ charges: number; refunds: number; oldest: Date | null }[]>`
    WITH backlog AS (
      SELECT 'charge' AS kind, created_at FROM charges
       WHERE status = 'unknown' OR (status = 'pending' AND (reconcile_attempts > 0 OR reconcile_after <= now()))
      UNION ALL
      SELECT 'refund', created_at FROM card_refunds
       WHERE status = 'pending' AND (reconcile_attempts > 0 OR reconcile_after <= now()))
    SELECT count(*) FILTER (WHERE kind = 'charge')::int AS charges,
           count(*) FILTER (WHERE kind = 'refund')::int AS refunds,
           min(created_at) AS oldest
      FROM backlog`;
  return {
    charges: row?.charges ?? 0,
    refunds: row?.refunds ?? 0,
    oldestSeconds: row?.oldest ? Math.max(0, (Date.now() - row.oldest.getTime()) / 1000) : 0,
  };
};
