// GET /v1/credit_bundles (filter subscription_config_id) · POST /v1/credit_bundles (a credit pack for a plan's subscribers)
import { cursorList } from "@/lib/api/pagination";
import { apiRoute } from "@/lib/api/route";
import { withMerchant } from "@/lib/api/with-merchant";
import { db } from "@/lib/db/client";
import { fetchPage } from "@/lib/pagination";
import { createCreditBundleBody, listCreditBundlesQuery } from "@/lib/schemas/wallet";
import { scopeOf } from "@/lib/scope";
import { listCreditBundles } from "@/lib/wallet/list-wallet-objects";
import { createCreditBundle } from "@/lib/wallet/save-credit-bundle";
import { creditBundleJson } from "@/lib/wallet/wallet-json";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withMerchant(
    async ({ auth, query }) => {
      const page = await fetchPage(query.limit, query.cursor, ({ take, before }) =>
        listCreditBundles(db(), scopeOf(auth), { take, before, subscriptionConfigId: query.subscription_config_id }),
      );
      return Response.json(cursorList(page.data.map(creditBundleJson), page.lastId));
    },
    { query: listCreditBundlesQuery },
  ),
  POST: withMerchant(
    async ({ auth, body }) => {
      const bundle = await createCreditBundle(db(), scopeOf(auth), body);
      return Response.json(creditBundleJson(bundle), { status: 201 });
    },
    { body: createCreditBundleBody },
  ),
});
