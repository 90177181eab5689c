import "server-only";
import type { Db } from "@/lib/db/client";
import type { MerchantScope } from "@/lib/scope";
import { connectionWithBalances, getConnectionOrThrow } from "./get-wallet-objects";
import { recordConnectionEvent, recordSubscriptionEvents } from "./record-wallet-events";

/**
 * Ends a connection: its active subscription is cancelled and it disappears
 * from the API. The row and its ledger stay, because money history is never
 * deleted. Returns the deleted connection.
 */
export const deleteConnection = async (db: Db, scope: MerchantScope, id: string) => {
  await getConnectionOrThrow(db, scope, id);
  const now = new Date();
  return db.$transaction(async (tx) => {
    const cancelled = await tx.subscription.updateManyAndReturn({
      where: { connectionId: id, status: "active" },
      data: { status: "cancelled", cancelledAt: now },
      select: { id: true },
    });
    await recordSubscriptionEvents(
      tx,
      cancelled.map((subscription) => subscription.id),
      "subscription.cancelled",
    );
    const { count } = await tx.connection.updateMany({ where: { id, deletedAt: null }, data: { deletedAt: now } });
    if (count === 1) await recordConnectionEvent(tx, id, "connection.deleted");
    return connectionWithBalances(tx, id);
  });
};
