// GET /v1/subscription_configs/{id} · POST or PATCH /v1/subscription_configs/{id} (edit; only the fields sent)
import { apiRoute } from "@/lib/api/route";
import { withMerchant } from "@/lib/api/with-merchant";
import { db } from "@/lib/db/client";
import { updateSubscriptionConfigBody } from "@/lib/schemas/wallet";
import { scopeOf } from "@/lib/scope";
import { getSubscriptionConfigOrThrow } from "@/lib/wallet/get-wallet-objects";
import { updateSubscriptionConfig } from "@/lib/wallet/save-subscription-config";
import { subscriptionConfigJson } from "@/lib/wallet/wallet-json";

const update = withMerchant(
  async ({ auth, params, body }) =>
    Response.json(subscriptionConfigJson(await updateSubscriptionConfig(db(), scopeOf(auth), params.id, body))),
  { body: updateSubscriptionConfigBody },
);

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withMerchant(async ({ auth, params }) =>
    Response.json(subscriptionConfigJson(await getSubscriptionConfigOrThrow(db(), scopeOf(auth), params.id))),
  ),
  POST: update,
  PATCH: update,
});
