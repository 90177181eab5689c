// GET /v1/credit_bundles/{id} · POST or PATCH /v1/credit_bundles/{id} (edit; only the fields sent)
import { apiRoute } from "@/lib/api/route";
import { withMerchant } from "@/lib/api/with-merchant";
import { db } from "@/lib/db/client";
import { updateCreditBundleBody } from "@/lib/schemas/wallet";
import { scopeOf } from "@/lib/scope";
import { getCreditBundleOrThrow } from "@/lib/wallet/get-wallet-objects";
import { updateCreditBundle } from "@/lib/wallet/save-credit-bundle";
import { creditBundleJson } from "@/lib/wallet/wallet-json";

const update = withMerchant(
  async ({ auth, params, body }) =>
    Response.json(creditBundleJson(await updateCreditBundle(db(), scopeOf(auth), params.id, body))),
  { body: updateCreditBundleBody },
);

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withMerchant(async ({ auth, params }) =>
    Response.json(creditBundleJson(await getCreditBundleOrThrow(db(), scopeOf(auth), params.id))),
  ),
  POST: update,
  PATCH: update,
});
