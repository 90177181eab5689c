import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  type CardStateFields,
  cancelConflict,
  cardSessionStatus,
  payConflict,
  refundConflict,
} from "@/lib/card/card-session-state";

const now = new Date("2026-11-23T12:00:00Z");
const later = new Date(now.getTime() + 60_000);
const earlier = new Date(now.getTime() - 60_000);
const charge = (status: string) => ({ charges: [{ status }] });
const session = (fields: Partial<CardStateFields>): CardStateFields => ({
  status: "PENDING",
  expiresAt: later,
  processingUntil: null,
  attempts: [],
  ...fields,
});

describe("the card session state rules", () => {
  test("PENDING past its expiry reads EXPIRED; before it, PENDING and payable", () => {
    assert.equal(cardSessionStatus(session({}), now), "PENDING");
    assert.equal(payConflict(session({}), now), undefined);
    const expired = session({ expiresAt: earlier });
    assert.equal(cardSessionStatus(expired, now), "EXPIRED");
    assert.match(payConflict(expired, now) ?? "", /expired/);
  });

  test("a running claim is PROCESSING and not payable; a lapsed one is payable again, or EXPIRED past expiry", () => {
    const running = session({ status: "PROCESSING", processingUntil: later });
    assert.equal(cardSessionStatus(running, now), "PROCESSING");
    assert.match(payConflict(running, now) ?? "", /already being processed/);
    const lapsed = session({ status: "PROCESSING", processingUntil: earlier });
    assert.equal(payConflict(lapsed, now), undefined);
    assert.equal(cardSessionStatus({ ...lapsed, expiresAt: earlier }, now), "EXPIRED");
  });

  test("a charge whose outcome is unknown holds the session PROCESSING, lapsed claim and expiry or not", () => {
    for (const status of ["pending", "unknown"]) {
      const held = session({
        status: "PROCESSING",
        processingUntil: earlier,
        expiresAt: earlier,
        attempts: [charge("declined"), charge(status)],
      });
      assert.equal(cardSessionStatus(held, now), "PROCESSING", status);
      assert.match(payConflict(held, now) ?? "", /already being processed/);
    }
    const known = session({ status: "PROCESSING", processingUntil: earlier, attempts: [charge("declined")] });
    assert.equal(payConflict(known, now), undefined);
    // Held by the reconciler: no deadline at all.
    assert.equal(cardSessionStatus(session({ status: "PROCESSING", expiresAt: earlier }), now), "PROCESSING");
  });

  test("final states stay; only PENDING cancels; only a paid session refunds", () => {
    for (const status of ["SUCCEEDED", "FAILED", "CANCELLED", "REFUNDED"] as const) {
      assert.equal(cardSessionStatus(session({ status, expiresAt: earlier }), now), status);
      assert.ok(payConflict(session({ status }), now));
    }
    assert.equal(cancelConflict("PENDING"), undefined);
    assert.equal(cancelConflict("CANCELLED"), undefined);
    for (const status of ["PROCESSING", "SUCCEEDED", "EXPIRED", "FAILED"] as const) assert.ok(cancelConflict(status));
    assert.equal(refundConflict("SUCCEEDED"), undefined);
    assert.equal(refundConflict("PARTIALLY_REFUNDED"), undefined);
    assert.match(refundConflict("REFUNDED") ?? "", /already fully refunded/);
    assert.match(refundConflict("PENDING") ?? "", /Only a paid session/);
  });
});
