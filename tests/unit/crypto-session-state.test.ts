import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { cryptoEventType } from "@/lib/crypto/record-crypto-session-events";
import { type CryptoStatus, evaluateCryptoSession, type TransferFact } from "@/lib/crypto/session-state";
import { simulatedAmount } from "@/lib/crypto/simulate-crypto-payment";

const session = (status: CryptoStatus, due: bigint | null = 100n) => ({
  status,
  quoteAsset: due === null ? null : ("USDC" as const),
  quoteAmountDue: due,
});
const usdc = (amount: bigint, status: TransferFact["status"] = "confirmed", afterClose = false): TransferFact => ({
  asset: "USDC",
  amount,
  status,
  afterClose,
});
const late = (amount: bigint) => usdc(amount, "confirmed", true);

describe("crypto session states", () => {
  test("open → pending when a payment is seen → completed once confirmed amounts reach the amount due", () => {
    assert.equal(evaluateCryptoSession(session("open"), []).status, "open");
    const seen = evaluateCryptoSession(session("open"), [usdc(100n, "seen")]);
    assert.deepEqual([seen.status, seen.amountPending, seen.amountRemaining], ["pending", 100n, 0n]);
    const done = evaluateCryptoSession(session("pending"), [usdc(100n)]);
    assert.deepEqual([done.status, done.amountReceived, done.overpaid], ["completed", 100n, false]);
  });

  test("an underpayment stays pending with the remainder; two parts complete it", () => {
    const part = evaluateCryptoSession(session("open"), [usdc(40n)]);
    assert.deepEqual([part.status, part.amountReceived, part.amountRemaining], ["pending", 40n, 60n]);
    assert.equal(evaluateCryptoSession(session("pending"), [usdc(40n), usdc(60n)]).status, "completed");
  });

  test("an overpayment completes and is flagged", () => {
    const over = evaluateCryptoSession(session("open"), [usdc(150n)]);
    assert.deepEqual([over.status, over.overpaid, over.amountRemaining], ["completed", true, 0n]);
  });

  test("other assets and orphaned transfers do not count", () => {
    const wrong = evaluateCryptoSession(session("open"), [
      { asset: "USDT", amount: 100n, status: "confirmed", afterClose: false },
    ]);
    assert.equal(wrong.status, "open");
    const orphaned = evaluateCryptoSession(session("pending"), [usdc(100n, "orphaned")]);
    assert.deepEqual([orphaned.status, orphaned.amountReceived], ["open", 0n]);
  });

  test("expired and canceled are final; money arriving after is flagged paid_late, never dropped", () => {
    for (const status of ["expired", "canceled"] as const) {
      assert.equal(evaluateCryptoSession(session(status), []).paidLate, false);
      const paidLate = evaluateCryptoSession(session(status), [late(100n)]);
      assert.deepEqual(
        [paidLate.status, paidLate.paidLate, paidLate.underpaid, paidLate.amountReceived],
        [status, true, false, 100n],
      );
      assert.equal(evaluateCryptoSession(session(status), [usdc(100n, "orphaned", true)]).paidLate, false);
    }
  });

  test("expired after a part was paid: underpaid with the amount received, not paid late; money after that is", () => {
    const underpaid = evaluateCryptoSession(session("expired"), [usdc(40n)]);
    assert.deepEqual(
      [underpaid.status, underpaid.underpaid, underpaid.paidLate, underpaid.amountReceived, underpaid.amountRemaining],
      ["expired", true, false, 40n, 60n],
    );
    const otherAsset = evaluateCryptoSession(session("expired"), [
      { asset: "USDT", amount: 100n, status: "confirmed", afterClose: false },
    ]);
    assert.deepEqual([otherAsset.underpaid, otherAsset.paidLate], [false, true]); // never counted: shown to the merchant
    const thenMore = evaluateCryptoSession(session("expired"), [usdc(40n), late(60n)]);
    assert.deepEqual([thenMore.status, thenMore.underpaid, thenMore.paidLate], ["expired", true, true]);
  });

  test("an underpayment tolerance completes a session short by at most that much, flagged underpaid", () => {
    const due = 10_000n;
    const tolerance = 150; // 1.5 %
    const within = evaluateCryptoSession(session("pending", due), [usdc(9_850n)], tolerance);
    assert.deepEqual([within.status, within.underpaid], ["completed", true]);
    const short = evaluateCryptoSession(session("pending", due), [usdc(9_849n)], tolerance);
    assert.deepEqual([short.status, short.underpaid, short.amountRemaining], ["pending", false, 151n]);
    assert.equal(evaluateCryptoSession(session("pending", due), [usdc(9_999n)]).status, "pending");
    assert.equal(evaluateCryptoSession(session("pending", due), [usdc(due)], tolerance).underpaid, false);
  });

  test("completed stays completed, and more money flags it overpaid", () => {
    assert.equal(evaluateCryptoSession(session("completed"), [usdc(100n)]).status, "completed");
    assert.equal(evaluateCryptoSession(session("completed"), [usdc(100n), usdc(1n)]).overpaid, true);
  });

  test("no quote: nothing counts", () => {
    assert.equal(evaluateCryptoSession(session("open", null), [usdc(100n)]).status, "open");
  });

  test("simulated payments: full pays the remainder, partial half, over ten percent more", () => {
    assert.equal(simulatedAmount("full", 60n, 100n), 60n);
    assert.equal(simulatedAmount("partial", 60n, 100n), 30n);
    assert.equal(simulatedAmount("partial", 1n, 100n), 1n);
    assert.equal(simulatedAmount("over", 100n, 100n), 110n);
  });
});

describe("crypto session events", () => {
  test("each status change has its event; a reorganisation reopens; no status change is an update", () => {
    assert.equal(cryptoEventType("open", "pending"), "crypto_checkout.pending");
    assert.equal(cryptoEventType("pending", "completed"), "crypto_checkout.completed");
    assert.equal(cryptoEventType("open", "completed"), "crypto_checkout.completed");
    assert.equal(cryptoEventType("open", "expired"), "crypto_checkout.expired");
    assert.equal(cryptoEventType("open", "canceled"), "crypto_checkout.canceled");
    assert.equal(cryptoEventType("pending", "open"), "crypto_checkout.reopened");
    assert.equal(cryptoEventType("expired", "expired"), "crypto_checkout.updated");
    assert.equal(cryptoEventType("completed", "completed"), "crypto_checkout.updated");
  });
});
