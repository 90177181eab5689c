import { z } from "zod";
import { EVENT_TYPE_NAMES } from "@/lib/event-types";
import { cursorListQuery } from "@/lib/pagination";
import { redirectUrlSchema } from "./redirect-url";

// The webhooks API (contract "Webhooks"). The URL has the shape of any URL we call or send
// a customer to (https:, or http://localhost in test mode); the address rules
// (no private networks, no localhost in live mode) are checked with the mode
// in lib/webhooks/webhook-target.ts.

const eventTypeList = z
  .array(z.enum(EVENT_TYPE_NAMES, { error: "is not an event type Tillpoint sends (see GET /api/v1/event_types)" }))
  .max(EVENT_TYPE_NAMES.length)
  .refine((types) => new Set(types).size === types.length, "must not repeat an event type");

/**
 * `["*"]` (stored as an empty list) or an absent list means every event type.
 * An explicit empty list is refused: it would read as "nothing" but mean "everything".
 */
const eventsField = z
  .array(z.string(), { error: "must be a list of event types" })
  .min(1, 'must list at least one event type, or ["*"] for every type')
  .transform((types) => (types.length === 1 && types[0] === "*" ? [] : types))
  .pipe(eventTypeList);

const description = z.string().trim().max(500, "must have at most 500 characters");

export const createWebhookEndpointBody = z.strictObject({
  url: redirectUrlSchema,
  events: eventsField.optional(),
  description: description.optional(),
});
export type CreateWebhookEndpointBody = z.infer<typeof createWebhookEndpointBody>;

export const updateWebhookEndpointBody = z.strictObject({
  url: redirectUrlSchema.optional(),
  events: eventsField.optional(),
  description: description.nullable().optional(),
  // Re-enabling clears the failure record; pending deliveries resume.
  status: z.enum(["enabled", "disabled"]).optional(),
});
export type UpdateWebhookEndpointBody = z.infer<typeof updateWebhookEndpointBody>;

export const listEventsQuery = cursorListQuery
  .extend({
    type: z.enum(EVENT_TYPE_NAMES).optional(),
    object_id: z.string().min(1).max(100).optional(),
    // Oldest first, from just after this event id (`tillpoint listen`); next_cursor is the next `after`.
    after: z.string().min(1).max(100).optional(),
  })
  .refine((query) => !(query.after && query.cursor), {
    message: "use either cursor (newest first) or after (oldest first), not both",
    path: ["after"],
  });

export const listDeliveriesQuery = cursorListQuery.extend({
  status: z.enum(["pending", "delivered", "failed"]).optional(),
});
