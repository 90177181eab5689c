// POST /api/hosted/crypto/{secret}/simulate {kind: full|partial|over}: test mode only, for demos.

import { apiRoute } from "@/lib/api/route";
import { withCheckoutSecret } from "@/lib/api/with-checkout-secret";
import { simulateHostedCryptoPayment } from "@/lib/crypto/hosted-crypto-actions";
import { hostedCryptoState } from "@/lib/crypto/hosted-crypto-state";
import { db } from "@/lib/db/client";
import { parseInput } from "@/lib/errors";
import { simulatePaymentBody } from "@/lib/schemas/crypto";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: withCheckoutSecret(async ({ secret, body }) => {
    const { kind } = parseInput(simulatePaymentBody, body === undefined ? {} : body);
    return Response.json(hostedCryptoState(await simulateHostedCryptoPayment(db(), secret, kind)));
  }),
});
