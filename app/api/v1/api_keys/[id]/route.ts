// GET /api/v1/api_keys/{id} · DELETE /api/v1/api_keys/{id} (revoke; repeating it is harmless)
import { ApiError } from "@/lib/api/errors";
import { apiRoute } from "@/lib/api/route";
import { withMerchant } from "@/lib/api/with-merchant";
import { db } from "@/lib/db/client";
import { apiKeyJson } from "@/lib/merchants/api-key-json";
import { apiKeyViewSelect } from "@/lib/merchants/create-api-key";
import { revokeApiKey } from "@/lib/merchants/revoke-api-key";
import { apiKeyIdParam } from "@/lib/schemas/api-key";

const notFound = () => new ApiError("not_found", "No such API key.", { param: "id" });

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withMerchant(async ({ auth, params }) => {
    const id = apiKeyIdParam.safeParse(params.id);
    const apiKey = id.success
      ? await db().apiKey.findFirst({
          where: { id: id.data, merchantId: auth.merchantId, mode: auth.mode },
          select: apiKeyViewSelect,
        })
      : null;
    if (!apiKey) throw notFound();
    return Response.json(apiKeyJson(apiKey));
  }),
  DELETE: withMerchant(async ({ auth, params }) => {
    const id = apiKeyIdParam.safeParse(params.id);
    const apiKey = id.success
      ? await revokeApiKey(db(), { keyId: id.data, merchantId: auth.merchantId, mode: auth.mode })
      : null;
    if (!apiKey) throw notFound();
    return Response.json(apiKeyJson(apiKey));
  }),
});
