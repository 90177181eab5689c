import "server-only";
import { setTimeout as wait } from "node:timers/promises";
import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { metrics } from "@/lib/metrics";
import {
  type ClaimedDelivery,
  claimDueDeliveries,
  leaseMs,
  recordDeliveryResult,
  sendDelivery,
} from "./deliver-webhook";

// The delivery worker of one instance (every instance runs one unless
// WEBHOOK_WORKER=off). It keeps up to `concurrency` requests in flight,
// claims more as slots free up, and otherwise polls. Requests never run on a
// request handler's path: an API call only writes rows.

/** Resolves after `ms`, or as soon as the worker stops. */
const sleep = (ms: number, signal: AbortSignal) => wait(ms, undefined, { signal }).catch(() => {});

export const startWebhookWorker = (db: Db, config = env().webhooks) => {
  const stopping = new AbortController();
  const inFlight = new Set<Promise<void>>();
  const lease = leaseMs(config.timeoutMs);

  const deliver = (delivery: ClaimedDelivery) => {
    const job = sendDelivery(delivery)
      .then((response) => recordDeliveryResult(db, delivery, response))
      .then((outcome) => {
        if (outcome) metrics.webhookDeliveries.inc({ outcome });
      })
      .catch((error: unknown) =>
        log.error({ err: error, delivery_id: delivery.id }, "A webhook delivery could not be recorded"),
      )
      .finally(() => inFlight.delete(job));
    inFlight.add(job);
  };

  const loop = async () => {
    while (!stopping.signal.aborted) {
      const free = config.concurrency - inFlight.size;
      let claimed: ClaimedDelivery[] = [];
      if (free > 0) {
        claimed = await claimDueDeliveries(db, free, lease).catch((error: unknown) => {
          log.error({ err: error }, "Claiming webhook deliveries failed");
          return [];
        });
        for (const delivery of claimed) deliver(delivery);
      }
      if (free > 0 && claimed.length === free) continue; // a full batch: more may be due
      await Promise.race([sleep(config.pollIntervalMs, stopping.signal), ...(free > 0 ? [] : inFlight)]);
    }
  };
  const running = loop();

  /** Stops claiming, and waits for the requests in flight (each ends within the timeout) to be recorded. */
  return async () => {
    stopping.abort();
    await running;
    await Promise.allSettled([...inFlight]);
  };
};
