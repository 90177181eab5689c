import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { cycleEnd } from "@/lib/wallet/subscription-cycle";

const at = (iso: string) => new Date(iso);

describe("subscription cycles", () => {
  test("days and weeks are exact", () => {
    assert.equal(cycleEnd(at("2026-11-21T10:00:00Z"), "day").toISOString(), "2026-11-22T10:00:00.000Z");
    assert.equal(cycleEnd(at("2026-12-28T10:00:00Z"), "week").toISOString(), "2027-01-04T10:00:00.000Z");
  });

  test("months keep the day, or clamp to the month's last day", () => {
    assert.equal(cycleEnd(at("2026-01-15T08:30:00Z"), "month").toISOString(), "2026-02-15T08:30:00.000Z");
    assert.equal(cycleEnd(at("2026-01-31T08:30:00Z"), "month").toISOString(), "2026-02-28T08:30:00.000Z");
    assert.equal(cycleEnd(at("2028-01-31T08:30:00Z"), "month").toISOString(), "2028-02-29T08:30:00.000Z");
    assert.equal(cycleEnd(at("2026-12-31T23:59:00Z"), "month").toISOString(), "2027-01-31T23:59:00.000Z");
  });

  test("years: Feb 29 becomes Feb 28", () => {
    assert.equal(cycleEnd(at("2028-02-29T00:00:00Z"), "year").toISOString(), "2029-02-28T00:00:00.000Z");
    assert.equal(cycleEnd(at("2026-06-01T00:00:00Z"), "year").toISOString(), "2027-06-01T00:00:00.000Z");
  });
});
