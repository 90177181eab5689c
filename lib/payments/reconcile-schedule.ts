import "server-only";
import { env } from "@/lib/env";

// When the reconciler asks a provider again about an operation whose outcome
// is unknown: soon after the call that got no answer, then backing off while
// the provider stays unreachable (base·2^n, capped, with jitter so many
// instances do not ask in step). After `unresolvedAfterMs` an operation is
// reported as unresolved (a log line and an event), and asked on at the cap.

export type ReconcileConfig = { retryBaseMs: number; retryMaxMs: number; unresolvedAfterMs: number };

export const firstReconcileDelayMs = (config: ReconcileConfig = env().reconcile) => config.retryBaseMs;

/** The wait after the `attempts`-th lookup that could not reach the provider (1 for the first). */
export const reconcileRetryDelayMs = (
  attempts: number,
  config: ReconcileConfig = env().reconcile,
  random: () => number = Math.random,
) => {
  const exponential = Math.min(config.retryMaxMs, config.retryBaseMs * 2 ** Math.min(Math.max(attempts - 1, 0), 30));
  // Equal jitter: at least half the delay, at most all of it.
  return Math.round(exponential / 2 + (exponential / 2) * random());
};

/** Whether an operation opened at `createdAt` has been unknown long enough to report. */
export const isOverdue = (createdAt: Date, now: Date, config: ReconcileConfig = env().reconcile) =>
  now.getTime() - createdAt.getTime() >= config.unresolvedAfterMs;
