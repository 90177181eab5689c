// GET /v1/usage: metered requests summed per UTC day between start and end, with the requests' filters
import { apiRoute } from "@/lib/api/route";
import { withMerchant } from "@/lib/api/with-merchant";
import { db } from "@/lib/db/client";
import { usageQuery } from "@/lib/schemas/wallet";
import { scopeOf } from "@/lib/scope";
import { requestFiltersOf } from "@/lib/wallet/list-wallet-objects";
import { usage } from "@/lib/wallet/usage";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withMerchant(
    async ({ auth, query }) => {
      // One instant for "now": a range that ends now reads today from its daily sums.
      const now = new Date();
      const range = { start: query.start, end: query.end ?? now };
      return Response.json(await usage(db(), scopeOf(auth), range, requestFiltersOf(query), now));
    },
    { query: usageQuery },
  ),
});
