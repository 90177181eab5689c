// GET /api/v1/sessions/{id}/refunds · POST …/refunds: partial or full (Kadosei dialect; Idempotency-Key required)
import { apiRoute } from "@/lib/api/route";
import { withMerchant } from "@/lib/api/with-merchant";
import { cardRefundJson } from "@/lib/card/card-session-json";
import { getCardSessionOrThrow } from "@/lib/card/get-card-sessions";
import { refundCardSession } from "@/lib/card/refund-card-session";
import { db } from "@/lib/db/client";
import { createCardRefundBody } from "@/lib/schemas/card-session";
import { scopeOf } from "@/lib/scope";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withMerchant(
    async ({ auth, params }) => {
      const session = await getCardSessionOrThrow(db(), scopeOf(auth), params.id);
      return Response.json({ data: session.refunds.map(cardRefundJson) });
    },
    { jwt: true },
  ),
  POST: withMerchant(
    async ({ auth, params, body, idempotencyKey }) => {
      const refund = await refundCardSession(db(), scopeOf(auth), params.id, body.amount, idempotencyKey);
      return Response.json(cardRefundJson(refund), { status: 201 });
    },
    { body: createCardRefundBody, idempotencyKey: "required", jwt: true },
  ),
});
