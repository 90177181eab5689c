// POST /api/hosted/wallet/{secret}: the hosted wallet form pays its session.
import { apiRoute } from "@/lib/api/route";
import { withCheckoutSecret } from "@/lib/api/with-checkout-secret";
import { db } from "@/lib/db/client";
import { completeWalletCheckout } from "@/lib/wallet/complete-wallet-checkout";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  POST: withCheckoutSecret(async ({ secret, body }) => {
    // No body means no fields (a credit bundle form has none); a JSON null is a wrong body, as everywhere.
    const result = await completeWalletCheckout(db(), secret, body === undefined ? {} : body);
    if (result.status === "processing") {
      // The provider did not answer: the page shows the payment being confirmed until the reconciler knows.
      return Response.json({ status: "processing", checkout_session_id: result.checkoutSessionId }, { status: 202 });
    }
    return Response.json({
      status: "completed",
      checkout_session_id: result.checkoutSessionId,
      connection_id: result.connectionId,
    });
  }),
});
