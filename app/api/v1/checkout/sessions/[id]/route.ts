// GET /api/v1/checkout/sessions/{id}
import { apiRoute } from "@/lib/api/route";
import { withMerchant } from "@/lib/api/with-merchant";
import { cryptoSessionJson } from "@/lib/crypto/crypto-json";
import { readCryptoSessionOrThrow } from "@/lib/crypto/get-crypto-sessions";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { scopeOf } from "@/lib/scope";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withMerchant(async ({ auth, params }) =>
    Response.json(
      cryptoSessionJson(await readCryptoSessionOrThrow(db(), scopeOf(auth), params.id), env().publicBaseUrl),
    ),
  ),
});
