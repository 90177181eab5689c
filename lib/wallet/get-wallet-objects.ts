import "server-only";
import type { Db, DbClient } from "@/lib/db/client";
import { selectable, selectRows } from "@/lib/db/prepared-rows";
import { DomainError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { type IdKind, isId } from "@/lib/ids";
import type { MerchantScope } from "@/lib/scope";
import { balancesOf, connectionBalances } from "./connection-balances";
import {
  type ConnectionRow,
  connectionInclude,
  type SubscriptionRow,
  subscriptionConfigInclude,
  subscriptionInclude,
} from "./wallet-json";

// Lookups by id within the caller's merchant and mode. A malformed id, another
// merchant's object, the other mode's object and a missing one are the same 404.

const notFound = (what: string, param?: string) => new DomainError("not_found", `No such ${what}.`, { param });

const lookup = async <Row>(
  kind: IdKind,
  id: string,
  what: string,
  param: string | undefined,
  find: () => Promise<Row | null>,
): Promise<Row> => {
  const row = isId(kind, id) ? await find() : null;
  if (!row) throw notFound(what, param);
  return row;
};

type Options = { param?: string };

export const getCheckoutSessionOrThrow = (db: DbClient, scope: MerchantScope, id: string, { param }: Options = {}) =>
  lookup("walletCheckoutSession", id, "checkout session", param, () =>
    db.walletCheckoutSession.findFirst({ where: { id, ...scope } }),
  );

export const CHECKOUT_SESSION_SELECT = selectable(Prisma.WalletCheckoutSessionScalarFieldEnum);

/** getCheckoutSessionOrThrow on a prepared statement (lib/db/prepared-rows.ts): the API's GET. */
export const readCheckoutSessionOrThrow = (db: Db, scope: MerchantScope, id: string) =>
  lookup("walletCheckoutSession", id, "checkout session", undefined, async () => {
    const [row] = await selectRows<Prisma.WalletCheckoutSessionGetPayload<object>>(
      db,
      CHECKOUT_SESSION_SELECT,
      `wallet_checkout_sessions WHERE id = $1 AND merchant_id = $2 AND mode = $3::"Mode"`,
      [id, scope.merchantId, scope.mode],
    );
    return row ?? null;
  });

const withOwnBalances = async <Row>(db: DbClient, row: Row, connectionId: string) => ({
  ...row,
  balances: (await connectionBalances(db, [connectionId]))(connectionId),
});

/** A connection row holds its balances (lib/wallet/connection-balances.ts). */
const withItsBalances = <Row extends Parameters<typeof balancesOf>[0]>(row: Row) => ({
  ...row,
  balances: balancesOf(row),
});

/** A connection by id with its balances, in any scope and deleted or not: for the domain's own use. */
export const connectionWithBalances = async (db: DbClient, id: string): Promise<ConnectionRow> =>
  withItsBalances(await db.connection.findUniqueOrThrow({ where: { id }, include: connectionInclude }));

/** With its balances. Deleted connections are gone for the API, though their ledger stays. */
export const getConnectionOrThrow = async (
  db: DbClient,
  scope: MerchantScope,
  id: string,
  { param }: Options = {},
): Promise<ConnectionRow> => {
  const connection = await lookup("connection", id, "connection", param, () =>
    db.connection.findFirst({ where: { id, ...scope, deletedAt: null }, include: connectionInclude }),
  );
  return withItsBalances(connection);
};

export const getSubscriptionConfigOrThrow = (db: DbClient, scope: MerchantScope, id: string, { param }: Options = {}) =>
  lookup("subscriptionConfig", id, "subscription config", param, () =>
    db.subscriptionConfig.findFirst({ where: { id, ...scope }, include: subscriptionConfigInclude }),
  );

export const getCreditBundleOrThrow = (db: DbClient, scope: MerchantScope, id: string, { param }: Options = {}) =>
  lookup("creditBundle", id, "credit bundle", param, () => db.creditBundle.findFirst({ where: { id, ...scope } }));

export const getMeterOrThrow = (db: DbClient, scope: MerchantScope, id: string, { param }: Options = {}) =>
  lookup("meter", id, "meter", param, () => db.meter.findFirst({ where: { id, ...scope } }));

/** With its connection's balances. */
export const getSubscriptionOrThrow = async (
  db: DbClient,
  scope: MerchantScope,
  id: string,
  { param }: Options = {},
): Promise<SubscriptionRow> => {
  const subscription = await lookup("subscription", id, "subscription", param, () =>
    db.subscription.findFirst({ where: { id, ...scope }, include: subscriptionInclude }),
  );
  return withOwnBalances(db, subscription, subscription.connectionId);
};

/** A connection's active subscription with its balances; null when it has none. */
export const getConnectionSubscription = async (
  db: DbClient,
  scope: MerchantScope,
  connectionId: string,
): Promise<SubscriptionRow | null> => {
  const connection = await getConnectionOrThrow(db, scope, connectionId);
  const [active] = connection.subscriptions;
  if (!active) return null;
  const subscription = await db.subscription.findUniqueOrThrow({
    where: { id: active.id },
    include: subscriptionInclude,
  });
  return { ...subscription, balances: connection.balances };
};
