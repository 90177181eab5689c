import "server-only";

// When a failed delivery is tried again (issue 6): exponential backoff with
// jitter, until the delivery's retry window (about 3 days) is over. With the
// defaults (5 s base, 6 h cap, 72 h window) that is about 25 attempts.

export type RetryPolicy = { retryBaseMs: number; retryMaxMs: number };

/**
 * The wait after the `failedAttempts`-th failure: base·2^(n-1), capped, then
 * "equal jitter" (half of it fixed, half random) so that the many deliveries
 * a receiver's outage failed do not all come back in the same second.
 */
export const retryDelayMs = (failedAttempts: number, policy: RetryPolicy, random: () => number = Math.random) => {
  const exponent = Math.min(Math.max(failedAttempts - 1, 0), 40);
  const ceiling = Math.min(policy.retryMaxMs, policy.retryBaseMs * 2 ** exponent);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
};

/** The next attempt, or null when it would fall after `retryUntil`: the delivery has failed for good. */
export const nextRetryAt = (
  failedAttempts: number,
  now: Date,
  retryUntil: Date,
  policy: RetryPolicy,
  random?: () => number,
): Date | null => {
  const at = new Date(now.getTime() + retryDelayMs(failedAttempts, policy, random));
  return at > retryUntil ? null : at;
};
