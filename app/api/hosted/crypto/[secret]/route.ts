// GET /api/hosted/crypto/{secret}: the hosted crypto page polls its session's status here.
import { apiRoute } from "@/lib/api/route";
import { withCheckoutSecret } from "@/lib/api/with-checkout-secret";
import { getHostedCryptoCheckoutOrThrow } from "@/lib/crypto/get-hosted-crypto-checkout";
import { hostedCryptoState } from "@/lib/crypto/hosted-crypto-state";
import { db } from "@/lib/db/client";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withCheckoutSecret(async ({ secret }) =>
    Response.json(hostedCryptoState(await getHostedCryptoCheckoutOrThrow(db(), secret))),
  ),
});
