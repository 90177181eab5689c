// POST /api/v1/sessions/{id}/cancel: PENDING → CANCELLED (Kadosei dialect)
import { apiRoute } from "@/lib/api/route";
import { withMerchant } from "@/lib/api/with-merchant";
import { cardSessionJson } from "@/lib/card/card-session-json";
import { cancelCardSession } from "@/lib/card/close-card-session";
import { getCardSessionOrThrow } from "@/lib/card/get-card-sessions";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { scopeOf } from "@/lib/merchants/scope";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: withMerchant(
    async ({ auth, params }) => {
      const { id } = await getCardSessionOrThrow(db(), scopeOf(auth), params.id);
      await cancelCardSession(db(), id);
      return Response.json(cardSessionJson(await getCardSessionOrThrow(db(), scopeOf(auth), id), env().publicBaseUrl));
    },
    { jwt: true },
  ),
});
