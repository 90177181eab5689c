// GET /api/v1/api_keys (list, newest first) · POST /api/v1/api_keys (create; the secret is shown once)
import { cursorList } from "@/lib/api/pagination";
import { apiRoute } from "@/lib/api/route";
import { withMerchant } from "@/lib/api/with-merchant";
import { db } from "@/lib/db/client";
import { apiKeyJson } from "@/lib/merchants/api-key-json";
import { createApiKey } from "@/lib/merchants/create-api-key";
import { listApiKeys } from "@/lib/merchants/list-api-keys";
import { cursorListQuery, fetchPage } from "@/lib/pagination";
import { createApiKeyBody } from "@/lib/schemas/api-key";
import { scopeOf } from "@/lib/scope";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withMerchant(
    async ({ auth, query }) => {
      const page = await fetchPage(query.limit, query.cursor, ({ take, before }) =>
        listApiKeys(db(), scopeOf(auth), { take, before }),
      );
      return Response.json(
        cursorList(
          page.data.map((key) => apiKeyJson(key)),
          page.lastId,
        ),
      );
    },
    { query: cursorListQuery },
  ),
  POST: withMerchant(
    async ({ auth, body }) => {
      const { apiKey, secret } = await createApiKey(db(), scopeOf(auth), body.name);
      return Response.json(apiKeyJson(apiKey, secret), { status: 201 });
    },
    { body: createApiKeyBody, mintsSecret: true },
  ),
});
