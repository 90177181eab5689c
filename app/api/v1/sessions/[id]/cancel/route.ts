// POST /api/v1/sessions/{id}/cancel: PENDING → CANCELLED (Kadosei dialect)
import { apiRoute } from "@/lib/api/route";
import { withMerchant } from "@/lib/api/with-merchant";
import { cardSessionJson } from "@/lib/card/card-session-json";
import { cancelCardSession } from "@/lib/card/close-card-session";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { scopeOf } from "@/lib/scope";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: withMerchant(
    async ({ auth, params }) => {
      const session = await cancelCardSession(db(), scopeOf(auth), params.id);
      return Response.json(cardSessionJson(session, env().publicBaseUrl));
    },
    { jwt: true },
  ),
});
