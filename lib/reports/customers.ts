import "server-only";
import type { Db } from "@/lib/db/client";
import type { MerchantScope } from "@/lib/scope";
import { getConnectionOrThrow } from "@/lib/wallet/get-wallet-objects";

// A wallet customer (a connection) as the dashboard shows it: balances,
// active subscription and the newest ledger entries. The ledger is read on
// its (connection, account, id) index.

export const LEDGER_SHOWN = 50;

export const customerDetail = async (db: Db, scope: MerchantScope, connectionId: string) => {
  const connection = await getConnectionOrThrow(db, scope, connectionId);
  const [ledger, subscriptions] = await Promise.all([
    db.ledgerEntry.findMany({
      where: { connectionId: connection.id },
      orderBy: { id: "desc" },
      take: LEDGER_SHOWN,
    }),
    db.subscription.findMany({
      where: { connectionId: connection.id },
      orderBy: { id: "desc" },
      include: { subscriptionConfig: { select: { name: true, periodAmount: true, billingInterval: true } } },
    }),
  ]);
  return { connection, ledger, subscriptions };
};
