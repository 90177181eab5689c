// GET, PATCH (url, events, description, status) and DELETE /api/v1/webhooks/{id}
import { apiRoute } from "@/lib/api/route";
import { withMerchant } from "@/lib/api/with-merchant";
import { db } from "@/lib/db/client";
import { updateWebhookEndpointBody } from "@/lib/schemas/webhooks";
import { scopeOf } from "@/lib/scope";
import { getWebhookEndpointOrThrow } from "@/lib/webhooks/get-webhook-objects";
import { deleteWebhookEndpoint, updateWebhookEndpoint } from "@/lib/webhooks/save-webhook-endpoint";
import { webhookEndpointJson } from "@/lib/webhooks/webhook-json";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withMerchant(
    async ({ auth, params }) =>
      Response.json(webhookEndpointJson(await getWebhookEndpointOrThrow(db(), scopeOf(auth), params.id))),
    { jwt: true },
  ),
  PATCH: withMerchant(
    async ({ auth, params, body }) =>
      Response.json(webhookEndpointJson(await updateWebhookEndpoint(db(), scopeOf(auth), params.id, body))),
    { body: updateWebhookEndpointBody, jwt: true },
  ),
  DELETE: withMerchant(
    async ({ auth, params }) => {
      const endpoint = await deleteWebhookEndpoint(db(), scopeOf(auth), params.id);
      return Response.json({ id: endpoint.id, object: "webhook_endpoint", deleted: true });
    },
    { jwt: true },
  ),
});
