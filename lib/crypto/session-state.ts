import "server-only";
import type { CryptoAsset } from "@/lib/crypto-assets";

// The state of a crypto checkout session as a pure function of what the chain
// shows. Transfers are the facts; the session's status, amount received and
// flags are always recomputed from all of them, so seeing a transfer twice, or
// re-evaluating after a restart, cannot count anything twice.
//
//   open ──payment seen──▶ pending ──confirmed ≥ due (less the tolerance)──▶ completed
//   open ──expiry / cancel──▶ expired / canceled (money arriving later: paid_late)
//   pending ──expiry, all confirmed, < due──▶ expired, underpaid (set by the expiry sweep)

export type CryptoStatus = "open" | "pending" | "completed" | "expired" | "canceled";

export type TransferFact = {
  asset: CryptoAsset;
  amount: bigint;
  status: "seen" | "confirmed" | "orphaned";
  /** Sent to the session after it was expired or canceled. */
  afterClose: boolean;
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
  /** Expired with a part paid, or completed within the underpayment tolerance. */
  underpaid: boolean;
  paidLate: boolean;
};

/** What must arrive for a session to complete: the amount due less the tolerance (basis points, rounded down: never more than configured). */
export const minimumAccepted = (due: bigint, toleranceBps: number) => due - (due * BigInt(toleranceBps)) / 10_000n;

const sum = (values: bigint[]) => values.reduce((total, value) => total + value, 0n);

export const evaluateCryptoSession = (
  session: SessionFacts,
  transfers: TransferFact[],
  toleranceBps = 0,
): SessionEvaluation => {
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
    underpaid: false,
    paidLate: false,
  };
  const paidBeforeClose = counted.some((transfer) => !transfer.afterClose && transfer.status === "confirmed");

  switch (session.status) {
    case "expired":
    case "canceled":
      // Final, but money sent to a dead session is never ignored: the merchant must see it.
      return {
        ...base,
        status: session.status,
        underpaid: session.status === "expired" && paidBeforeClose,
        // Money sent after the close, or in another asset than quoted (it never counted): the merchant must see it.
        paidLate: live.some((transfer) => transfer.afterClose || transfer.asset !== session.quoteAsset),
      };
    case "completed":
      return { ...base, status: "completed", underpaid: amountReceived < due };
    case "open":
    case "pending": {
      if (session.quoteAmountDue !== null && amountReceived >= minimumAccepted(session.quoteAmountDue, toleranceBps)) {
        return { ...base, status: "completed", underpaid: amountReceived < due };
      }
      return { ...base, status: counted.length > 0 ? "pending" : "open" };
    }
  }
};
