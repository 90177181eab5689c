import type { Db } from "@/lib/db/client";
import type { MerchantScope } from "@/lib/merchants/scope";
import { getConnectionOrThrow } from "./get-wallet-objects";

/**
 * Ends a connection: its active subscription is cancelled and it disappears
 * from the API. The row and its ledger stay, because money history is never
 * deleted.
 */
export const deleteConnection = async (db: Db, scope: MerchantScope, id: string) => {
  await getConnectionOrThrow(db, scope, id);
  const now = new Date();
  await db.$transaction([
    db.subscription.updateMany({
      where: { connectionId: id, status: "active" },
      data: { status: "cancelled", cancelledAt: now },
    }),
    db.connection.updateMany({ where: { id, deletedAt: null }, data: { deletedAt: now } }),
  ]);
};
