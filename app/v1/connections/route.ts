// GET /v1/connections (newest first; deleted connections are not listed)
import { cursorList } from "@/lib/api/pagination";
import { apiRoute } from "@/lib/api/route";
import { withMerchant } from "@/lib/api/with-merchant";
import { db } from "@/lib/db/client";
import { cursorListQuery, fetchPage } from "@/lib/pagination";
import { scopeOf } from "@/lib/scope";
import { listConnections } from "@/lib/wallet/list-wallet-objects";
import { connectionJson } from "@/lib/wallet/wallet-json";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withMerchant(
    async ({ auth, query }) => {
      const page = await fetchPage(query.limit, query.cursor, ({ take, before }) =>
        listConnections(db(), scopeOf(auth), { take, before }),
      );
      return Response.json(cursorList(page.data.map(connectionJson), page.lastId));
    },
    { query: cursorListQuery },
  ),
});
