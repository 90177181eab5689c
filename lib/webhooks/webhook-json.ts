import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

// The webhook objects as the API shows them. Like the other `/api/v1/`
// dialects, fields are camelCase; the event is the envelope receivers get.

type EndpointRow = Prisma.WebhookEndpointGetPayload<object>;

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** The signing secret is never part of it: it is shown once, by the call that made it. */
export const webhookEndpointJson = (endpoint: EndpointRow) => ({
  id: endpoint.id,
  object: "webhook_endpoint",
  url: endpoint.url,
  description: endpoint.description,
  events: endpoint.eventTypes.length ? endpoint.eventTypes : ["*"],
  status: endpoint.status,
  disabledReason: endpoint.disabledReason,
  failingSince: iso(endpoint.failingSince),
  livemode: endpoint.mode === "live",
  createdAt: endpoint.createdAt.toISOString(),
  updatedAt: endpoint.updatedAt.toISOString(),
});

/** The answer of a create or a rotation: the endpoint plus its new plaintext secret, this once. */
export const webhookEndpointWithSecretJson = ({ endpoint, secret }: { endpoint: EndpointRow; secret: string }) => ({
  ...webhookEndpointJson(endpoint),
  secret,
  previousSecretExpiresAt: iso(endpoint.previousSecretExpiresAt),
});

export const eventJson = (event: Pick<Prisma.EventGetPayload<object>, "payload">) => JSON.parse(event.payload);

export const deliveryInclude = {
  event: { select: { type: true } },
  attempts: { orderBy: { attemptedAt: "asc" } },
} satisfies Prisma.WebhookDeliveryInclude;

type DeliveryRow = Prisma.WebhookDeliveryGetPayload<{ include: typeof deliveryInclude }>;

export const webhookDeliveryJson = (delivery: DeliveryRow) => {
  const last = delivery.attempts.at(-1);
  return {
    id: delivery.id,
    object: "webhook_delivery",
    endpointId: delivery.endpointId,
    eventId: delivery.eventId,
    eventType: delivery.event.type,
    status: delivery.status,
    attemptCount: delivery.attemptCount,
    // While a worker holds it, this is when another may take it over.
    nextAttemptAt: delivery.status === "pending" ? iso(delivery.nextAttemptAt) : null,
    retryUntil: delivery.retryUntil.toISOString(),
    // The last recorded request (a worker killed mid-request records none).
    lastAttemptAt: iso(last?.attemptedAt ?? null),
    lastResponseStatus: last?.responseStatus ?? null,
    lastDurationMs: last?.durationMs ?? null,
    lastError: last?.error ?? null,
    deliveredAt: iso(delivery.deliveredAt),
    createdAt: delivery.createdAt.toISOString(),
    attempts: delivery.attempts.map((attempt) => ({
      id: attempt.id,
      attemptedAt: attempt.attemptedAt.toISOString(),
      responseStatus: attempt.responseStatus,
      durationMs: attempt.durationMs,
      error: attempt.error,
      responseBody: attempt.responseBody,
    })),
  };
};
