// POST /api/hosted/crypto/{secret}/asset {asset}: the customer picks an asset; its rate is locked.

import { apiRoute } from "@/lib/api/route";
import { withCheckoutSecret } from "@/lib/api/with-checkout-secret";
import { chooseHostedCryptoAsset } from "@/lib/crypto/hosted-crypto-actions";
import { hostedCryptoState } from "@/lib/crypto/hosted-crypto-state";
import { db } from "@/lib/db/client";
import { parseInput } from "@/lib/errors";
import { chooseAssetBody } from "@/lib/schemas/crypto";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: withCheckoutSecret(async ({ secret, body }) => {
    const { asset } = parseInput(chooseAssetBody, body === undefined ? {} : body);
    return Response.json(hostedCryptoState(await chooseHostedCryptoAsset(db(), secret, asset)));
  }),
});
