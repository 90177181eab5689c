import "server-only";
import type { DbClient, Prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import type { EventType } from "@/lib/event-types";
import { formatMinorUnits } from "@/lib/money";
import { type EventInput, recordEvents } from "@/lib/webhooks/record-event";
import { withBalances } from "./connection-balances";
import { connectionWithBalances } from "./get-wallet-objects";
import { checkoutSessionJson, connectionJson, subscriptionInclude, subscriptionJson } from "./wallet-json";

// Wallet events, written inside the transaction of the change they announce,
// each carrying its object in the Lava dialect's shape. Events about a
// connection, its subscription and its ledger share the connection's id as
// their object id, so a receiver gets them in the order they happened.

export const recordCheckoutSessionEvent = async (tx: DbClient, id: string, type: EventType) => {
  const session = await tx.walletCheckoutSession.findUniqueOrThrow({ where: { id } });
  await recordEvents(tx, [
    { ...scope(session), type, objectId: session.id, object: checkoutSessionJson(session, env().publicBaseUrl) },
  ]);
};

export const recordConnectionEvent = async (tx: DbClient, id: string, type: EventType) => {
  const connection = await connectionWithBalances(tx, id);
  await recordEvents(tx, [{ ...scope(connection), type, objectId: id, object: connectionJson(connection) }]);
};

export const recordSubscriptionEvents = async (tx: DbClient, ids: string[], type: EventType) => {
  if (ids.length === 0) return;
  const subscriptions = await withBalances(
    tx,
    await tx.subscription.findMany({
      where: { id: { in: ids } },
      include: subscriptionInclude,
      orderBy: { id: "asc" },
    }),
    (subscription) => subscription.connectionId,
  );
  await recordEvents(
    tx,
    subscriptions.map((subscription) => ({
      ...scope(subscription),
      type,
      objectId: subscription.connectionId,
      object: subscriptionJson(subscription),
    })),
  );
};

/** `wallet.balance_updated`: the entry and the account's balance after it. */
export const ledgerEntryEvent = (entry: Prisma.LedgerEntryGetPayload<object>): EventInput => ({
  ...scope(entry),
  type: "wallet.balance_updated",
  objectId: entry.connectionId,
  object: {
    ledger_entry_id: entry.id,
    connection_id: entry.connectionId,
    account: entry.account,
    reason: entry.reason,
    amount: formatMinorUnits(entry.amount, entry.currency),
    balance: formatMinorUnits(entry.balanceAfter, entry.currency),
    currency: entry.currency,
    checkout_session_id: entry.checkoutSessionId,
    subscription_id: entry.subscriptionId,
    created_at: entry.createdAt.toISOString(),
  },
});

export const recordLedgerEntryEvent = (tx: DbClient, entry: Prisma.LedgerEntryGetPayload<object>) =>
  recordEvents(tx, [ledgerEntryEvent(entry)]);

const scope = (row: { merchantId: string; mode: "test" | "live" }) => ({ merchantId: row.merchantId, mode: row.mode });
