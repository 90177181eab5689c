// GET|PUT /api/v1/crypto/settings: the merchant's extended public key for this mode (deposit addresses derive from it).
import { apiRoute } from "@/lib/api/route";
import { withMerchant } from "@/lib/api/with-merchant";
import { cryptoSettings, updateCryptoSettings } from "@/lib/crypto/crypto-settings";
import { db } from "@/lib/db/client";
import { cryptoSettingsBody } from "@/lib/schemas/crypto";
import { scopeOf } from "@/lib/scope";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withMerchant(async ({ auth }) => Response.json(await cryptoSettings(db(), scopeOf(auth)))),
  PUT: withMerchant(async ({ auth, body }) => Response.json(await updateCryptoSettings(db(), scopeOf(auth), body)), {
    body: cryptoSettingsBody,
  }),
});
