// GET /v1/connections/{id} · DELETE /v1/connections/{id} (cancels its subscription; the ledger stays)
import { apiRoute } from "@/lib/api/route";
import { withMerchant } from "@/lib/api/with-merchant";
import { db } from "@/lib/db/client";
import { scopeOf } from "@/lib/scope";
import { deleteConnection } from "@/lib/wallet/delete-connection";
import { getConnectionOrThrow } from "@/lib/wallet/get-wallet-objects";
import { connectionJson } from "@/lib/wallet/wallet-json";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withMerchant(async ({ auth, params }) =>
    Response.json(connectionJson(await getConnectionOrThrow(db(), scopeOf(auth), params.id))),
  ),
  DELETE: withMerchant(async ({ auth, params }) => {
    await deleteConnection(db(), scopeOf(auth), params.id);
    return Response.json({ success: true });
  }),
});
