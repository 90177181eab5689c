// POST /api/hosted/card/{secret}/pay: the hosted card page pays its session (one attempt, with cascade)

import { cardOutcomeResponse } from "@/lib/api/card-outcome-response";
import { ApiError } from "@/lib/api/errors";
import { apiRoute } from "@/lib/api/route";
import { withCheckoutSecret } from "@/lib/api/with-checkout-secret";
import { payCardSession } from "@/lib/card/pay-card-session";
import { db } from "@/lib/db/client";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: withCheckoutSecret(async ({ secret, body, t }) => {
    if (body === undefined) throw new ApiError("parameter_missing", "card is required", { param: "card" });
    return cardOutcomeResponse(await payCardSession(db(), secret, body), t);
  }),
});
