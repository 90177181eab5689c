import "server-only";
import type { Db } from "@/lib/db/client";
import type { MerchantScope } from "@/lib/scope";

// Events as the dashboard shows them: newest first, each with its webhook
// deliveries and their last answer (the payment page, the event log), and an
// endpoint's delivery log with each request body and every response.

type EventFilter = { ids?: string[]; objectIds?: string[]; type?: string; before?: string; take: number };

export const eventsWithDeliveries = async (db: Db, scope: MerchantScope, filter: EventFilter) => {
  const events = await db.event.findMany({
    where: {
      ...scope,
      ...(filter.ids ? { id: { in: filter.ids } } : {}),
      ...(filter.objectIds ? { objectId: { in: filter.objectIds } } : {}),
      ...(filter.type ? { type: filter.type } : {}),
      ...(filter.before ? { id: { lt: filter.before } } : {}),
    },
    // Ids sort by creation time: the event log's cursor, on the (merchant, mode, id) index.
    orderBy: { id: "desc" },
    take: filter.take,
    select: {
      id: true,
      type: true,
      objectId: true,
      createdAt: true,
      deliveries: {
        orderBy: { id: "asc" },
        select: {
          id: true,
          endpointId: true,
          status: true,
          attemptCount: true,
          endpoint: { select: { url: true } },
          attempts: { orderBy: { attemptedAt: "desc" }, take: 1, select: { responseStatus: true, error: true } },
        },
      },
    },
  });
  return events.map((event) => ({
    ...event,
    deliveries: event.deliveries.map(({ attempts, endpoint, ...delivery }) => ({
      ...delivery,
      url: endpoint.url,
      lastResponse: attempts[0]
        ? (attempts[0].responseStatus?.toString() ?? attempts[0].error ?? "no answer")
        : "not sent yet",
    })),
  }));
};
export type EventWithDeliveries = Awaited<ReturnType<typeof eventsWithDeliveries>>[number];

/**
 * An endpoint's newest deliveries, each with the body it sends and every
 * attempt's answer. The endpoint must have been found in the caller's scope
 * (getWebhookEndpointOrThrow): the id alone is not checked here.
 */
export const endpointDeliveryLog = (db: Db, endpointId: string, take: number) =>
  db.webhookDelivery.findMany({
    where: { endpointId },
    orderBy: { id: "desc" },
    take,
    include: {
      event: { select: { type: true, payload: true } },
      attempts: { orderBy: { attemptedAt: "asc" } },
    },
  });
