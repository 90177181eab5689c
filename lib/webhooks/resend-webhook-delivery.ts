import "server-only";
import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { DomainError } from "@/lib/errors";
import type { MerchantScope } from "@/lib/scope";
import { getEndpointDeliveryOrThrow } from "./get-webhook-objects";
import { deliveryInclude } from "./webhook-json";

/**
 * Makes a delivery due now, whatever its state, with a fresh retry window:
 * a failed one is tried again, a delivered one is sent once more (the same
 * `webhook-id`, so a receiver that de-duplicates sees it once), a waiting one
 * does not wait for its backoff. Delivery is at least once: a re-send of a
 * delivery a worker holds at that moment may reach the receiver twice.
 */
export const resendWebhookDelivery = async (db: Db, scope: MerchantScope, endpointId: string, deliveryId: string) => {
  const { endpoint, delivery } = await getEndpointDeliveryOrThrow(db, scope, endpointId, deliveryId);
  if (endpoint.status !== "enabled") {
    throw new DomainError(
      "state_conflict",
      "This endpoint is disabled; enable it first (PATCH /api/v1/webhooks/{id} with status enabled).",
    );
  }
  const now = new Date();
  return db.webhookDelivery.update({
    where: { id: delivery.id },
    data: {
      status: "pending",
      nextAttemptAt: now,
      retryUntil: new Date(now.getTime() + env().webhooks.retryWindowMs),
      deliveredAt: null,
    },
    include: deliveryInclude,
  });
};
