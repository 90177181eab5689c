import "server-only";
import type { DbClient } from "@/lib/db/client";
import type { LedgerAccount } from "@/lib/generated/prisma/enums";

export type Balances = Record<LedgerAccount, bigint>;

const ZERO: Balances = { wallet: 0n, cycle_credit: 0n, bundle_credit: 0n };

export const BALANCE_FIELDS = { walletBalance: true, cycleCreditBalance: true, bundleCreditBalance: true } as const;
/** A connection row's balance columns, as Prisma names them. */
export type BalanceFields = { walletBalance: bigint; cycleCreditBalance: bigint; bundleCreditBalance: bigint };

export const balancesOf = (row: BalanceFields): Balances => ({
  wallet: row.walletBalance,
  cycle_credit: row.cycleCreditBalance,
  bundle_credit: row.bundleCreditBalance,
});

/**
 * A balance is the sum of its account's ledger entries; a trigger adds each entry to the connection's balance
 * column in the entry's transaction (migration "metered_requests"), so reading one reads a row, not a history.
 * Returns a lookup; an unknown connection has zero balances.
 */
export const connectionBalances = async (db: DbClient, connectionIds: string[]): Promise<(id: string) => Balances> => {
  const rows = connectionIds.length
    ? await db.connection.findMany({ where: { id: { in: connectionIds } }, select: { id: true, ...BALANCE_FIELDS } })
    : [];
  const balances = new Map(rows.map((row) => [row.id, balancesOf(row)]));
  return (id) => balances.get(id) ?? { ...ZERO };
};

export type WithBalances<Row> = Row & { balances: Balances };

/** Each row with its connection's balances, read in one query for all of them. */
export const withBalances = async <Row>(
  db: DbClient,
  rows: Row[],
  connectionIdOf: (row: Row) => string,
): Promise<WithBalances<Row>[]> => {
  const balances = await connectionBalances(db, rows.map(connectionIdOf));
  return rows.map((row) => ({ ...row, balances: balances(connectionIdOf(row)) }));
};
