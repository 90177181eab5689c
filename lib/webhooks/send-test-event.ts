import "server-only";
import type { Db } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import type { MerchantScope } from "@/lib/scope";
import { getWebhookEndpointOrThrow } from "./get-webhook-objects";
import { eventPayload, newDelivery } from "./record-event";
import { deliveryInclude, webhookEndpointJson } from "./webhook-json";

/**
 * A `webhook_endpoint.test` event for one endpoint, whatever its filter: the
 * event and its one delivery are written together, and the worker sends it
 * like any other (signed, retried, in the delivery log). Other endpoints
 * never see it, so it is not recorded through the fan-out of recordEvents.
 */
export const sendTestEvent = async (db: Db, scope: MerchantScope, endpointId: string) => {
  const endpoint = await getWebhookEndpointOrThrow(db, scope, endpointId);
  if (endpoint.status !== "enabled") {
    throw new DomainError("state_conflict", "This endpoint is disabled; enable it before sending it a test event.");
  }
  const createdAt = new Date();
  const id = newId("event");
  const input = { ...scope, type: "webhook_endpoint.test" as const, objectId: endpoint.id };
  const payload = eventPayload(id, { ...input, object: webhookEndpointJson(endpoint) }, createdAt);
  return db.$transaction(async (tx) => {
    const event = await tx.event.create({ data: { id, ...input, payload, createdAt } });
    return tx.webhookDelivery.create({
      data: newDelivery(endpoint.id, event, createdAt),
      include: deliveryInclude,
    });
  });
};
