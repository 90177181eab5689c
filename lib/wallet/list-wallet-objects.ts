import "server-only";
import type { Db } from "@/lib/db/client";
import { parameter, selectable, selectRows, whereDefined } from "@/lib/db/prepared-rows";
import { Prisma } from "@/lib/generated/prisma/client";
import type { SubscriptionStatus } from "@/lib/generated/prisma/enums";
import type { MerchantScope } from "@/lib/scope";
import { withBalances } from "./connection-balances";
import { CHECKOUT_SESSION_SELECT } from "./get-wallet-objects";
import { connectionInclude, subscriptionConfigInclude, subscriptionInclude } from "./wallet-json";

// Newest first; `before` is the cursor (ids sort by creation time).
type Page = { take: number; before?: string };

const idBefore = (before?: string) => (before ? { id: { lt: before } } : {});

/** On a prepared statement (lib/db/prepared-rows.ts): the list a merchant's server polls. */
export const listCheckoutSessions = (db: Db, scope: MerchantScope, options: Page & { referenceId?: string }) => {
  const values: unknown[] = [];
  const where = whereDefined(values, [
    ["merchant_id = ?", scope.merchantId],
    ['mode = ?::"Mode"', scope.mode],
    ["id < ?", options.before],
    ["reference_id = ?", options.referenceId || undefined],
  ]);
  return selectRows<Prisma.WalletCheckoutSessionGetPayload<object>>(
    db,
    CHECKOUT_SESSION_SELECT,
    `wallet_checkout_sessions WHERE ${where} ORDER BY id DESC LIMIT ${parameter(values, options.take)}`,
    values,
  );
};

/** With their balances. */
export const listConnections = async (db: Db, scope: MerchantScope, options: Page) =>
  withBalances(
    db,
    await db.connection.findMany({
      where: { ...scope, deletedAt: null, ...idBefore(options.before) },
      include: connectionInclude,
      orderBy: { id: "desc" },
      take: options.take,
    }),
    (connection) => connection.id,
  );

export const listSubscriptionConfigs = (db: Db, scope: MerchantScope, options: Page) =>
  db.subscriptionConfig.findMany({
    where: { ...scope, ...idBefore(options.before) },
    include: subscriptionConfigInclude,
    orderBy: { id: "desc" },
    take: options.take,
  });

export const listCreditBundles = (db: Db, scope: MerchantScope, options: Page & { subscriptionConfigId?: string }) =>
  db.creditBundle.findMany({
    where: {
      ...scope,
      ...idBefore(options.before),
      ...(options.subscriptionConfigId ? { subscriptionConfigId: options.subscriptionConfigId } : {}),
    },
    orderBy: { id: "desc" },
    take: options.take,
  });

export const listMeters = (db: Db, scope: MerchantScope, options: Page) =>
  db.meter.findMany({ where: { ...scope, ...idBefore(options.before) }, orderBy: { id: "desc" }, take: options.take });

/** With their connections' balances. */
export const listSubscriptions = async (
  db: Db,
  scope: MerchantScope,
  options: Page & { status: SubscriptionStatus | "all"; connectionId?: string },
) =>
  withBalances(
    db,
    await db.subscription.findMany({
      where: {
        ...scope,
        ...idBefore(options.before),
        ...(options.status === "all" ? {} : { status: options.status }),
        ...(options.connectionId ? { connectionId: options.connectionId } : {}),
      },
      include: subscriptionInclude,
      orderBy: { id: "desc" },
      take: options.take,
    }),
    (subscription) => subscription.connectionId,
  );

export type RequestFilters = { connectionId?: string; meterId?: string; metadata?: Record<string, string> };

/** The filters of the list's and usage's query (lib/schemas/wallet.ts), as the domain names them. */
export const requestFiltersOf = (query: {
  connection_id?: string;
  meter_id?: string;
  metadata_filters?: Record<string, string>;
}): RequestFilters => ({
  connectionId: query.connection_id,
  meterId: query.meter_id,
  metadata: query.metadata_filters,
});

/** The filters of `GET /v1/requests` and `GET /v1/usage`, as conditions for whereDefined. */
export const requestConditions = (scope: MerchantScope, filters: RequestFilters): [string, unknown][] => [
  ["merchant_id = ?", scope.merchantId],
  ['mode = ?::"Mode"', scope.mode],
  ["connection_id = ?", filters.connectionId],
  ["meter_id = ?", filters.meterId],
  // Every pair must be in the request's metadata (the GIN index answers @>).
  ["metadata @> ?::jsonb", filters.metadata && JSON.stringify(filters.metadata)],
];

const REQUEST_SELECT = selectable(Prisma.MeteredRequestScalarFieldEnum);

/** Newest first, filtered; on a prepared statement. */
export const listRequests = (db: Db, scope: MerchantScope, options: Page & RequestFilters) => {
  const values: unknown[] = [];
  const where = whereDefined(values, [...requestConditions(scope, options), ["id < ?", options.before]]);
  return selectRows<Prisma.MeteredRequestGetPayload<object>>(
    db,
    REQUEST_SELECT,
    `metered_requests WHERE ${where} ORDER BY id DESC LIMIT ${parameter(values, options.take)}`,
    values,
  );
};
