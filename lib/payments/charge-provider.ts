import "server-only";
import type { Db, DbClient } from "@/lib/db/client";
import { env } from "@/lib/env";
import type { ChargePurpose, Prisma } from "@/lib/generated/prisma/client";
import { newId } from "@/lib/ids";
import { log } from "@/lib/log";
import { metrics } from "@/lib/metrics";
import { type ProviderCallOutcome, recordProviderCall } from "@/lib/providers/provider-stats";
import type { CardProvider, ChargeResult, SavedCard } from "@/lib/providers/types";
import type { MerchantScope } from "@/lib/scope";
import { type CallOutcome, callBudgetMs, callProvider } from "./call-provider";
import { firstReconcileDelayMs } from "./reconcile-schedule";

// The payments core for charges: every card charge of every family (a card
// session's attempt and its cascade, the 3-D Secure completion, a wallet
// checkout, a renewal) is made by `chargeProvider`:
//
// 1. the charge row, `pending`, with the idempotency key the provider will
//    see, commits before the call (with the caller's locks and re-checks in the
//    same transaction), so a process that dies mid-call leaves a row for the
//    reconciler, never a charge nobody knows of;
// 2. the call, with a timeout and an abort signal;
// 3. routing's statistics;
// 4. no answer: the row becomes `unknown`, for the reconciler. An answer is
//    settled by the caller with `settleCharge`, in the same transaction as
//    what the answer means for its family, so a success is never recorded
//    without its effect, or the other way round.

/** Charges whose outcome is not written yet: a call running, or one the reconciler still has to settle. */
export const UNRESOLVED_CHARGE = { status: { in: ["pending", "unknown"] } } satisfies Prisma.ChargeWhereInput;

export type NewCharge = MerchantScope & {
  purpose: ChargePurpose;
  provider: CardProvider;
  idempotencyKey: string;
  amount: bigint;
  currency: string;
  /** Brand and last four, never the number. */
  card: Omit<SavedCard, "token">;
  checkoutSessionId?: string;
  connectionId?: string;
  cardSessionId?: string;
  cardAttemptId?: string;
  subscriptionId?: string;
  renewalCycleEnd?: Date;
};

export type ChargeCall = {
  chargeId: string;
  outcome: CallOutcome<ChargeResult>;
};

type Options = {
  charge: NewCharge;
  call: (signal: AbortSignal) => Promise<ChargeResult>;
  /** Runs in the transaction that writes the pending row: the caller's locks and re-checks. Throw to stop before any call. */
  prepare?: (tx: Prisma.TransactionClient) => Promise<void>;
  timeoutMs?: number;
};

const statsOutcome = (outcome: CallOutcome<ChargeResult>): ProviderCallOutcome => {
  if (!outcome.answered) return "failed";
  if (outcome.result.status === "succeeded") return "approved";
  if (outcome.result.status === "requires_action") return "challenge";
  return "declined";
};

export const chargeProvider = async (
  db: Db,
  { charge, call, prepare, timeoutMs = env().card.providerTimeoutMs }: Options,
): Promise<ChargeCall> => {
  const { provider, card, ...fields } = charge;
  const chargeId = newId("charge");
  await db.$transaction(async (tx) => {
    await prepare?.(tx);
    await tx.charge.create({
      data: {
        ...fields,
        id: chargeId,
        provider: provider.name,
        status: "pending",
        cardBrand: card.brand,
        cardLast4: card.last4,
        // Past this the call has certainly ended: if the row is still pending, its process died.
        reconcileAfter: new Date(Date.now() + callBudgetMs(timeoutMs)),
      },
    });
  });

  const outcome = await callProvider(call, timeoutMs);
  const latencyMs = Math.round(outcome.latencyMs);
  countCharge(charge, outcome);
  const scope = { merchantId: charge.merchantId, mode: charge.mode };
  await recordProviderCall(db, scope, provider.name, statsOutcome(outcome), latencyMs).catch((error: unknown) =>
    log.error({ err: error, charge_id: chargeId }, "Routing statistics of a charge were not recorded"),
  );
  if (!outcome.answered) {
    await markChargeUnknown(db, chargeId, `${outcome.reason}: ${outcome.message}`, latencyMs);
  }
  return { chargeId, outcome };
};

const FAMILY: Record<ChargePurpose, "card" | "wallet"> = {
  card_attempt: "card",
  card_authentication: "card",
  wallet_checkout: "wallet",
  renewal: "wallet",
};

/** The call's answer in /metrics: `no_answer` is not a decline (the reconciler settles it later). */
const countCharge = (charge: NewCharge, outcome: CallOutcome<ChargeResult>) => {
  const answer = outcome.answered ? outcome.result.status : "no_answer";
  const provider = charge.provider.name;
  metrics.payments.inc({ family: FAMILY[charge.purpose], outcome: answer, provider });
  metrics.providerDuration.observe(
    { provider, operation: "charge", outcome: answer },
    Math.max(0, outcome.latencyMs) / 1000,
  );
};

/** A call that got no answer: kept, for the reconciler to ask about soon. */
const markChargeUnknown = (db: Db, chargeId: string, error: string, latencyMs: number) =>
  db.charge.updateMany({
    where: { id: chargeId, status: "pending" },
    data: {
      status: "unknown",
      latencyMs,
      lastReconcileError: error,
      reconcileAfter: new Date(Date.now() + firstReconcileDelayMs()),
    },
  });

/** What a settled charge says: the provider's answer, or `failed` when it has no record of the call. */
export type ChargeSettlement = ChargeResult | { status: "failed" };

/**
 * Writes the outcome onto a pending or unknown charge. False when it was
 * settled already (by the reconciler, or by the call that made it): the caller
 * then applies nothing, so an outcome takes effect once.
 */
export const settleCharge = async (
  tx: DbClient,
  chargeId: string,
  settlement: ChargeSettlement,
  { latencyMs, reconciled = false }: { latencyMs?: number; reconciled?: boolean } = {},
) => {
  const now = new Date();
  const answered = settlement.status !== "failed";
  const { count } = await tx.charge.updateMany({
    where: { id: chargeId, ...UNRESOLVED_CHARGE },
    data: {
      status: settlement.status,
      providerReference:
        settlement.status === "succeeded" || settlement.status === "requires_action" ? settlement.reference : null,
      declineCode: settlement.status === "declined" ? settlement.code : null,
      ...(answered ? { cardBrand: settlement.card.brand, cardLast4: settlement.card.last4 } : {}),
      ...(latencyMs === undefined ? {} : { latencyMs: Math.round(latencyMs) }),
      settledAt: now,
      reconcileAfter: null,
      ...(reconciled ? { reconciledAt: now } : {}),
    },
  });
  return count === 1;
};
