import { recordCharge } from "@/lib/card/record-charge";
import type { Db } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import { CardProviderUnavailableError, cardProviderFor } from "@/lib/providers/card-provider";
import { appendLedgerEntry, grantCycleCredit } from "./append-ledger-entry";
import { recordSubscriptionEvents } from "./record-wallet-events";
import { cycleEnd } from "./subscription-cycle";

// At the end of a cycle an active subscription charges the connection's saved
// card the plan's current price, then starts the next cycle with the plan's
// included credit (unused cycle credit expires first when rollover_type is
// `none`; bundle credit always stays). A declined renewal cancels the
// subscription: the dialect knows only `active` and `cancelled`.
//
// Safe with many instances: each renewal takes a claim on its subscription
// (one conditional UPDATE) before it charges, and applies its result only
// while it still holds the claim, for the cycle it claimed.

const CLAIM_MS = 2 * 60 * 1000;

export type RenewalOutcome = { subscriptionId: string; outcome: "renewed" | "cancelled" | "skipped" | "failed" };

type Options = { now?: Date; limit?: number /** only this merchant's subscriptions */; merchantId?: string };

export const renewDueSubscriptions = async (db: Db, { now = new Date(), limit = 50, merchantId }: Options = {}) => {
  const due = await db.subscription.findMany({
    where: {
      ...(merchantId ? { merchantId } : {}),
      status: "active",
      cycleEndAt: { lte: now },
      OR: [{ renewalClaimedUntil: null }, { renewalClaimedUntil: { lt: now } }],
    },
    orderBy: { cycleEndAt: "asc" },
    take: limit,
    select: { id: true },
  });
  const outcomes: RenewalOutcome[] = [];
  for (const { id } of due) {
    // One subscription that cannot be renewed (provider down, bad token) must not stop the others.
    const outcome = await renewSubscription(db, id, now).catch((error: unknown) => {
      console.error(`Renewing subscription ${id} failed`, error);
      return "failed" as const;
    });
    outcomes.push({ subscriptionId: id, outcome });
  }
  return outcomes;
};

const renewSubscription = async (db: Db, id: string, now: Date): Promise<RenewalOutcome["outcome"]> => {
  const claimedUntil = new Date(Date.now() + CLAIM_MS);
  const { count } = await db.subscription.updateMany({
    where: {
      id,
      status: "active",
      cycleEndAt: { lte: now },
      OR: [{ renewalClaimedUntil: null }, { renewalClaimedUntil: { lt: new Date() } }],
    },
    data: { renewalClaimedUntil: claimedUntil },
  });
  if (count === 0) return "skipped"; // another instance has it, or it changed meanwhile
  const claim = { id, status: "active" as const, renewalClaimedUntil: claimedUntil };
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
    const chargeId = newId("charge");
    const result = await provider.charge({
      mode: subscription.mode,
      amount: plan.periodAmount,
      currency: plan.currency,
      source: { token: connection.cardToken },
      // One key per subscription and cycle: a retried renewal of the same cycle charges once.
      idempotencyKey: `${subscription.id}:${subscription.cycleEndAt.toISOString()}`,
    });
    const scope = { merchantId: subscription.merchantId, mode: subscription.mode };
    await recordCharge(
      db,
      {
        id: chargeId,
        ...scope,
        provider: provider.name,
        amount: plan.periodAmount,
        currency: plan.currency,
        connectionId: connection.id,
      },
      result,
    );
    if (result.status !== "succeeded") {
      await db.$transaction(async (tx) => {
        const { count } = await tx.subscription.updateMany({
          where: claim,
          data: { status: "cancelled", cancelledAt: now, renewalClaimedUntil: null },
        });
        if (count === 1) await recordSubscriptionEvents(tx, [id], "subscription.cancelled");
      });
      return "cancelled";
    }
    await db.$transaction(async (tx) => {
      const entry = { ...scope, connectionId: connection.id, currency: plan.currency, subscriptionId: id, chargeId };
      if (plan.rolloverType === "none") {
        await tx.$queryRaw`SELECT id FROM connections WHERE id = ${connection.id} FOR UPDATE`;
        const { _sum } = await tx.ledgerEntry.aggregate({
          where: { connectionId: connection.id, account: "cycle_credit" },
          _sum: { amount: true },
        });
        const unused = _sum.amount ?? 0n;
        if (unused > 0n) {
          await appendLedgerEntry(tx, { ...entry, account: "cycle_credit", amount: -unused, reason: "cycle_expiry" });
        }
      }
      await grantCycleCredit(tx, entry, plan.includedCredit);
      const advanced = await tx.subscription.updateMany({
        where: { ...claim, cycleEndAt: subscription.cycleEndAt },
        data: {
          cycleStartAt: subscription.cycleEndAt,
          cycleEndAt: cycleEnd(subscription.cycleEndAt, plan.billingInterval),
          renewalClaimedUntil: null,
        },
      });
      if (advanced.count !== 1) throw new Error(`Subscription ${id} lost its renewal claim.`);
      await recordSubscriptionEvents(tx, [id], "subscription.renewed");
    });
    return "renewed";
  } finally {
    await db.subscription.updateMany({ where: claim, data: { renewalClaimedUntil: null } });
  }
};
