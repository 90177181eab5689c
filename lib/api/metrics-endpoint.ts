import crypto from "node:crypto";
import ipaddr from "ipaddr.js";
import { reconcilerBacklog } from "@/lib/background/reconcile";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { metrics, metricsText, readAtScrape } from "@/lib/metrics";
import { webhookQueue } from "@/lib/webhooks/deliver-webhook";
import { ApiError, errorResponse } from "./errors";
import { CLIENT_ADDRESS_HEADER, FORWARDED_HEADER } from "./rate-limit";
import { requestIdOf } from "./request-id";

// GET /metrics, Prometheus's text format (README "Operating Tillpoint"). With
// METRICS_TOKEN set, a scraper sends it as a bearer token; without it, only a
// client on loopback that came through no proxy is answered: a proxy on the
// same host would make every client look local, so a request that carries
// forwarding headers is refused too (set METRICS_TOKEN behind a proxy).

const sameSecret = (given: string, expected: string) => {
  const [a, b] = [
    crypto.createHash("sha256").update(given).digest(),
    crypto.createHash("sha256").update(expected).digest(),
  ];
  return crypto.timingSafeEqual(a, b);
};

const isLoopback = (address: string | null) =>
  address !== null && ipaddr.isValid(address) && ipaddr.process(address).range() === "loopback";

const refuse = (request: Request): ApiError | undefined => {
  const token = env().metricsToken;
  if (token) {
    const given = /^Bearer +(.+)$/i.exec(request.headers.get("authorization") ?? "")?.[1];
    if (given && sameSecret(given, token)) return undefined;
    return new ApiError("unauthorized", "GET /metrics needs the METRICS_TOKEN as a bearer token.", {
      headers: { "WWW-Authenticate": 'Bearer realm="metrics"' },
    });
  }
  // As the HTTP server saw it: Next adds an X-Forwarded-For of its own to every request it hands on.
  const proxied = request.headers.get(FORWARDED_HEADER) !== "0";
  if (!proxied && isLoopback(request.headers.get(CLIENT_ADDRESS_HEADER))) return undefined;
  return new ApiError(
    "forbidden",
    "GET /metrics answers only clients on loopback, not through a proxy; set METRICS_TOKEN to scrape it otherwise.",
  );
};

/** The gauges only the database knows, read now: queues and backlogs are the cluster's, not this process's. */
const readDatabaseGauges = async () => {
  const [backlog, queue] = await Promise.all([reconcilerBacklog(db()), webhookQueue(db())]);
  metrics.reconcilerBacklog.set({ kind: "charge" }, backlog.charges);
  metrics.reconcilerBacklog.set({ kind: "refund" }, backlog.refunds);
  metrics.reconcilerOldest.set(backlog.oldestSeconds);
  metrics.webhookQueueDepth.set(queue.depth);
  metrics.webhookQueueOldest.set(queue.oldestSeconds);
};

export const metricsResponse = async (request: Request): Promise<Response> => {
  const refusal = refuse(request);
  if (refusal) return errorResponse(refusal, requestIdOf(request));
  // A database that does not answer still leaves the process's own metrics worth reading; its gauges
  // then go missing (an alert on their absence notices), rather than repeating an old value.
  await readDatabaseGauges().catch((error: unknown) => {
    for (const gauge of readAtScrape()) gauge.reset();
    log.error({ err: error }, "Metrics: the database gauges could not be read");
  });
  return new Response(await metricsText(), {
    headers: { "Content-Type": metrics.registry.contentType, "Cache-Control": "no-store" },
  });
};
