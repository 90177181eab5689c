// GET /api/v1/sessions (page, limit, status) · POST /api/v1/sessions (Kadosei dialect; Idempotency-Key required)
import { pageList } from "@/lib/api/pagination";
import { apiRoute } from "@/lib/api/route";
import { withMerchant } from "@/lib/api/with-merchant";
import { type CardSessionFields, cardSessionJson, createdCardSessionJson } from "@/lib/card/card-session-json";
import { createCardSession } from "@/lib/card/create-card-session";
import { listCardSessions } from "@/lib/card/get-card-sessions";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { createCardSessionBody, listCardSessionsQuery } from "@/lib/schemas/card-session";
import { scopeOf } from "@/lib/scope";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withMerchant(
    async ({ auth, query }) => {
      const { rows, total, totalExact } = await listCardSessions(db(), scopeOf(auth), query);
      const base = env().publicBaseUrl;
      return Response.json({
        ...pageList(
          rows.map((row) => cardSessionJson(row, base)),
          query.page,
          query.limit,
          total,
        ),
        total_exact: totalExact,
      });
    },
    { query: listCardSessionsQuery, jwt: true },
  ),
  POST: withMerchant(
    ({ auth, body, answerWithWrite }) =>
      answerWithWrite(
        (row: CardSessionFields) => ({ status: 201, json: createdCardSessionJson(row, env().publicBaseUrl) }),
        (guard) => createCardSession(db(), scopeOf(auth), body, { guard }),
      ),
    { body: createCardSessionBody, idempotencyKey: "required", jwt: true, claimInWrite: true },
  ),
});
