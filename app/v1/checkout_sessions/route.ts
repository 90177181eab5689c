// GET /v1/checkout_sessions (newest first, filter reference_id) · POST /v1/checkout_sessions
import { cursorList } from "@/lib/api/pagination";
import { apiRoute } from "@/lib/api/route";
import { withMerchant } from "@/lib/api/with-merchant";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { fetchPage } from "@/lib/pagination";
import { createCheckoutSessionBody, listCheckoutSessionsQuery } from "@/lib/schemas/wallet";
import { scopeOf } from "@/lib/scope";
import { createCheckoutSession } from "@/lib/wallet/create-checkout-session";
import { listCheckoutSessions } from "@/lib/wallet/list-wallet-objects";
import { type CheckoutSessionRow, checkoutSessionJson } from "@/lib/wallet/wallet-json";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withMerchant(
    async ({ auth, query }) => {
      const page = await fetchPage(query.limit, query.cursor, ({ take, before }) =>
        listCheckoutSessions(db(), scopeOf(auth), { take, before, referenceId: query.reference_id }),
      );
      const base = env().publicBaseUrl;
      return Response.json(
        cursorList(
          page.data.map((session) => checkoutSessionJson(session, base)),
          page.lastId,
        ),
      );
    },
    { query: listCheckoutSessionsQuery },
  ),
  POST: withMerchant(
    ({ auth, body, answerWithWrite }) =>
      answerWithWrite(
        (session: CheckoutSessionRow) => ({ status: 201, json: checkoutSessionJson(session, env().publicBaseUrl) }),
        (guard) => createCheckoutSession(db(), scopeOf(auth), body, { guard }),
      ),
    { body: createCheckoutSessionBody, claimInWrite: true },
  ),
});
