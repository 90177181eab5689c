import "server-only";
import type { Db } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import type { CreateWebhookEndpointBody, UpdateWebhookEndpointBody } from "@/lib/schemas/webhooks";
import type { MerchantScope } from "@/lib/scope";
import { sealSecret } from "@/lib/security/encryption-key";
import { isSealed, SEALED_PREFIX } from "@/lib/security/secret-box";
import { getWebhookEndpointOrThrow } from "./get-webhook-objects";
import { newSigningSecret } from "./sign-webhook";
import { assertWebhookUrlAllowed } from "./webhook-target";

// Creating, changing and deleting a merchant's webhook endpoints (contract "Webhooks").
// Signing secrets are stored sealed (lib/security); the create and the
// rotation return the new plaintext secret beside the row, to be shown once.

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
      throw new DomainError(
        "limit_reached",
        `This merchant already has ${MAX_WEBHOOK_ENDPOINTS} ${scope.mode}-mode webhook endpoints, the most allowed. Delete one first.`,
      );
    }
    const secret = newSigningSecret();
    const endpoint = await tx.webhookEndpoint.create({
      data: {
        id: newId("webhookEndpoint"),
        ...scope,
        url: body.url,
        description: body.description || null,
        eventTypes: body.events ?? [],
        secret: sealSecret("webhook_signing_secret", secret),
      },
    });
    return { endpoint, secret };
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
  const current = await getWebhookEndpointOrThrow(db, scope, id);
  const secret = newSigningSecret();
  const endpoint = await db.webhookEndpoint.update({
    where: { id },
    data: {
      secret: sealSecret("webhook_signing_secret", secret),
      previousSecret: current.secret,
      previousSecretExpiresAt: new Date(Date.now() + PREVIOUS_SECRET_GRACE_MS),
    },
  });
  return { endpoint, secret };
};

/**
 * At every start: seals the signing secrets stored in plaintext (before
 * encryption existed, or by an older instance). Each update is conditional
 * on the plaintext still being there, so instances starting together agree.
 */
export const sealPlaintextWebhookSecrets = async (db: Db) => {
  const endpoints = await db.webhookEndpoint.findMany({
    where: {
      OR: [
        { NOT: { secret: { startsWith: SEALED_PREFIX } } },
        { AND: [{ previousSecret: { not: null } }, { NOT: { previousSecret: { startsWith: SEALED_PREFIX } } }] },
      ],
    },
    select: { id: true, secret: true, previousSecret: true },
  });
  const sealed = (value: string) => (isSealed(value) ? value : sealSecret("webhook_signing_secret", value));
  let count = 0;
  for (const endpoint of endpoints) {
    const { count: updated } = await db.webhookEndpoint.updateMany({
      where: { id: endpoint.id, secret: endpoint.secret, previousSecret: endpoint.previousSecret },
      data: {
        secret: sealed(endpoint.secret),
        previousSecret: endpoint.previousSecret === null ? null : sealed(endpoint.previousSecret),
      },
    });
    count += updated;
  }
  return count;
};

/**
 * Deletes the endpoint and its delivery log and returns the endpoint as it
 * was; events stay (other endpoints and GET /events use them).
 */
export const deleteWebhookEndpoint = async (db: Db, scope: MerchantScope, id: string) => {
  await getWebhookEndpointOrThrow(db, scope, id);
  return db.webhookEndpoint.delete({ where: { id } });
};
