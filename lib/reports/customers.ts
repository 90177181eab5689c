import "server-only";
import type { Db } from "@/lib/db/client";
import type { MerchantScope } from "@/lib/scope";
import { getConnectionOrThrow } from "@/lib/wallet/get-wallet-objects";
import { listRequests } from "@/lib/wallet/list-wallet-objects";
import { periodStart } from "@/lib/wallet/record-request";
import { usage } from "@/lib/wallet/usage";

// A wallet customer (a connection) as the dashboard shows it: balances,
// active subscription, the newest ledger entries, this month's metered usage and the newest metered requests. The
// ledger is read on its (connection, account, id) index.

export const LEDGER_SHOWN = 50;
export const REQUESTS_SHOWN = 10;

export const customerDetail = async (db: Db, scope: MerchantScope, connectionId: string) => {
  const connection = await getConnectionOrThrow(db, scope, connectionId);
  const now = new Date();
  const [ledger, subscriptions, requests, month] = await Promise.all([
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
    listRequests(db, scope, { take: REQUESTS_SHOWN, connectionId: connection.id }),
    usage(db, scope, { start: periodStart(now), end: now }, { connectionId: connection.id }, now),
  ]);
  const meters = await db.meter.findMany({
    where: { id: { in: [...new Set(requests.map((request) => request.meterId))] } },
    select: { id: true, name: true },
  });
  const meterNames = new Map(meters.map((meter) => [meter.id, meter.name]));
  return {
    connection,
    ledger,
    subscriptions,
    requests: requests.map((request) => ({
      ...request,
      meterName: meterNames.get(request.meterId) ?? request.meterId,
    })),
    usageThisMonth: month.totals,
  };
};
