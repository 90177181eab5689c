// POST /api/hosted/wallet/{secret}: the hosted wallet form pays its session.
// The client secret is the credential: it pays this one session and nothing else.
import { errorResponse } from "@/lib/api/errors";
import { readJsonBody } from "@/lib/api/request-body";
import { requestIdOf } from "@/lib/api/request-id";
import { apiRoute } from "@/lib/api/route";
import { db } from "@/lib/db/client";
import { completeWalletCheckout } from "@/lib/wallet/complete-wallet-checkout";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: async (request, { params }) => {
    const requestId = requestIdOf(request);
    try {
      const { secret } = (await params) as { secret: string };
      // No body means no fields (a credit bundle form has none); a JSON null is a wrong body, as everywhere.
      const raw = await readJsonBody(request);
      const result = await completeWalletCheckout(db(), secret, raw === undefined ? {} : raw);
      return Response.json(
        { status: "completed", checkout_session_id: result.checkoutSessionId, connection_id: result.connectionId },
        { headers: { "Cache-Control": "no-store" } },
      );
    } catch (error) {
      return errorResponse(error, requestId);
    }
  },
});
