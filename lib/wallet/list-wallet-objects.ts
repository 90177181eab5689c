import "server-only";
import type { Db } from "@/lib/db/client";
import type { SubscriptionStatus } from "@/lib/generated/prisma/enums";
import type { MerchantScope } from "@/lib/scope";
import { withBalances } from "./connection-balances";
import { connectionInclude, subscriptionConfigInclude, subscriptionInclude } from "./wallet-json";

// Newest first; `before` is the cursor (ids sort by creation time).
type Page = { take: number; before?: string };

const idBefore = (before?: string) => (before ? { id: { lt: before } } : {});

export const listCheckoutSessions = (db: Db, scope: MerchantScope, options: Page & { referenceId?: string }) =>
  db.walletCheckoutSession.findMany({
    where: {
      ...scope,
      ...idBefore(options.before),
      ...(options.referenceId ? { referenceId: options.referenceId } : {}),
    },
    orderBy: { id: "desc" },
    take: options.take,
  });

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
