import type { DbClient } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { type IdKind, isId } from "@/lib/ids";
import type { MerchantScope } from "@/lib/merchants/scope";
import { connectionInclude, subscriptionConfigInclude, subscriptionInclude } from "./wallet-json";

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

/** Deleted connections are gone for the API, though their ledger stays. */
export const getConnectionOrThrow = (db: DbClient, scope: MerchantScope, id: string, { param }: Options = {}) =>
  lookup("connection", id, "connection", param, () =>
    db.connection.findFirst({ where: { id, ...scope, deletedAt: null }, include: connectionInclude }),
  );

export const getSubscriptionConfigOrThrow = (db: DbClient, scope: MerchantScope, id: string, { param }: Options = {}) =>
  lookup("subscriptionConfig", id, "subscription config", param, () =>
    db.subscriptionConfig.findFirst({ where: { id, ...scope }, include: subscriptionConfigInclude }),
  );

export const getCreditBundleOrThrow = (db: DbClient, scope: MerchantScope, id: string, { param }: Options = {}) =>
  lookup("creditBundle", id, "credit bundle", param, () => db.creditBundle.findFirst({ where: { id, ...scope } }));

export const getSubscriptionOrThrow = (db: DbClient, scope: MerchantScope, id: string, { param }: Options = {}) =>
  lookup("subscription", id, "subscription", param, () =>
    db.subscription.findFirst({ where: { id, ...scope }, include: subscriptionInclude }),
  );

export type ConnectionWithSubscription = Prisma.ConnectionGetPayload<{ include: typeof connectionInclude }>;
