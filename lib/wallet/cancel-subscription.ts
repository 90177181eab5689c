import "server-only";
import type { Db } from "@/lib/db/client";
import type { MerchantScope } from "@/lib/scope";
import { getSubscriptionOrThrow } from "./get-wallet-objects";
import { recordSubscriptionEvents } from "./record-wallet-events";

/**
 * Cancels at once and returns the subscription; cancelling a cancelled
 * subscription changes nothing. Credit already granted stays.
 */
export const cancelSubscription = async (db: Db, scope: MerchantScope, id: string) => {
  await getSubscriptionOrThrow(db, scope, id);
  await db.$transaction(async (tx) => {
    const { count } = await tx.subscription.updateMany({
      where: { id, status: "active" },
      data: { status: "cancelled", cancelledAt: new Date() },
    });
    if (count === 1) await recordSubscriptionEvents(tx, [id], "subscription.cancelled");
  });
  return getSubscriptionOrThrow(db, scope, id);
};
