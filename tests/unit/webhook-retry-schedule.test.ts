import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { nextRetryAt, retryDelayMs } from "@/lib/webhooks/retry-schedule";

const policy = { retryBaseMs: 5_000, retryMaxMs: 6 * 3_600_000 };
const HOUR = 3_600_000;

describe("webhook retry schedule", () => {
  test("doubles from the base, with equal jitter: between half and all of the step", () => {
    assert.equal(
      retryDelayMs(1, policy, () => 0),
      2_500,
    );
    assert.equal(
      retryDelayMs(1, policy, () => 1),
      5_000,
    );
    assert.equal(
      retryDelayMs(2, policy, () => 1),
      10_000,
    );
    assert.equal(
      retryDelayMs(5, policy, () => 0.5),
      60_000,
    );
    for (let attempt = 1; attempt < 30; attempt++) {
      const step = Math.min(policy.retryMaxMs, policy.retryBaseMs * 2 ** (attempt - 1));
      const delay = retryDelayMs(attempt, policy);
      assert.ok(delay >= step / 2 && delay <= step, `attempt ${attempt}: ${delay}`);
    }
  });

  test("is capped, even after very many failures", () => {
    assert.equal(
      retryDelayMs(13, policy, () => 1),
      20_480_000,
    );
    assert.equal(
      retryDelayMs(14, policy, () => 1),
      6 * HOUR,
    );
    assert.equal(
      retryDelayMs(1_000, policy, () => 1),
      6 * HOUR,
    );
    assert.ok(Number.isFinite(retryDelayMs(1_000_000, policy)));
  });

  test("two deliveries failed together do not come back together", () => {
    const delays = new Set(Array.from({ length: 50 }, () => retryDelayMs(8, policy)));
    assert.ok(delays.size > 40, `only ${delays.size} distinct delays of 50`);
  });

  test("gives up once the next attempt would fall past the retry window: about 3 days, about 25 attempts", () => {
    const start = new Date("2026-11-21T00:00:00Z");
    const retryUntil = new Date(start.getTime() + 72 * HOUR);
    for (const random of [() => 0, () => 0.5, () => 1]) {
      let now = start;
      let attempts = 1;
      for (;;) {
        const next = nextRetryAt(attempts, now, retryUntil, policy, random);
        if (!next) break;
        assert.ok(next > now && next <= retryUntil);
        now = next;
        attempts++;
      }
      const lastAttemptHours = (now.getTime() - start.getTime()) / HOUR;
      assert.ok(lastAttemptHours > 60 && lastAttemptHours <= 72, `last attempt after ${lastAttemptHours} h`);
      assert.ok(attempts >= 20 && attempts <= 40, `${attempts} attempts`);
    }
  });
});
