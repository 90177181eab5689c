// GET /v1/subscriptions/{id} · DELETE /v1/subscriptions/{id} (cancel now; repeating it is harmless)
import { apiRoute } from "@/lib/api/route";
import { withMerchant } from "@/lib/api/with-merchant";
import { db } from "@/lib/db/client";
import { scopeOf } from "@/lib/scope";
import { cancelSubscription } from "@/lib/wallet/cancel-subscription";
import { getSubscriptionOrThrow } from "@/lib/wallet/get-wallet-objects";
import { subscriptionJson } from "@/lib/wallet/wallet-json";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withMerchant(async ({ auth, params }) =>
    Response.json(subscriptionJson(await getSubscriptionOrThrow(db(), scopeOf(auth), params.id))),
  ),
  DELETE: withMerchant(async ({ auth, params }) => {
    await cancelSubscription(db(), scopeOf(auth), params.id);
    return Response.json({ success: true });
  }),
});
