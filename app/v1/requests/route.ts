// GET /v1/requests (newest first; by connection, meter, metadata) · POST /v1/requests (record and pay one)
import { cursorList } from "@/lib/api/pagination";
import { apiRoute } from "@/lib/api/route";
import { withMerchant } from "@/lib/api/with-merchant";
import { db } from "@/lib/db/client";
import { fetchPage } from "@/lib/pagination";
import { createRequestBody, listRequestsQuery } from "@/lib/schemas/wallet";
import { scopeOf } from "@/lib/scope";
import { listRequests, requestFiltersOf } from "@/lib/wallet/list-wallet-objects";
import { recordRequest } from "@/lib/wallet/record-request";
import { requestJson } from "@/lib/wallet/wallet-json";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withMerchant(
    async ({ auth, query }) => {
      const page = await fetchPage(query.limit, query.cursor, ({ take, before }) =>
        listRequests(db(), scopeOf(auth), { take, before, ...requestFiltersOf(query) }),
      );
      return Response.json(cursorList(page.data.map(requestJson), page.lastId));
    },
    { query: listRequestsQuery },
  ),
  POST: withMerchant(
    async ({ auth, body }) => {
      const { request, replayed } = await recordRequest(db(), scopeOf(auth), body);
      // The request_id is the idempotency key: a replay answers the first record, as an Idempotency-Key would.
      return Response.json(requestJson(request), {
        status: 201,
        headers: replayed ? { "Idempotent-Replayed": "true" } : undefined,
      });
    },
    { body: createRequestBody },
  ),
});
