// GET /v1/connections/{id}/subscription → {subscription: … | null}
import { apiRoute } from "@/lib/api/route";
import { withMerchant } from "@/lib/api/with-merchant";
import { db } from "@/lib/db/client";
import { scopeOf } from "@/lib/scope";
import { getConnectionSubscription } from "@/lib/wallet/get-wallet-objects";
import { subscriptionBaseJson } from "@/lib/wallet/wallet-json";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withMerchant(async ({ auth, params }) => {
    const subscription = await getConnectionSubscription(db(), scopeOf(auth), params.id);
    return Response.json({ subscription: subscription ? subscriptionBaseJson(subscription) : null });
  }),
});
