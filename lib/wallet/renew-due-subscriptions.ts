import "server-only";
import type { CardBrand } from "@/lib/card-number";
import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import { log } from "@/lib/log";
import { callBudgetMs } from "@/lib/payments/call-provider";
import { type ChargeSettlement, chargeProvider, settleCharge, UNRESOLVED_CHARGE } from "@/lib/payments/charge-provider";
import { CardProviderUnavailableError, cardProviderFor } from "@/lib/providers/card-provider";
import { appendLockedLedgerEntry, grantCycleCredit, lockConnectionBalances } from "./append-ledger-entry";
import { recordSubscriptionEvents } from "./record-wallet-events";
import { cycleEnd } from "./subscription-cycle";

// At the end of a cycle an active subscription charges the connection's saved
// card the plan's current price, then starts the next cycle with the plan's
// included credit (what usage left of the cycle credit expires first when
// rollover_type is `none`, of the bundle credit when bundle_rollover_type
// is). A declined renewal cancels the subscription: the dialect knows only
// `active` and `cancelled`.
//
// Safe with many instances: each renewal takes a claim on its subscription
// (one conditional UPDATE) before it charges; the charge row is written under
// a lock on the subscription with a re-check that it is still active and
// due, so a cancel either comes first (no charge) or after the charge row
// (the charge, if it succeeds, still grants its cycle's credit: never a
// charge without credit). A renewal whose answer never came stays with the
// reconciler, and the subscription is not renewed again meanwhile.

export type RenewalOutcome = {
  subscriptionId: string;
  outcome: "renewed" | "cancelled" | "skipped" | "failed" | "unknown";
};

type Options = { now?: Date; limit?: number /** only this merchant's subscriptions */; merchantId?: string };

const noUnresolvedRenewal = { charges: { none: { purpose: "renewal", ...UNRESOLVED_CHARGE } } } as const;

export const renewDueSubscriptions = async (db: Db, { now = new Date(), limit = 50, merchantId }: Options = {}) => {
  const due = await db.subscription.findMany({
    where: {
      ...(merchantId ? { merchantId } : {}),
      status: "active",
      cycleEndAt: { lte: now },
      OR: [{ renewalClaimedUntil: null }, { renewalClaimedUntil: { lt: now } }],
      ...noUnresolvedRenewal,
    },
    orderBy: { cycleEndAt: "asc" },
    take: limit,
    select: { id: true },
  });
  const outcomes: RenewalOutcome[] = [];
  for (const { id } of due) {
    // One subscription that cannot be renewed (provider down, bad token) must not stop the others.
    const outcome = await renewSubscription(db, id, now).catch((error: unknown) => {
      log.error({ err: error, subscription_id: id }, "Renewing a subscription failed");
      return "failed" as const;
    });
    outcomes.push({ subscriptionId: id, outcome });
  }
  return outcomes;
};

class RenewalNoLongerDue extends Error {}

const renewSubscription = async (db: Db, id: string, now: Date): Promise<RenewalOutcome["outcome"]> => {
  const claimedUntil = new Date(Date.now() + callBudgetMs(env().card.providerTimeoutMs));
  const { count } = await db.subscription.updateMany({
    where: {
      id,
      status: "active",
      cycleEndAt: { lte: now },
      OR: [{ renewalClaimedUntil: null }, { renewalClaimedUntil: { lt: new Date() } }],
      ...noUnresolvedRenewal,
    },
    data: { renewalClaimedUntil: claimedUntil },
  });
  if (count === 0) return "skipped"; // another instance has it, or it changed meanwhile
  const claim = { id, renewalClaimedUntil: claimedUntil };
  try {
    const subscription = await db.subscription.findUniqueOrThrow({
      where: { id },
      include: { subscriptionConfig: true, connection: true },
    });
    const { subscriptionConfig: plan, connection } = subscription;
    let provider: ReturnType<typeof cardProviderFor>;
    try {
      provider = cardProviderFor(subscription.mode);
    } catch (error) {
      if (error instanceof CardProviderUnavailableError) return "skipped";
      throw error;
    }
    const cycle = subscription.cycleEndAt;
    // One key per subscription, cycle and try: a renewal the provider never received may be tried again.
    const tries = await db.charge.count({ where: { subscriptionId: id, purpose: "renewal", renewalCycleEnd: cycle } });
    const idempotencyKey = `${id}:${cycle.toISOString()}:${tries + 1}`;
    let call: Awaited<ReturnType<typeof chargeProvider>>;
    try {
      call = await chargeProvider(db, {
        charge: {
          merchantId: subscription.merchantId,
          mode: subscription.mode,
          purpose: "renewal",
          provider,
          idempotencyKey,
          amount: plan.periodAmount,
          currency: plan.currency,
          card: { brand: connection.cardBrand as CardBrand, last4: connection.cardLast4 },
          connectionId: connection.id,
          subscriptionId: id,
          renewalCycleEnd: cycle,
        },
        prepare: async (tx) => {
          // The lock a cancel takes too: it comes before this charge row, or after it.
          const [current] = await tx.$queryRaw<{ status: string; cycle_end_at: Date }[]>`
            SELECT status::text, cycle_end_at FROM subscriptions
            WHERE id = ${id} AND renewal_claimed_until = ${claimedUntil} FOR UPDATE`;
          if (current?.status !== "active" || current.cycle_end_at.getTime() !== cycle.getTime()) {
            throw new RenewalNoLongerDue();
          }
        },
        call: (signal) =>
          provider.charge({
            mode: subscription.mode,
            amount: plan.periodAmount,
            currency: plan.currency,
            source: { token: connection.cardToken },
            idempotencyKey,
            signal,
          }),
      });
    } catch (error) {
      if (error instanceof RenewalNoLongerDue) return "skipped";
      throw error;
    }
    const { chargeId, outcome } = call;
    if (!outcome.answered) return "unknown";
    const applied = await db.$transaction((tx) =>
      applyRenewalCharge(tx, chargeId, outcome.result, { latencyMs: outcome.latencyMs }),
    );
    return applied ?? "skipped";
  } finally {
    await db.subscription.updateMany({ where: claim, data: { renewalClaimedUntil: null } });
  }
};

/**
 * What a renewal's answer does, for the sweep that charged and for the
 * reconciler alike: a success grants the cycle's credit and starts the next
 * cycle (even if the subscription was cancelled while the charge ran); a
 * decline cancels the subscription; a charge the provider never received
 * changes nothing (the next sweep tries again). Undefined when the charge was
 * settled already.
 */
export const applyRenewalCharge = async (
  tx: Prisma.TransactionClient,
  chargeId: string,
  settlement: ChargeSettlement,
  options: { latencyMs?: number; reconciled?: boolean } = {},
): Promise<"renewed" | "cancelled" | "skipped" | undefined> => {
  if (!(await settleCharge(tx, chargeId, settlement, options))) return undefined;
  const charge = await tx.charge.findUniqueOrThrow({ where: { id: chargeId } });
  const { subscriptionId, renewalCycleEnd, connectionId } = charge;
  if (!subscriptionId || !renewalCycleEnd || !connectionId) throw new Error(`Charge ${chargeId} is not a renewal.`);
  if (settlement.status === "failed") return "skipped";
  const now = new Date();

  if (settlement.status !== "succeeded") {
    const { count } = await tx.subscription.updateMany({
      where: { id: subscriptionId, status: "active" },
      data: { status: "cancelled", cancelledAt: now },
    });
    if (count === 1) await recordSubscriptionEvents(tx, [subscriptionId], "subscription.cancelled");
    return "cancelled";
  }

  const subscription = await tx.subscription.findUniqueOrThrow({
    where: { id: subscriptionId },
    include: { subscriptionConfig: true },
  });
  const plan = subscription.subscriptionConfig;
  const scope = { merchantId: charge.merchantId, mode: charge.mode };
  const entry = { ...scope, connectionId, currency: charge.currency, subscriptionId, chargeId };
  // What usage left of the cycle's included credit and of bundle credit carries over or expires, by the plan.
  const expiring = [
    ...(plan.rolloverType === "none" ? [["cycle_credit", "cycle_expiry"] as const] : []),
    ...(plan.bundleRolloverType === "none" ? [["bundle_credit", "bundle_expiry"] as const] : []),
  ];
  if (expiring.length > 0) {
    const balances = await lockConnectionBalances(tx, connectionId);
    for (const [account, reason] of expiring) {
      const unused = balances[account];
      if (unused > 0n) await appendLockedLedgerEntry(tx, { ...entry, account, amount: -unused, reason }, unused);
    }
  }
  await grantCycleCredit(tx, entry, plan.includedCredit);
  const advanced = await tx.subscription.updateMany({
    where: { id: subscriptionId, cycleEndAt: renewalCycleEnd },
    data: { cycleStartAt: renewalCycleEnd, cycleEndAt: cycleEnd(renewalCycleEnd, plan.billingInterval) },
  });
  if (advanced.count !== 1) throw new Error(`Subscription ${subscriptionId} was renewed twice for one cycle.`);
  await recordSubscriptionEvents(tx, [subscriptionId], "subscription.renewed");
  return "renewed";
};
