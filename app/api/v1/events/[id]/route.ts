// GET /api/v1/events/{id}
import { apiRoute } from "@/lib/api/route";
import { withMerchant } from "@/lib/api/with-merchant";
import { db } from "@/lib/db/client";
import { scopeOf } from "@/lib/scope";
import { getEventOrThrow } from "@/lib/webhooks/get-webhook-objects";
import { eventJson } from "@/lib/webhooks/webhook-json";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withMerchant(
    async ({ auth, params }) => Response.json(eventJson(await getEventOrThrow(db(), scopeOf(auth), params.id))),
    { jwt: true },
  ),
});
