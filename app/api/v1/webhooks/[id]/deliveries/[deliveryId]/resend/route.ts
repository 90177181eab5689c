// POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/resend: due now, with a fresh retry window (202)
import { apiRoute } from "@/lib/api/route";
import { withMerchant } from "@/lib/api/with-merchant";
import { db } from "@/lib/db/client";
import { scopeOf } from "@/lib/scope";
import { resendWebhookDelivery } from "@/lib/webhooks/resend-webhook-delivery";
import { webhookDeliveryJson } from "@/lib/webhooks/webhook-json";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: withMerchant(
    async ({ auth, params }) => {
      const delivery = await resendWebhookDelivery(db(), scopeOf(auth), params.id, params.deliveryId);
      return Response.json(webhookDeliveryJson(delivery), { status: 202 });
    },
    { jwt: true },
  ),
});
