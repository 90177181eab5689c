// GET /v1/meters (newest first) · POST /v1/meters (ours: the dialect's API reads meters, its dashboard makes them)
import { cursorList } from "@/lib/api/pagination";
import { apiRoute } from "@/lib/api/route";
import { withMerchant } from "@/lib/api/with-merchant";
import { db } from "@/lib/db/client";
import { fetchPage } from "@/lib/pagination";
import { createMeterBody, listMetersQuery } from "@/lib/schemas/wallet";
import { scopeOf } from "@/lib/scope";
import { listMeters } from "@/lib/wallet/list-wallet-objects";
import { createMeter } from "@/lib/wallet/save-meter";
import { meterJson } from "@/lib/wallet/wallet-json";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withMerchant(
    async ({ auth, query }) => {
      const page = await fetchPage(query.limit, query.cursor, ({ take, before }) =>
        listMeters(db(), scopeOf(auth), { take, before }),
      );
      return Response.json(cursorList(page.data.map(meterJson), page.lastId));
    },
    { query: listMetersQuery },
  ),
  POST: withMerchant(
    async ({ auth, body }) => Response.json(meterJson(await createMeter(db(), scopeOf(auth), body)), { status: 201 }),
    { body: createMeterBody },
  ),
});
