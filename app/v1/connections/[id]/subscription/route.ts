// GET /v1/connections/{id}/subscription → {subscription: … | null}
import { apiRoute } from "@/lib/api/route";
import { withMerchant } from "@/lib/api/with-merchant";
import { db } from "@/lib/db/client";
import { scopeOf } from "@/lib/merchants/scope";
import { connectionBalances } from "@/lib/wallet/connection-balances";
import { getConnectionOrThrow, getSubscriptionOrThrow } from "@/lib/wallet/get-wallet-objects";
import { subscriptionBaseJson } from "@/lib/wallet/wallet-json";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withMerchant(async ({ auth, params }) => {
    const scope = scopeOf(auth);
    const connection = await getConnectionOrThrow(db(), scope, params.id);
    const [active] = connection.subscriptions;
    if (!active) return Response.json({ subscription: null });
    const subscription = await getSubscriptionOrThrow(db(), scope, active.id);
    const balances = await connectionBalances(db(), [connection.id]);
    return Response.json({ subscription: subscriptionBaseJson(subscription, balances(connection.id)) });
  }),
});
