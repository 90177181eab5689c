import "server-only";
import { HOSTED_BRAND_SELECT } from "@/lib/branding/hosted-brand";
import type { Db } from "@/lib/db/client";
import { UNRESOLVED_CHARGE } from "@/lib/payments/charge-provider";
import { connectionBalances } from "./connection-balances";
import { connectionInclude } from "./wallet-json";

const hostedWalletCheckoutInclude = {
  merchant: { select: HOSTED_BRAND_SELECT },
  connection: { include: connectionInclude },
  subscriptionConfig: true,
  creditBundle: true,
  // A charge whose answer has not come yet: the page shows the payment being confirmed.
  charges: { where: UNRESOLVED_CHARGE, select: { id: true } },
} as const;

/** Everything the hosted page shows for a session, found by its client secret; undefined when unknown. */
export const getHostedWalletCheckout = async (db: Db, secret: string) => {
  const session = await db.walletCheckoutSession.findUnique({
    where: { secret },
    include: hostedWalletCheckoutInclude,
  });
  if (!session) return undefined;
  const connection = session.connection?.deletedAt ? null : session.connection;
  const balances = connection ? (await connectionBalances(db, [connection.id]))(connection.id) : undefined;
  return { ...session, connection, balances };
};

export type HostedWalletCheckout = NonNullable<Awaited<ReturnType<typeof getHostedWalletCheckout>>>;
