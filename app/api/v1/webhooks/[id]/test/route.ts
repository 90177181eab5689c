// POST /api/v1/webhooks/{id}/test: a webhook_endpoint.test event to this endpoint only; answers its delivery (202)
import { apiRoute } from "@/lib/api/route";
import { withMerchant } from "@/lib/api/with-merchant";
import { db } from "@/lib/db/client";
import { scopeOf } from "@/lib/scope";
import { sendTestEvent } from "@/lib/webhooks/send-test-event";
import { webhookDeliveryJson } from "@/lib/webhooks/webhook-json";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: withMerchant(
    async ({ auth, params }) => {
      const delivery = await sendTestEvent(db(), scopeOf(auth), params.id);
      return Response.json(webhookDeliveryJson(delivery), { status: 202 });
    },
    { jwt: true },
  ),
});
