// GET /api/v1/webhooks/{id}/deliveries/{deliveryId}
import { apiRoute } from "@/lib/api/route";
import { withMerchant } from "@/lib/api/with-merchant";
import { db } from "@/lib/db/client";
import { scopeOf } from "@/lib/scope";
import { getWebhookDeliveryOrThrow } from "@/lib/webhooks/get-webhook-objects";
import { webhookDeliveryJson } from "@/lib/webhooks/webhook-json";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withMerchant(
    async ({ auth, params }) => {
      const delivery = await getWebhookDeliveryOrThrow(db(), scopeOf(auth), params.id, params.deliveryId);
      return Response.json(webhookDeliveryJson(delivery));
    },
    { jwt: true },
  ),
});
