// GET /api/v1/event_types: every event type an endpoint can subscribe to, with what it means
import { apiRoute } from "@/lib/api/route";
import { withMerchant } from "@/lib/api/with-merchant";
import { EVENT_TYPES } from "@/lib/event-types";

export const { GET, POST, PUT, PATCH, DELETE } = apiRoute({
  GET: withMerchant(
    async () =>
      Response.json({ data: Object.entries(EVENT_TYPES).map(([type, description]) => ({ type, description })) }),
    { jwt: true },
  ),
});
