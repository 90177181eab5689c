// POST /api/v1/auth/token: an API key → a short-lived JWT for the card sessions API (Kadosei dialect)
import { apiRoute } from "@/lib/api/route";
import { withMerchant } from "@/lib/api/with-merchant";
import { db } from "@/lib/db/client";
import { issueAuthToken } from "@/lib/merchants/auth-token";
import { authTokenBody } from "@/lib/schemas/card-session";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: withMerchant(async ({ auth, body }) => Response.json(await issueAuthToken(db(), auth, body.expiresIn)), {
    body: authTokenBody,
    mintsSecret: true,
  }),
});
