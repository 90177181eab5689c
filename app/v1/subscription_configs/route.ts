// GET /v1/subscription_configs · POST /v1/subscription_configs (a plan: price, interval, included credit)
import { cursorList } from "@/lib/api/pagination";
import { apiRoute } from "@/lib/api/route";
import { withMerchant } from "@/lib/api/with-merchant";
import { db } from "@/lib/db/client";
import { cursorListQuery, fetchPage } from "@/lib/pagination";
import { createSubscriptionConfigBody } from "@/lib/schemas/wallet";
import { scopeOf } from "@/lib/scope";
import { listSubscriptionConfigs } from "@/lib/wallet/list-wallet-objects";
import { createSubscriptionConfig } from "@/lib/wallet/save-subscription-config";
import { subscriptionConfigJson } from "@/lib/wallet/wallet-json";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withMerchant(
    async ({ auth, query }) => {
      const page = await fetchPage(query.limit, query.cursor, ({ take, before }) =>
        listSubscriptionConfigs(db(), scopeOf(auth), { take, before }),
      );
      return Response.json(cursorList(page.data.map(subscriptionConfigJson), page.lastId));
    },
    { query: cursorListQuery },
  ),
  POST: withMerchant(
    async ({ auth, body }) => {
      const config = await createSubscriptionConfig(db(), scopeOf(auth), body);
      return Response.json(subscriptionConfigJson(config), { status: 201 });
    },
    { body: createSubscriptionConfigBody },
  ),
});
