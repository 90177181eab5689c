import "server-only";
import crypto from "node:crypto";
import type { Db } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { newId } from "@/lib/ids";
import type { SIMULATED_PAYMENTS } from "@/lib/schemas/crypto";
import { type CryptoSessionRow, evaluationOf, toBigInt } from "./crypto-json";
import { cryptoNetwork } from "./network";
import { countCryptoPayments, refreshCryptoSessions } from "./refresh-crypto-sessions";

// Test mode only: a confirmed transfer that no chain has seen, so a demo can
// show every outcome without a wallet. It goes through the same state machine
// as a real transfer.

export type SimulatedPayment = (typeof SIMULATED_PAYMENTS)[number];

export const simulatedAmount = (kind: SimulatedPayment, remaining: bigint, due: bigint): bigint => {
  switch (kind) {
    case "full":
      return remaining;
    case "partial":
      return remaining / 2n > 0n ? remaining / 2n : 1n;
    case "over":
      return remaining + (due / 10n > 0n ? due / 10n : 1n);
  }
};

export const simulateCryptoPayment = async (db: Db, session: CryptoSessionRow, kind: SimulatedPayment) => {
  if (session.mode !== "test") {
    throw new DomainError("not_found", "Simulated payments exist only in test mode.");
  }
  const due = toBigInt(session.quoteAmountDue);
  if (!session.quoteAsset || due === null) {
    throw new DomainError("state_conflict", "Choose an asset before simulating a payment.");
  }
  if (session.status !== "open" && session.status !== "pending") {
    throw new DomainError("state_conflict", `This checkout is ${session.status}.`);
  }
  const { amountRemaining } = evaluationOf(session);
  if (amountRemaining === 0n)
    throw new DomainError("state_conflict", "Nothing is left to pay; confirmations are pending.");
  const amount = simulatedAmount(kind, amountRemaining, due);
  const completed = await db.$transaction(async (tx) => {
    await tx.cryptoTransfer.create({
      data: {
        id: newId("cryptoTransfer"),
        sessionId: session.id,
        chainId: session.chainId,
        asset: session.quoteAsset as NonNullable<typeof session.quoteAsset>,
        txHash: `0x${crypto.randomBytes(32).toString("hex")}`,
        logIndex: -1,
        amount: new Prisma.Decimal(amount.toString()),
        status: "confirmed",
        confirmations: cryptoNetwork("test").confirmations,
        simulated: true,
        confirmedAt: new Date(),
      },
    });
    return refreshCryptoSessions(tx, [session.id]);
  });
  countCryptoPayments(completed, "simulated");
};
