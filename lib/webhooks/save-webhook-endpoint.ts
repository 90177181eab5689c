import { ApiError } from "@/lib/api/errors";
import type { Db } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import type { MerchantScope } from "@/lib/merchants/scope";
import type { CreateWebhookEndpointBody, UpdateWebhookEndpointBody } from "@/lib/schemas/webhooks";
import { getWebhookEndpointOrThrow } from "./get-webhook-objects";
import { newSigningSecret } from "./sign-webhook";
import { assertWebhookUrlAllowed } from "./webhook-target";

// Creating, changing and deleting a merchant's webhook endpoints (SPEC §6).

/** Per merchant and mode, as Stripe allows; a receiver can fan out further itself. */
export const MAX_WEBHOOK_ENDPOINTS = 16;

/** How long a rotated-out secret still signs (a second signature), so receivers can switch without a gap. */
export const PREVIOUS_SECRET_GRACE_MS = 24 * 60 * 60 * 1000;

export const createWebhookEndpoint = (db: Db, scope: MerchantScope, body: CreateWebhookEndpointBody) => {
  assertWebhookUrlAllowed(body.url, scope.mode);
  return db.$transaction(async (tx) => {
    // The merchant's row is the lock that keeps two concurrent creates from passing the limit together.
    await tx.$queryRaw`SELECT id FROM merchants WHERE id = ${scope.merchantId} FOR UPDATE`;
    const count = await tx.webhookEndpoint.count({ where: scope });
    if (count >= MAX_WEBHOOK_ENDPOINTS) {
      throw new ApiError(
        "limit_reached",
        `This merchant already has ${MAX_WEBHOOK_ENDPOINTS} ${scope.mode}-mode webhook endpoints, the most allowed. Delete one first.`,
      );
    }
    return tx.webhookEndpoint.create({
      data: {
        id: newId("webhookEndpoint"),
        ...scope,
        url: body.url,
        description: body.description || null,
        eventTypes: body.events ?? [],
        secret: newSigningSecret(),
      },
    });
  });
};

/** Re-enabling forgets the failures that disabled the endpoint; its waiting deliveries resume. */
const STATUS_CHANGES = {
  enabled: { status: "enabled", disabledReason: null, failingSince: null },
  disabled: { status: "disabled", disabledReason: "Disabled by the merchant." },
} as const;

export const updateWebhookEndpoint = async (
  db: Db,
  scope: MerchantScope,
  id: string,
  body: UpdateWebhookEndpointBody,
) => {
  await getWebhookEndpointOrThrow(db, scope, id);
  if (body.url) assertWebhookUrlAllowed(body.url, scope.mode);
  return db.webhookEndpoint.update({
    where: { id },
    data: {
      url: body.url,
      eventTypes: body.events,
      description: body.description === undefined ? undefined : body.description || null,
      ...(body.status ? STATUS_CHANGES[body.status] : {}),
    },
  });
};

/** Rotates the signing secret; the old one keeps signing alongside for a day. */
export const rotateWebhookSecret = async (db: Db, scope: MerchantScope, id: string) => {
  const endpoint = await getWebhookEndpointOrThrow(db, scope, id);
  return db.webhookEndpoint.update({
    where: { id },
    data: {
      secret: newSigningSecret(),
      previousSecret: endpoint.secret,
      previousSecretExpiresAt: new Date(Date.now() + PREVIOUS_SECRET_GRACE_MS),
    },
  });
};

/** Deletes the endpoint and its delivery log; events stay (other endpoints and GET /events use them). */
export const deleteWebhookEndpoint = async (db: Db, scope: MerchantScope, id: string) => {
  await getWebhookEndpointOrThrow(db, scope, id);
  await db.webhookEndpoint.delete({ where: { id } });
};
