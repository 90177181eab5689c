// GET /api/v1/webhooks/{id}/deliveries: each event sent to this endpoint, with its attempts (newest first, ?status=)
import { cursorList } from "@/lib/api/pagination";
import { apiRoute } from "@/lib/api/route";
import { withMerchant } from "@/lib/api/with-merchant";
import { db } from "@/lib/db/client";
import { fetchPage } from "@/lib/pagination";
import { listDeliveriesQuery } from "@/lib/schemas/webhooks";
import { scopeOf } from "@/lib/scope";
import { listWebhookDeliveries } from "@/lib/webhooks/get-webhook-objects";
import { webhookDeliveryJson } from "@/lib/webhooks/webhook-json";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withMerchant(
    async ({ auth, params, query }) => {
      const page = await fetchPage(query.limit, query.cursor, ({ take, before }) =>
        listWebhookDeliveries(db(), scopeOf(auth), params.id, { take, before, status: query.status }),
      );
      return Response.json(cursorList(page.data.map(webhookDeliveryJson), page.lastId));
    },
    { query: listDeliveriesQuery, jwt: true },
  ),
});
