import "server-only";
import { DomainError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { LedgerAccount, LedgerReason } from "@/lib/generated/prisma/enums";
import { newId } from "@/lib/ids";
import type { MerchantScope } from "@/lib/scope";
import { type BalanceFields, balancesOf } from "./connection-balances";
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
  const balances = await lockConnectionBalances(tx, entry.connectionId);
  return appendLockedLedgerEntry(tx, entry, balances[entry.account]);
};

/** Locks the connection (as appendLedgerEntry does) and reads its balances: for a caller appending several entries. */
export const lockConnectionBalances = async (tx: Prisma.TransactionClient, connectionId: string) => {
  const [row] = await tx.$queryRaw<BalanceFields[]>`
    SELECT wallet_balance AS "walletBalance", cycle_credit_balance AS "cycleCreditBalance",
      bundle_credit_balance AS "bundleCreditBalance"
    FROM connections WHERE id = ${connectionId} FOR NO KEY UPDATE`;
  if (!row) throw new Error(`No connection ${connectionId} to append a ledger entry to.`);
  return balancesOf(row);
};

/**
 * appendLedgerEntry for a caller that holds the connection's lock and knows the account's balance before it: the
 * entry and its event.
 */
export const appendLockedLedgerEntry = async (
  tx: Prisma.TransactionClient,
  entry: LedgerEntryInput,
  balanceBefore: bigint,
) => {
  const balanceAfter = balanceBefore + entry.amount;
  if (balanceAfter < 0n) throw new NegativeBalanceError(`The ${entry.account} balance cannot go below zero.`);
  // The table's trigger adds it to the connection's balance column (migration "metered_requests").
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
