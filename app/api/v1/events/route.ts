// GET /api/v1/events (newest first; ?type=, ?object_id=; ?after=<evt_…> oldest first): every event, as receivers get it
import { cursorList } from "@/lib/api/pagination";
import { apiRoute } from "@/lib/api/route";
import { withMerchant } from "@/lib/api/with-merchant";
import { db } from "@/lib/db/client";
import { fetchPage } from "@/lib/pagination";
import { listEventsQuery } from "@/lib/schemas/webhooks";
import { scopeOf } from "@/lib/scope";
import { listEvents } from "@/lib/webhooks/get-webhook-objects";
import { eventJson } from "@/lib/webhooks/webhook-json";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withMerchant(
    async ({ auth, query }) => {
      const page = await fetchPage(query.limit, query.cursor, ({ take, before }) =>
        listEvents(db(), scopeOf(auth), {
          take,
          before,
          after: query.after,
          type: query.type,
          objectId: query.object_id,
        }),
      );
      return Response.json(cursorList(page.data.map(eventJson), page.lastId));
    },
    { query: listEventsQuery, jwt: true },
  ),
});
