import "server-only";
import type { DbClient } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import { isId } from "@/lib/ids";
import type { MerchantScope } from "@/lib/scope";
import { deliveryInclude } from "./webhook-json";

// Lookups and lists within the caller's merchant and mode: another merchant's
// endpoint, the other mode's and a malformed id are the same 404. Lists are
// newest first; the cursor is the last id of the previous page.

type Page = { take: number; before?: string };

const idBefore = (before?: string) => (before ? { id: { lt: before } } : {});

export const getWebhookEndpointOrThrow = async (db: DbClient, scope: MerchantScope, id: string) => {
  const endpoint = isId("webhookEndpoint", id) ? await db.webhookEndpoint.findFirst({ where: { id, ...scope } }) : null;
  if (!endpoint) throw new DomainError("not_found", "No such webhook endpoint.");
  return endpoint;
};

export const listWebhookEndpoints = (db: DbClient, scope: MerchantScope, page: Page) =>
  db.webhookEndpoint.findMany({
    where: { ...scope, ...idBefore(page.before) },
    orderBy: { id: "desc" },
    take: page.take,
  });

export const getEventOrThrow = async (db: DbClient, scope: MerchantScope, id: string) => {
  const event = isId("event", id) ? await db.event.findFirst({ where: { id, ...scope } }) : null;
  if (!event) throw new DomainError("not_found", "No such event.");
  return event;
};

/** Newest first, before `page.before`; or, with `after`, oldest first from just after that id. */
export const listEvents = (
  db: DbClient,
  scope: MerchantScope,
  page: Page & { type?: string; objectId?: string; after?: string },
) =>
  db.event.findMany({
    where: {
      ...scope,
      ...(page.after ? { id: { gt: page.after } } : idBefore(page.before)),
      ...(page.type ? { type: page.type } : {}),
      ...(page.objectId ? { objectId: page.objectId } : {}),
    },
    orderBy: { id: page.after ? "asc" : "desc" },
    take: page.take,
  });

/** A delivery to one of the scope's endpoints; a foreign or missing endpoint is the endpoint's 404. */
export const getWebhookDeliveryOrThrow = async (db: DbClient, scope: MerchantScope, endpointId: string, id: string) =>
  (await getEndpointDeliveryOrThrow(db, scope, endpointId, id)).delivery;

/** The endpoint (of the scope) and its delivery. */
export const getEndpointDeliveryOrThrow = async (
  db: DbClient,
  scope: MerchantScope,
  endpointId: string,
  id: string,
) => {
  const endpoint = await getWebhookEndpointOrThrow(db, scope, endpointId);
  const delivery = isId("webhookDelivery", id)
    ? await db.webhookDelivery.findFirst({ where: { id, endpointId: endpoint.id }, include: deliveryInclude })
    : null;
  if (!delivery) throw new DomainError("not_found", "No such delivery for this endpoint.");
  return { endpoint, delivery };
};

/** Deliveries to one of the scope's endpoints; a foreign or missing endpoint is the endpoint's 404. */
export const listWebhookDeliveries = async (
  db: DbClient,
  scope: MerchantScope,
  endpointId: string,
  page: Page & { status?: "pending" | "delivered" | "failed" },
) => {
  const endpoint = await getWebhookEndpointOrThrow(db, scope, endpointId);
  return db.webhookDelivery.findMany({
    where: { endpointId: endpoint.id, ...idBefore(page.before), ...(page.status ? { status: page.status } : {}) },
    include: deliveryInclude,
    orderBy: { id: "desc" },
    take: page.take,
  });
};
