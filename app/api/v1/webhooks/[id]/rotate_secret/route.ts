// POST /api/v1/webhooks/{id}/rotate_secret: a new secret (in this answer only); the old one also signs for 24 h
import { apiRoute } from "@/lib/api/route";
import { withMerchant } from "@/lib/api/with-merchant";
import { db } from "@/lib/db/client";
import { scopeOf } from "@/lib/scope";
import { rotateWebhookSecret } from "@/lib/webhooks/save-webhook-endpoint";
import { webhookEndpointWithSecretJson } from "@/lib/webhooks/webhook-json";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: withMerchant(
    async ({ auth, params }) =>
      Response.json(webhookEndpointWithSecretJson(await rotateWebhookSecret(db(), scopeOf(auth), params.id))),
    { jwt: true, mintsSecret: true },
  ),
});
