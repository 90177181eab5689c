import type { Db } from "@/lib/db/client";
import { connectionBalances } from "./connection-balances";
import { connectionInclude } from "./wallet-json";

const hostedWalletCheckoutInclude = {
  merchant: { select: { name: true } },
  connection: { include: connectionInclude },
  subscriptionConfig: true,
  creditBundle: true,
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
