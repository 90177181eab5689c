import "server-only";
import type { DbClient } from "@/lib/db/client";
import { env } from "@/lib/env";
import { EVENT_VERSION, type EventType } from "@/lib/event-types";
import { newId } from "@/lib/ids";
import type { MerchantScope } from "@/lib/scope";

// The outbox (contract "Webhooks"): called inside the transaction that makes a state
// change, so the change, its event and the event's deliveries commit together
// or not at all. Nothing here talks to the network; the worker does that.

export type EventInput = MerchantScope & {
  type: EventType;
  /** The id of the object the event is about: deliveries of one object keep their order. */
  objectId: string;
  /** The object as the dialect's API shows it. */
  object: unknown;
};

/** JSON.stringify that writes bigints as strings (money is never a float). */
const stringify = (value: unknown) =>
  JSON.stringify(value, (_key, item) => (typeof item === "bigint" ? item.toString() : item));

export const eventPayload = (id: string, input: EventInput, createdAt: Date) =>
  stringify({
    id,
    object: "event",
    type: input.type,
    version: EVENT_VERSION,
    created_at: createdAt.toISOString(),
    livemode: input.mode === "live",
    data: { object: input.object },
  });

/** A delivery of the event to the endpoint, due at once, retried for the configured window. */
export const newDelivery = (
  endpointId: string,
  event: { id: string; objectId: string; seq: bigint },
  createdAt: Date,
) => ({
  id: newId("webhookDelivery"),
  endpointId,
  eventId: event.id,
  objectId: event.objectId,
  eventSeq: event.seq,
  nextAttemptAt: createdAt,
  retryUntil: new Date(createdAt.getTime() + env().webhooks.retryWindowMs),
});

/** Writes the events and a pending delivery for each enabled endpoint subscribed to each one's type. */
export const recordEvents = async (tx: DbClient, inputs: EventInput[]) => {
  if (inputs.length === 0) return [];
  const createdAt = new Date();
  const created = await tx.event.createManyAndReturn({
    data: inputs.map((input) => {
      const id = newId("event");
      const { merchantId, mode, type, objectId } = input;
      return { id, merchantId, mode, type, objectId, payload: eventPayload(id, input, createdAt), createdAt };
    }),
    select: { id: true, seq: true, merchantId: true, mode: true, type: true, objectId: true },
  });

  const scopes = [...new Map(created.map((event) => [`${event.merchantId}:${event.mode}`, event])).values()];
  const endpoints = await tx.webhookEndpoint.findMany({
    where: {
      status: "enabled",
      OR: scopes.map(({ merchantId, mode }) => ({ merchantId, mode })),
    },
    select: { id: true, merchantId: true, mode: true, eventTypes: true },
  });
  const deliveries = created.flatMap((event) =>
    endpoints
      .filter(
        (endpoint) =>
          endpoint.merchantId === event.merchantId &&
          endpoint.mode === event.mode &&
          (endpoint.eventTypes.length === 0 || endpoint.eventTypes.includes(event.type)),
      )
      .map((endpoint) => newDelivery(endpoint.id, event, createdAt)),
  );
  if (deliveries.length) await tx.webhookDelivery.createMany({ data: deliveries });
  return created;
};

export const recordEvent = (tx: DbClient, input: EventInput) => recordEvents(tx, [input]);
