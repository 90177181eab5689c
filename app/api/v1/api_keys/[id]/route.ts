// GET /api/v1/api_keys/{id} · DELETE /api/v1/api_keys/{id} (revoke; repeating it is harmless)
import { apiRoute } from "@/lib/api/route";
import { withMerchant } from "@/lib/api/with-merchant";
import { db } from "@/lib/db/client";
import { apiKeyJson } from "@/lib/merchants/api-key-json";
import { getApiKeyOrThrow } from "@/lib/merchants/get-api-key";
import { revokeApiKey } from "@/lib/merchants/revoke-api-key";
import { scopeOf } from "@/lib/scope";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withMerchant(async ({ auth, params }) =>
    Response.json(apiKeyJson(await getApiKeyOrThrow(db(), scopeOf(auth), params.id))),
  ),
  DELETE: withMerchant(async ({ auth, params }) =>
    Response.json(apiKeyJson(await revokeApiKey(db(), scopeOf(auth), params.id))),
  ),
});
