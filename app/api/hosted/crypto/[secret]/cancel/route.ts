// POST /api/hosted/crypto/{secret}/cancel: the customer gives up; the page then goes to cancelUrl.
import { apiRoute } from "@/lib/api/route";
import { withCheckoutSecret } from "@/lib/api/with-checkout-secret";
import { closeCryptoSession } from "@/lib/crypto/close-crypto-session";
import { getHostedCryptoCheckoutOrThrow } from "@/lib/crypto/get-hosted-crypto-checkout";
import { db } from "@/lib/db/client";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: withCheckoutSecret(async ({ secret }) => {
    const session = await getHostedCryptoCheckoutOrThrow(db(), secret);
    await closeCryptoSession(db(), { merchantId: session.merchantId, mode: session.mode }, session.id, "canceled");
    return Response.json({ status: "canceled", redirectUrl: session.cancelUrl });
  }),
});
