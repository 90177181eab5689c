// GET /v1/requests/{request_id}: by the merchant's own request_id
import { apiRoute } from "@/lib/api/route";
import { withMerchant } from "@/lib/api/with-merchant";
import { db } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import { scopeOf } from "@/lib/scope";
import { findRequest } from "@/lib/wallet/record-request";
import { requestJson } from "@/lib/wallet/wallet-json";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withMerchant(async ({ auth, params }) => {
    const request = await findRequest(db(), scopeOf(auth), params.id);
    if (!request) throw new DomainError("not_found", "No such request.");
    return Response.json(requestJson(request));
  }),
});
