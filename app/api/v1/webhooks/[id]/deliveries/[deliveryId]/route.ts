// GET /api/v1/webhooks/{id}/deliveries/{deliveryId}
import { apiRoute } from "@/lib/api/route";
import { withMerchant } from "@/lib/api/with-merchant";
import { db } from "@/lib/db/client";
import { scopeOf } from "@/lib/merchants/scope";
import { getWebhookDeliveryOrThrow, getWebhookEndpointOrThrow } from "@/lib/webhooks/get-webhook-objects";
import { webhookDeliveryJson } from "@/lib/webhooks/webhook-json";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withMerchant(
    async ({ auth, params }) => {
      const endpoint = await getWebhookEndpointOrThrow(db(), scopeOf(auth), params.id);
      return Response.json(webhookDeliveryJson(await getWebhookDeliveryOrThrow(db(), endpoint.id, params.deliveryId)));
    },
    { jwt: true },
  ),
});
