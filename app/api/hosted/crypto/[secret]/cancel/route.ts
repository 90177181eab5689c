// POST /api/hosted/crypto/{secret}/cancel: the customer gives up; the page then goes to cancelUrl.
import { apiRoute } from "@/lib/api/route";
import { withCheckoutSecret } from "@/lib/api/with-checkout-secret";
import { cancelHostedCryptoSession } from "@/lib/crypto/hosted-crypto-actions";
import { db } from "@/lib/db/client";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: withCheckoutSecret(async ({ secret }) => {
    const session = await cancelHostedCryptoSession(db(), secret);
    return Response.json({ status: "canceled", redirectUrl: session.cancelUrl });
  }),
});
