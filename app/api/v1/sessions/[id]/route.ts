// GET /api/v1/sessions/{id}: status polling, attempts and routing explained (Kadosei dialect)
import { apiRoute } from "@/lib/api/route";
import { withMerchant } from "@/lib/api/with-merchant";
import { cardSessionJson } from "@/lib/card/card-session-json";
import { readCardSessionOrThrow } from "@/lib/card/get-card-sessions";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { scopeOf } from "@/lib/scope";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withMerchant(
    async ({ auth, params }) =>
      Response.json(cardSessionJson(await readCardSessionOrThrow(db(), scopeOf(auth), params.id), env().publicBaseUrl)),
    { jwt: true },
  ),
});
