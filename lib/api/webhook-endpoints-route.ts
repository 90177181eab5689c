import { db } from "@/lib/db/client";
import type { MerchantAuth } from "@/lib/merchants/authenticate-api-key";
import { cursorListQuery, fetchPage } from "@/lib/pagination";
import { createWebhookEndpointBody } from "@/lib/schemas/webhooks";
import { scopeOf } from "@/lib/scope";
import { listWebhookEndpoints } from "@/lib/webhooks/get-webhook-objects";
import { createWebhookEndpoint } from "@/lib/webhooks/save-webhook-endpoint";
import { webhookEndpointJson, webhookEndpointWithSecretJson } from "@/lib/webhooks/webhook-json";
import { ApiError } from "./errors";
import { cursorList } from "./pagination";
import { apiRoute } from "./route";
import { withMerchant } from "./with-merchant";

// GET and POST /api/v1/webhooks, and the same under Kadosei's
// /api/v1/applications/{appId}/webhooks, where the application is the
// merchant the key belongs to (another id is a 404, like any foreign object).

const assertApplication = (auth: MerchantAuth, params: Record<string, string>, forApplication: boolean) => {
  if (forApplication && params.appId !== auth.merchantId) throw new ApiError("not_found", "No such application.");
};

export const webhookEndpointsRoute = ({ forApplication }: { forApplication: boolean }) =>
  apiRoute({
    GET: withMerchant(
      async ({ auth, params, query }) => {
        assertApplication(auth, params, forApplication);
        const page = await fetchPage(query.limit, query.cursor, ({ take, before }) =>
          listWebhookEndpoints(db(), scopeOf(auth), { take, before }),
        );
        return Response.json(cursorList(page.data.map(webhookEndpointJson), page.lastId));
      },
      { query: cursorListQuery, jwt: true },
    ),
    POST: withMerchant(
      async ({ auth, params, body }) => {
        assertApplication(auth, params, forApplication);
        const endpoint = await createWebhookEndpoint(db(), scopeOf(auth), body);
        return Response.json(webhookEndpointWithSecretJson(endpoint), { status: 201 });
      },
      { body: createWebhookEndpointBody, jwt: true, mintsSecret: true },
    ),
  });
