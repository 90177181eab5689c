// GET /v1/checkout_sessions/{id}
import { apiRoute } from "@/lib/api/route";
import { withMerchant } from "@/lib/api/with-merchant";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { scopeOf } from "@/lib/scope";
import { readCheckoutSessionOrThrow } from "@/lib/wallet/get-wallet-objects";
import { checkoutSessionJson } from "@/lib/wallet/wallet-json";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withMerchant(async ({ auth, params }) => {
    const session = await readCheckoutSessionOrThrow(db(), scopeOf(auth), params.id);
    return Response.json(checkoutSessionJson(session, env().publicBaseUrl));
  }),
});
