import "server-only";
import client, { AggregatorRegistry, type Gauge, type MetricObjectWithValues, type MetricValue } from "prom-client";
import { log } from "@/lib/log";

// What `/metrics` shows (README "Operating Tillpoint"), in one prom-client
// registry. Like the logger, it lives on globalThis: `tillpoint start` runs
// this module itself (background jobs, the HTTP server) and inside Next's
// bundle (route handlers), and both must count into the same metrics.
//
// Counters and histograms are this process's since it started; what the
// database knows (queues, backlogs) is read when /metrics is scraped.

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** A connection pool to report: `pg.Pool`'s own counts. */
type Pool = { totalCount: number; idleCount: number; waitingCount: number };

const createMetrics = () => {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: "tillpoint_" });
  const pools = new Map<string, Pool>();
  const of = { registers: [registry] };
  return {
    registry,
    pools,
    httpRequests: new client.Counter({
      name: "tillpoint_http_requests_total",
      help: "HTTP requests answered, by method, route (its pattern under app/) and status.",
      labelNames: ["method", "route", "status"] as const,
      ...of,
    }),
    httpDuration: new client.Histogram({
      name: "tillpoint_http_request_duration_seconds",
      help: "Time from a request's arrival to its answer's last byte, by method and route.",
      labelNames: ["method", "route"] as const,
      buckets: LATENCY_BUCKETS,
      ...of,
    }),
    payments: new client.Counter({
      name: "tillpoint_payments_total",
      help: "Payment attempts by family (card, wallet — renewals included —, crypto), outcome and provider.",
      labelNames: ["family", "outcome", "provider"] as const,
      ...of,
    }),
    meteredRequests: new client.Counter({
      name: "tillpoint_metered_requests_total",
      help: "Metered requests (POST /v1/requests) by outcome: recorded, replayed (a request_id again), insufficient_funds.",
      labelNames: ["outcome"] as const,
      ...of,
    }),
    providerDuration: new client.Histogram({
      name: "tillpoint_provider_request_duration_seconds",
      help: "Calls to a payment provider, by provider, operation (charge, refund) and outcome.",
      labelNames: ["provider", "operation", "outcome"] as const,
      buckets: LATENCY_BUCKETS,
      ...of,
    }),
    webhookDeliveries: new client.Counter({
      name: "tillpoint_webhook_delivery_attempts_total",
      help: "Webhook requests made, by outcome: delivered, retrying (failed, a retry is due) or failed (given up).",
      labelNames: ["outcome"] as const,
      ...of,
    }),
    chainLag: new client.Gauge({
      name: "tillpoint_chain_watcher_lag_blocks",
      help: "Blocks between a chain's head and the last block this instance's watcher read, by chain id.",
      labelNames: ["chain_id"] as const,
      ...of,
    }),
    reconcilerBacklog: new client.Gauge({
      name: "tillpoint_reconciler_backlog",
      help: "Charges and refunds whose outcome is unknown and that the reconciler still has to settle (read at scrape).",
      labelNames: ["kind"] as const,
      ...of,
    }),
    reconcilerOldest: new client.Gauge({
      name: "tillpoint_reconciler_oldest_unknown_seconds",
      help: "Age of the oldest charge or refund the reconciler still has to settle, 0 when none (read at scrape).",
      ...of,
    }),
    webhookQueueDepth: new client.Gauge({
      name: "tillpoint_webhook_queue_depth",
      help: "Webhook deliveries pending, whether due now or waiting for a retry (read at scrape).",
      ...of,
    }),
    webhookQueueOldest: new client.Gauge({
      name: "tillpoint_webhook_queue_oldest_pending_seconds",
      help: "Age of the oldest pending webhook delivery, 0 when none (read at scrape).",
      ...of,
    }),
    dbPool: new client.Gauge({
      name: "tillpoint_db_pool_connections",
      help: "Database connections of each pool of this process, by state: open, idle, or waiting (requests queued for one).",
      labelNames: ["pool", "state"] as const,
      registers: [registry],
      collect(this: Gauge<"pool" | "state">) {
        this.reset();
        for (const [name, pool] of pools) {
          this.set({ pool: name, state: "open" }, pool.totalCount);
          this.set({ pool: name, state: "idle" }, pool.idleCount);
          this.set({ pool: name, state: "waiting" }, pool.waitingCount);
        }
      },
    }),
  };
};

type Metrics = ReturnType<typeof createMetrics>;
const slot = globalThis as { [key: symbol]: Metrics | undefined };
const key = Symbol.for("tillpoint.metrics");

slot[key] ??= createMetrics();
export const metrics: Metrics = slot[key];

/** Reports a connection pool under `name` (the request handlers', the background jobs'). */
export const watchPool = (name: string, pool: Pool) => metrics.pools.set(name, pool);

/** One process's metrics, as prom-client exports them for aggregation. */
export type ProcessMetrics = MetricObjectWithValues<MetricValue<string>>[];

// Under `tillpoint start` with several HTTP workers (lib/server/cluster.ts), the worker that answers /metrics
// adds every other process's: the primary's (background jobs, their pool) and the other workers'. Counters,
// histograms and pools add up; process metrics follow prom-client's own rules (sums, averages, the first's).
const othersKey = Symbol.for("tillpoint.metrics.otherProcesses");
const others = globalThis as { [othersKey]?: () => Promise<ProcessMetrics[]> };

/** Set in an HTTP worker of a cluster: how to read the other processes' metrics. */
export const readOtherProcessesWith = (read: () => Promise<ProcessMetrics[]>) => {
  others[othersKey] = read;
};

/**
 * Gauges the answering process reads from the database at each scrape (lib/api/metrics-endpoint.ts): the
 * cluster's, not a process's, so only the answering process's reading counts (another's would be an older one).
 */
export const readAtScrape = () => [
  metrics.reconcilerBacklog,
  metrics.reconcilerOldest,
  metrics.webhookQueueDepth,
  metrics.webhookQueueOldest,
];

/** The Prometheus text of this process, or of the whole cluster when this is one of its HTTP workers. */
export const metricsText = async (): Promise<string> => {
  const read = others[othersKey];
  if (!read) return metrics.registry.metrics();
  const own = (await metrics.registry.getMetricsAsJSON()) as ProcessMetrics;
  // Without the others (a primary that does not answer), this process's own are still worth reading.
  const parts = await read().catch((error: unknown) => {
    log.warn({ err: error }, "Metrics: the other processes' could not be read; this answer has this process's only");
    return [];
  });
  const ownReadings = new Set((await Promise.all(readAtScrape().map((gauge) => gauge.get()))).map(({ name }) => name));
  const rest = parts.map((part) => part.filter((metric) => !ownReadings.has(metric.name)));
  return AggregatorRegistry.aggregate([own, ...rest]).metrics();
};
