// POST /api/hosted/card/{secret}/authenticate: the cardholder's answer to the 3-D Secure challenge

import { cardOutcomeResponse } from "@/lib/api/card-outcome-response";
import { apiRoute } from "@/lib/api/route";
import { withCheckoutSecret } from "@/lib/api/with-checkout-secret";
import { completeCardAuthentication } from "@/lib/card/complete-card-authentication";
import { db } from "@/lib/db/client";
import { parseInput } from "@/lib/errors";
import { cardAuthenticationBody } from "@/lib/schemas/card-session";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: withCheckoutSecret(async ({ secret, body, t }) =>
    cardOutcomeResponse(
      await completeCardAuthentication(db(), secret, parseInput(cardAuthenticationBody, body ?? {})),
      t,
    ),
  ),
});
