// GET /v1/subscriptions (filters status = active|cancelled|all, connection_id)
import { cursorList } from "@/lib/api/pagination";
import { apiRoute } from "@/lib/api/route";
import { withMerchant } from "@/lib/api/with-merchant";
import { db } from "@/lib/db/client";
import { fetchPage } from "@/lib/pagination";
import { listSubscriptionsQuery } from "@/lib/schemas/wallet";
import { scopeOf } from "@/lib/scope";
import { listSubscriptions } from "@/lib/wallet/list-wallet-objects";
import { subscriptionJson } from "@/lib/wallet/wallet-json";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withMerchant(
    async ({ auth, query }) => {
      const page = await fetchPage(query.limit, query.cursor, ({ take, before }) =>
        listSubscriptions(db(), scopeOf(auth), {
          take,
          before,
          status: query.status,
          connectionId: query.connection_id,
        }),
      );
      return Response.json(cursorList(page.data.map(subscriptionJson), page.lastId));
    },
    { query: listSubscriptionsQuery },
  ),
});
