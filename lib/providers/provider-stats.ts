import "server-only";
import type { Db } from "@/lib/db/client";
import type { MerchantScope } from "@/lib/scope";
import { circuitOpenUntil, isCircuitOpen } from "./circuit-breaker";

// Routing's memory, in the database so that every instance routes on the same
// view (contract "Card payment sessions (Kadosei dialect)"): per merchant, mode and provider, one row of counters per
// minute (the sliding window is the sum of the last WINDOW_MINUTES rows) and
// one circuit-breaker row. Counters are added with INSERT … ON CONFLICT, so
// concurrent instances never lose a call.

/** What routing observed of one provider over the sliding window. */
export type ProviderWindow = { calls: number; approvals: number; latencyMsSum: number };

export const ROUTING_WINDOW_MINUTES = 30;
const MINUTE_MS = 60_000;

export type RoutingState = {
  windows: Record<string, ProviderWindow>;
  openCircuits: Record<string, string>;
};

export const loadRoutingState = async (db: Db, scope: MerchantScope, now = new Date()): Promise<RoutingState> => {
  const since = new Date(now.getTime() - ROUTING_WINDOW_MINUTES * MINUTE_MS);
  const [sums, health] = await Promise.all([
    db.cardProviderStat.groupBy({
      by: ["provider"],
      where: { ...scope, bucketStart: { gt: since } },
      _sum: { calls: true, approvals: true, latencyMsSum: true },
    }),
    db.cardProviderHealth.findMany({ where: { ...scope, openUntil: { gt: now } } }),
  ]);
  return {
    windows: Object.fromEntries(
      sums.map((row) => [
        row.provider,
        {
          calls: row._sum.calls ?? 0,
          approvals: row._sum.approvals ?? 0,
          latencyMsSum: Number(row._sum.latencyMsSum ?? 0n),
        },
      ]),
    ),
    openCircuits: Object.fromEntries(
      health
        .filter((row) => isCircuitOpen(row.openUntil, now))
        .map((row) => [row.provider, (row.openUntil as Date).toISOString()]),
    ),
  };
};

/** How long a new session's routing may use a state this process read before (README "Performance"). */
export const ROUTING_STATE_CACHE_MS = 1_000;
const recentStates = new Map<string, { until: number; state: Promise<RoutingState> }>();

/**
 * loadRoutingState, read at most ROUTING_STATE_CACHE_MS ago in this process: for the provider a new session
 * shows. A payment ranks its providers on a fresh read (loadRoutingState), so an opened circuit or a falling
 * authorization rate steers money at once and a session's hint within a second.
 */
export const recentRoutingState = (db: Db, scope: MerchantScope, now = new Date()): Promise<RoutingState> => {
  const key = `${scope.merchantId}:${scope.mode}`;
  const recent = recentStates.get(key);
  if (recent && recent.until > now.getTime()) return recent.state;
  if (recentStates.size >= 10_000) recentStates.clear();
  const state = loadRoutingState(db, scope, now);
  recentStates.set(key, { until: now.getTime() + ROUTING_STATE_CACHE_MS, state });
  // A failed read is not kept: the next session reads again.
  state.catch(() => {
    if (recentStates.get(key)?.state === state) recentStates.delete(key);
  });
  return state;
};

/** How a provider call went, as routing counts it. */
export type ProviderCallOutcome = "approved" | "declined" | "challenge" | "failed";

/**
 * Adds one call to the provider's current minute and updates its circuit
 * breaker: a failure (no answer) counts towards opening it, any answer closes it.
 */
export const recordProviderCall = async (
  db: Db,
  scope: MerchantScope,
  provider: string,
  outcome: ProviderCallOutcome,
  latencyMs: number,
  now = new Date(),
) => {
  // A 3-D Secure challenge is an answer (the provider is up) but not yet an
  // authorization: its confirmation is the call that counts.
  if (outcome === "challenge") {
    await closeCircuit(db, scope, provider);
    return;
  }
  const bucketStart = new Date(Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS);
  const approvals = outcome === "approved" ? 1 : 0;
  await db.$executeRaw`
    INSERT INTO card_provider_stats (merchant_id, mode, provider, bucket_start, calls, approvals, latency_ms_sum)
    VALUES (${scope.merchantId}, ${scope.mode}::"Mode", ${provider}, ${bucketStart}, 1, ${approvals}, ${Math.round(latencyMs)})
    ON CONFLICT (merchant_id, mode, provider, bucket_start) DO UPDATE SET
      calls = card_provider_stats.calls + 1,
      approvals = card_provider_stats.approvals + EXCLUDED.approvals,
      latency_ms_sum = card_provider_stats.latency_ms_sum + EXCLUDED.latency_ms_sum`;

  if (outcome !== "failed") {
    await closeCircuit(db, scope, provider);
    return;
  }
  const rows = await db.$queryRaw<{ consecutive_failures: number }[]>`
    INSERT INTO card_provider_health (merchant_id, mode, provider, consecutive_failures, updated_at)
    VALUES (${scope.merchantId}, ${scope.mode}::"Mode", ${provider}, 1, ${now})
    ON CONFLICT (merchant_id, mode, provider) DO UPDATE SET
      consecutive_failures = card_provider_health.consecutive_failures + 1,
      updated_at = EXCLUDED.updated_at
    RETURNING consecutive_failures`;
  const openUntil = circuitOpenUntil(rows[0]?.consecutive_failures ?? 0, now);
  if (openUntil) {
    await db.cardProviderHealth.updateMany({ where: { ...scope, provider }, data: { openUntil } });
  }
};

const closeCircuit = (db: Db, scope: MerchantScope, provider: string) =>
  db.cardProviderHealth.updateMany({
    where: { ...scope, provider, consecutiveFailures: { gt: 0 } },
    data: { consecutiveFailures: 0, openUntil: null },
  });

/** Drops counters older than the window; safe to run from every instance at once. */
export const purgeOldProviderStats = (db: Db, now = new Date()) =>
  db.cardProviderStat.deleteMany({
    where: { bucketStart: { lt: new Date(now.getTime() - 2 * ROUTING_WINDOW_MINUTES * MINUTE_MS) } },
  });
