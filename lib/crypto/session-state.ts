import type { CryptoAsset } from "./assets";

// The state of a crypto checkout session as a pure function of what the chain
// shows. Transfers are the facts; the session's status, amount received and
// flags are always recomputed from all of them, so seeing a transfer twice, or
// re-evaluating after a restart, cannot count anything twice.
//
//   open ──payment seen──▶ pending ──confirmed ≥ due──▶ completed
//   open ──expiry / cancel──▶ expired / canceled (money arriving later: paid_late)

export type CryptoStatus = "open" | "pending" | "completed" | "expired" | "canceled";

export type TransferFact = {
  asset: CryptoAsset;
  amount: bigint;
  status: "seen" | "confirmed" | "orphaned";
};

export type SessionFacts = {
  status: CryptoStatus;
  quoteAsset: CryptoAsset | null;
  quoteAmountDue: bigint | null;
};

export type SessionEvaluation = {
  status: CryptoStatus;
  /** Confirmed transfers of the quoted asset. */
  amountReceived: bigint;
  /** Transfers of the quoted asset still waiting for confirmations. */
  amountPending: bigint;
  /** What the customer still has to send (counting unconfirmed transfers, so nobody pays twice while waiting). */
  amountRemaining: bigint;
  overpaid: boolean;
  paidLate: boolean;
};

const sum = (values: bigint[]) => values.reduce((total, value) => total + value, 0n);

export const evaluateCryptoSession = (session: SessionFacts, transfers: TransferFact[]): SessionEvaluation => {
  const live = transfers.filter((transfer) => transfer.status !== "orphaned");
  const counted = live.filter((transfer) => transfer.asset === session.quoteAsset);
  const amountReceived = sum(counted.filter((t) => t.status === "confirmed").map((t) => t.amount));
  const amountPending = sum(counted.filter((t) => t.status === "seen").map((t) => t.amount));
  const due = session.quoteAmountDue ?? 0n;
  const remaining = due - amountReceived - amountPending;
  const base = {
    amountReceived,
    amountPending,
    amountRemaining: remaining > 0n ? remaining : 0n,
    overpaid: due > 0n && amountReceived > due,
    paidLate: false,
  };

  switch (session.status) {
    case "expired":
    case "canceled":
      // Final, but money sent to a dead session is never ignored: the merchant must see it.
      return { ...base, status: session.status, paidLate: live.length > 0 };
    case "completed":
      return { ...base, status: "completed" };
    case "open":
    case "pending": {
      if (session.quoteAmountDue !== null && amountReceived >= session.quoteAmountDue) {
        return { ...base, status: "completed" };
      }
      return { ...base, status: counted.length > 0 ? "pending" : "open" };
    }
  }
};
