import "server-only";

// A provider that fails again and again (no answer, a timeout, an error) is
// skipped for a while instead of making every customer wait for it: its
// circuit opens after FAILURE_THRESHOLD failures in a row and stays open for
// OPEN_MS. After that one call is let through ("half-open"): a success closes
// the circuit, another failure opens it again at once, since the count of
// failures in a row is still at the threshold. Declines are answers, not failures.

export const CIRCUIT_BREAKER = { failureThreshold: 5, openMs: 30_000 } as const;

/** When the circuit of a provider with this many failures in a row may close again, or null if it is closed. */
export const circuitOpenUntil = (consecutiveFailures: number, now: Date): Date | null =>
  consecutiveFailures >= CIRCUIT_BREAKER.failureThreshold ? new Date(now.getTime() + CIRCUIT_BREAKER.openMs) : null;

export const isCircuitOpen = (openUntil: Date | null, now: Date) => openUntil !== null && openUntil > now;
