import { type CloseTarget, closeCryptoSession } from "@/lib/crypto/close-crypto-session";
import { db } from "@/lib/db/client";
import { scopeOf } from "@/lib/scope";
import { apiRoute } from "./route";
import { withMerchant } from "./with-merchant";

/** POST /api/v1/checkout/{id}/expire and /cancel: 201 with no body, as the WeWire dialect answers. */
export const closeCryptoSessionRoute = (target: CloseTarget) =>
  apiRoute({
    POST: withMerchant(async ({ auth, params }) => {
      await closeCryptoSession(db(), scopeOf(auth), params.id, target);
      return new Response(null, { status: 201 });
    }),
  });
