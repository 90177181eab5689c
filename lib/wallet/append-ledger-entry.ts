import "server-only";
import { DomainError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { LedgerAccount, LedgerReason } from "@/lib/generated/prisma/enums";
import { newId } from "@/lib/ids";
import type { MerchantScope } from "@/lib/scope";
import { connectionBalances } from "./connection-balances";
import { recordLedgerEntryEvent } from "./record-wallet-events";

export type LedgerEntryInput = MerchantScope & {
  connectionId: string;
  account: LedgerAccount;
  /** Signed minor units: credits are positive, spending negative. */
  amount: bigint;
  currency: string;
  reason: LedgerReason;
  checkoutSessionId?: string;
  subscriptionId?: string;
  chargeId?: string;
  meteredRequestId?: string;
};

/** A debit larger than the balance: the state does not allow it (a 409, never a 500). */
export class NegativeBalanceError extends DomainError {
  constructor(message: string) {
    super("state_conflict", message);
  }
}

/**
 * Appends one entry inside the caller's transaction. The connection row is
 * locked first, so concurrent entries of one connection are serialised and
 * each one's `balance_after` is the true running balance (the table refuses
 * a negative one, and refuses edits: corrections are new entries). Each
 * entry announces itself with a `wallet.balance_updated` event.
 */
export const appendLedgerEntry = async (tx: Prisma.TransactionClient, entry: LedgerEntryInput) => {
  await tx.$queryRaw`SELECT id FROM connections WHERE id = ${entry.connectionId} FOR UPDATE`;
  const { _sum } = await tx.ledgerEntry.aggregate({
    where: { connectionId: entry.connectionId, account: entry.account },
    _sum: { amount: true },
  });
  return appendLockedLedgerEntry(tx, entry, _sum.amount ?? 0n);
};

/** Locks the connection (as appendLedgerEntry does) and sums its balances: for a caller appending several entries. */
export const lockConnectionBalances = async (tx: Prisma.TransactionClient, connectionId: string) => {
  await tx.$queryRaw`SELECT id FROM connections WHERE id = ${connectionId} FOR UPDATE`;
  return (await connectionBalances(tx, [connectionId]))(connectionId);
};

/** appendLedgerEntry for a caller that holds the connection's lock and knows the account's balance before it. */
export const appendLockedLedgerEntry = async (
  tx: Prisma.TransactionClient,
  entry: LedgerEntryInput,
  balanceBefore: bigint,
) => {
  const balanceAfter = balanceBefore + entry.amount;
  if (balanceAfter < 0n) throw new NegativeBalanceError(`The ${entry.account} balance cannot go below zero.`);
  const created = await tx.ledgerEntry.create({ data: { id: newId("ledgerEntry"), ...entry, balanceAfter } });
  await recordLedgerEntryEvent(tx, created);
  return created;
};

/** A new billing cycle's included credit (nothing when the plan includes none). */
export const grantCycleCredit = async (
  tx: Prisma.TransactionClient,
  entry: Omit<LedgerEntryInput, "account" | "amount" | "reason">,
  includedCredit: bigint,
) => {
  if (includedCredit <= 0n) return;
  await appendLedgerEntry(tx, {
    ...entry,
    account: "cycle_credit",
    amount: includedCredit,
    reason: "subscription_credit",
  });
};
