// GET|PATCH /api/v1/branding: how the merchant's hosted pages look (and their default language).
import { ApiError } from "@/lib/api/errors";
import { apiRoute } from "@/lib/api/route";
import { withMerchant } from "@/lib/api/with-merchant";
import { brandingJson, getBranding, updateBranding } from "@/lib/branding/branding";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { LOGO_MAX_BYTES, updateBrandingBody } from "@/lib/schemas/branding";
import { scopeOf } from "@/lib/scope";

// A logo of 512 KB is about 700 KB as base64, and every other field is short: a body past
// this is a logo too large (refused as the logo's, before it is read whole) or fields we refuse anyway.
const BODY_LIMIT = {
  bytes: Math.ceil((LOGO_MAX_BYTES * 4) / 3) + 16 * 1024,
  tooLarge: () =>
    new ApiError(
      "parameter_invalid",
      `logo: must be at most ${LOGO_MAX_BYTES / 1024} KB (the body is larger than a logo of that size makes it)`,
      { param: "logo" },
    ),
};

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withMerchant(async ({ auth }) =>
    Response.json(brandingJson(await getBranding(db(), scopeOf(auth)), env().publicBaseUrl)),
  ),
  PATCH: withMerchant(
    async ({ auth, body }) =>
      Response.json(brandingJson(await updateBranding(db(), scopeOf(auth), body), env().publicBaseUrl)),
    { body: updateBrandingBody, bodyLimit: BODY_LIMIT },
  ),
});
