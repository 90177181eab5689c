import "server-only";
import type { DbClient } from "@/lib/db/client";
import type { LedgerAccount } from "@/lib/generated/prisma/enums";

export type Balances = Record<LedgerAccount, bigint>;

const ZERO: Balances = { wallet: 0n, cycle_credit: 0n, bundle_credit: 0n };

/**
 * Balances are never stored: they are the sum of each account's ledger
 * entries. Returns a lookup; a connection with no entries has zero balances.
 */
export const connectionBalances = async (db: DbClient, connectionIds: string[]): Promise<(id: string) => Balances> => {
  const sums = connectionIds.length
    ? await db.ledgerEntry.groupBy({
        by: ["connectionId", "account"],
        where: { connectionId: { in: connectionIds } },
        _sum: { amount: true },
      })
    : [];
  const balances = new Map(connectionIds.map((id) => [id, { ...ZERO }]));
  for (const sum of sums) {
    const entry = balances.get(sum.connectionId);
    if (entry) entry[sum.account] = sum._sum.amount ?? 0n;
  }
  return (id) => balances.get(id) ?? { ...ZERO };
};

export type WithBalances<Row> = Row & { balances: Balances };

/** Each row with its connection's balances, summed in one query for all of them. */
export const withBalances = async <Row>(
  db: DbClient,
  rows: Row[],
  connectionIdOf: (row: Row) => string,
): Promise<WithBalances<Row>[]> => {
  const balances = await connectionBalances(db, rows.map(connectionIdOf));
  return rows.map((row) => ({ ...row, balances: balances(connectionIdOf(row)) }));
};
