// GET /api/v1/checkout (bare array, newest first, Link header) · POST /api/v1/checkout (WeWire dialect)
import { nextLinkHeader } from "@/lib/api/pagination";
import { apiRoute } from "@/lib/api/route";
import { withMerchant } from "@/lib/api/with-merchant";
import { createCryptoSession } from "@/lib/crypto/create-crypto-session";
import { cryptoSessionJson } from "@/lib/crypto/crypto-json";
import { listCryptoSessions } from "@/lib/crypto/get-crypto-sessions";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { fetchPage } from "@/lib/pagination";
import { createCryptoCheckoutBody, listCryptoCheckoutQuery } from "@/lib/schemas/crypto";
import { scopeOf } from "@/lib/scope";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withMerchant(
    async ({ auth, query, request }) => {
      const page = await fetchPage(query.limit, query.starting_after, ({ take, before }) =>
        listCryptoSessions(db(), scopeOf(auth), { take, before }),
      );
      const base = env().publicBaseUrl;
      const link = nextLinkHeader(base, request.url, query.limit, page.lastId);
      return Response.json(
        page.data.map((row) => cryptoSessionJson(row, base)),
        { headers: link ? { Link: link } : {} },
      );
    },
    { query: listCryptoCheckoutQuery },
  ),
  // The original API answers 200 (not 201) with the session.
  POST: withMerchant(
    // The key is claimed before the create (not in its INSERT): a replay must not take a deposit index.
    async ({ auth, body }) => {
      const row = await createCryptoSession(db(), scopeOf(auth), body);
      return Response.json(cryptoSessionJson(row, env().publicBaseUrl));
    },
    { body: createCryptoCheckoutBody },
  ),
});
