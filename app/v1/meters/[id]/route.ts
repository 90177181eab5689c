// GET /v1/meters/{id} · POST or PATCH /v1/meters/{id} (ours: edit; only the fields sent)
import { apiRoute } from "@/lib/api/route";
import { withMerchant } from "@/lib/api/with-merchant";
import { db } from "@/lib/db/client";
import { updateMeterBody } from "@/lib/schemas/wallet";
import { scopeOf } from "@/lib/scope";
import { getMeterOrThrow } from "@/lib/wallet/get-wallet-objects";
import { updateMeter } from "@/lib/wallet/save-meter";
import { meterJson } from "@/lib/wallet/wallet-json";

const update = withMerchant(
  async ({ auth, params, body }) => Response.json(meterJson(await updateMeter(db(), scopeOf(auth), params.id, body))),
  { body: updateMeterBody },
);

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withMerchant(async ({ auth, params }) =>
    Response.json(meterJson(await getMeterOrThrow(db(), scopeOf(auth), params.id))),
  ),
  POST: update,
  PATCH: update,
});
