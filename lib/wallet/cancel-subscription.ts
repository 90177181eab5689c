import type { Db } from "@/lib/db/client";
import { getSubscriptionOrThrow } from "./get-wallet-objects";
import type { WalletScope } from "./scope";

/** Cancels at once; cancelling a cancelled subscription changes nothing. Credit already granted stays. */
export const cancelSubscription = async (db: Db, scope: WalletScope, id: string) => {
  await getSubscriptionOrThrow(db, scope, id);
  await db.subscription.updateMany({
    where: { id, status: "active" },
    data: { status: "cancelled", cancelledAt: new Date() },
  });
};
