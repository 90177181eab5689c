// The shared merchant APIs: API keys, branding, event types, events, webhook endpoints and their
// deliveries, resend, rotate_secret and test.
import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { cursorListQuery } from "@/lib/pagination";
import { createApiKeyBody } from "@/lib/schemas/api-key";
// updateBrandingBody transforms: `logo` (a data: URL) becomes { contentType, bytes }; colours are upper-cased. The document shows the input.
import { updateBrandingBody } from "@/lib/schemas/branding";
// createWebhookEndpointBody / updateWebhookEndpointBody transform `events: ["*"]` into [] (every type) before checking the types.
import {
  createWebhookEndpointBody,
  listDeliveriesQuery,
  listEventsQuery,
  updateWebhookEndpointBody,
} from "@/lib/schemas/webhooks";
import { errors, responseHeaders } from "../common";
import {
  apiKeyListSchema,
  apiKeySchema,
  brandingSchema,
  createdApiKeySchema,
  deletedWebhookEndpointSchema,
  eventListSchema,
  eventSchema,
  eventTypeListSchema,
  webhookDeliveryListSchema,
  webhookDeliverySchema,
  webhookEndpointListSchema,
  webhookEndpointSchema,
  webhookEndpointWithSecretSchema,
} from "../responses/platform";
import { apiKeyOnly, apiKeyOrJwt, idempotencyOptional, idPath } from "./shared";

const keyTags = ["API keys"];
const webhookTags = ["Webhooks and events"];

const apiKeyId = idPath(
  "An API key id (`key_…`) of the caller's merchant and mode; anything else is a 404.",
  "key_01KJHF4SFHW93DY4BVF227F33V",
);
const eventId = idPath("An event id (`evt_…`).", "evt_01KJHF4SFHW93DY4BVF227F33V");
const endpointId = idPath(
  "A webhook endpoint id (`whep_…`); a malformed, foreign or other-mode id is a 404.",
  "whep_01KJHF4SFHW93DY4BVF227F33V",
);
const deliveryPath = z.object({
  id: z
    .string()
    .meta({ description: "The webhook endpoint id (`whep_…`).", example: "whep_01KJHF4SFHW93DY4BVF227F33V" }),
  deliveryId: z.string().meta({
    description: "A delivery id (`whd_…`) of that endpoint; a delivery of another endpoint is a 404.",
    example: "whd_01KJHF4SFHW93DY4BVF227F33V",
  }),
});

const json = <Schema extends z.ZodType>(schema: Schema) => ({ "application/json": { schema } });

export const platformPaths: ZodOpenApiPathsObject = {
  // ── API keys ──────────────────────────────────────────────────────────
  "/api/v1/api_keys": {
    get: {
      operationId: "listApiKeys",
      summary: "List API keys",
      description: "The keys of the caller's merchant and mode, revoked ones included, newest first.",
      tags: keyTags,
      security: apiKeyOnly,
      requestParams: { query: cursorListQuery },
      responses: {
        "200": { description: "A page of keys.", headers: responseHeaders, content: json(apiKeyListSchema) },
        ...errors(400, 401, 429, 500),
      },
    },
    post: {
      operationId: "createApiKey",
      summary: "Create an API key",
      description:
        "A key of the caller's mode (a test key never mints a live one). The secret is in this answer only: an idempotent replay of a success is a 409 idempotency_replay_unavailable.",
      tags: keyTags,
      security: apiKeyOnly,
      requestParams: { header: idempotencyOptional },
      requestBody: { required: false, content: json(createApiKeyBody) },
      responses: {
        "201": {
          description: "The new key with its secret.",
          headers: responseHeaders,
          content: json(createdApiKeySchema),
        },
        ...errors(400, 401, 409, 413, 415, 422, 429, 500),
      },
    },
  },
  "/api/v1/api_keys/{id}": {
    get: {
      operationId: "getApiKey",
      summary: "Retrieve an API key",
      tags: keyTags,
      security: apiKeyOnly,
      requestParams: { path: apiKeyId },
      responses: {
        "200": { description: "The key.", headers: responseHeaders, content: json(apiKeySchema) },
        ...errors(401, 404, 429, 500),
      },
    },
    delete: {
      operationId: "revokeApiKey",
      summary: "Revoke an API key",
      description:
        "Revoking twice keeps the first time. A key may revoke itself (its next request is a 401). Its JWTs stop working too.",
      tags: keyTags,
      security: apiKeyOnly,
      requestParams: { path: apiKeyId },
      responses: {
        "200": {
          description: "The revoked key (revoked_at set).",
          headers: responseHeaders,
          content: json(apiKeySchema),
        },
        ...errors(401, 404, 429, 500),
      },
    },
  },

  // ── Branding ──────────────────────────────────────────────────────────
  "/api/v1/branding": {
    get: {
      operationId: "getBranding",
      summary: "Retrieve the hosted pages' branding",
      tags: ["Branding"],
      security: apiKeyOnly,
      responses: {
        "200": {
          description: "The branding (one set for both modes).",
          headers: responseHeaders,
          content: json(brandingSchema),
        },
        ...errors(401, 404, 429, 500),
      },
    },
    patch: {
      operationId: "updateBranding",
      summary: "Change the hosted pages' branding",
      description:
        "Every field is optional; null resets it to Tillpoint's default; unknown fields are refused. `logo` is a data: URL of a PNG, JPEG or WebP image of at most 512 KB. " +
        "A body larger than a logo of that size allows is a 400 on `logo` (not a 413).",
      tags: ["Branding"],
      security: apiKeyOnly,
      requestBody: { required: false, content: json(updateBrandingBody) },
      responses: {
        "200": {
          description: "The branding after the change.",
          headers: responseHeaders,
          content: json(brandingSchema),
        },
        ...errors(400, 401, 404, 415, 429, 500),
      },
    },
  },

  // ── Event types and events ────────────────────────────────────────────
  "/api/v1/event_types": {
    get: {
      operationId: "listEventTypes",
      summary: "List event types",
      description: "Every event type an endpoint can subscribe to, with what it means.",
      tags: webhookTags,
      security: apiKeyOrJwt,
      responses: {
        "200": { description: "Every event type.", headers: responseHeaders, content: json(eventTypeListSchema) },
        ...errors(401, 429, 500),
      },
    },
  },
  "/api/v1/events": {
    get: {
      operationId: "listEvents",
      summary: "List events",
      description:
        "Every event of the caller's merchant and mode, as receivers get it. Newest first with `cursor`; oldest first from just after an event with `after` (then `next_cursor` is the next `after`). " +
        "`cursor` and `after` together are a 400.",
      tags: webhookTags,
      security: apiKeyOrJwt,
      requestParams: { query: listEventsQuery },
      responses: {
        "200": { description: "A page of events.", headers: responseHeaders, content: json(eventListSchema) },
        ...errors(400, 401, 429, 500),
      },
    },
  },
  "/api/v1/events/{id}": {
    get: {
      operationId: "getEvent",
      summary: "Retrieve an event",
      tags: webhookTags,
      security: apiKeyOrJwt,
      requestParams: { path: eventId },
      responses: {
        "200": {
          description: "The event, exactly as it was sent.",
          headers: responseHeaders,
          content: json(eventSchema),
        },
        ...errors(401, 404, 429, 500),
      },
    },
  },

  // ── Webhook endpoints ─────────────────────────────────────────────────
  "/api/v1/webhooks": {
    get: {
      operationId: "listWebhookEndpoints",
      summary: "List webhook endpoints",
      tags: webhookTags,
      security: apiKeyOrJwt,
      requestParams: { query: cursorListQuery },
      responses: {
        "200": {
          description: "A page of endpoints, newest first.",
          headers: responseHeaders,
          content: json(webhookEndpointListSchema),
        },
        ...errors(400, 401, 429, 500),
      },
    },
    post: {
      operationId: "createWebhookEndpoint",
      summary: "Create a webhook endpoint",
      description:
        "At most 16 endpoints per merchant and mode (more is a 400 limit_reached). A live endpoint must be a public https: URL. " +
        "The signing secret is in this answer only: an idempotent replay of a success is a 409 idempotency_replay_unavailable.",
      tags: webhookTags,
      security: apiKeyOrJwt,
      requestParams: { header: idempotencyOptional },
      requestBody: { required: true, content: json(createWebhookEndpointBody) },
      responses: {
        "201": {
          description: "The new endpoint with its signing secret.",
          headers: responseHeaders,
          content: json(webhookEndpointWithSecretSchema),
        },
        ...errors(400, 401, 409, 413, 415, 422, 429, 500),
      },
    },
  },
  "/api/v1/webhooks/{id}": {
    get: {
      operationId: "getWebhookEndpoint",
      summary: "Retrieve a webhook endpoint",
      tags: webhookTags,
      security: apiKeyOrJwt,
      requestParams: { path: endpointId },
      responses: {
        "200": {
          description: "The endpoint (never its secret).",
          headers: responseHeaders,
          content: json(webhookEndpointSchema),
        },
        ...errors(401, 404, 429, 500),
      },
    },
    patch: {
      operationId: "updateWebhookEndpoint",
      summary: "Change a webhook endpoint",
      description:
        "url, events, description (null or empty clears it) and status. Re-enabling clears the failure record; pending deliveries resume.",
      tags: webhookTags,
      security: apiKeyOrJwt,
      requestParams: { path: endpointId },
      requestBody: { required: false, content: json(updateWebhookEndpointBody) },
      responses: {
        "200": {
          description: "The endpoint after the change.",
          headers: responseHeaders,
          content: json(webhookEndpointSchema),
        },
        ...errors(400, 401, 404, 413, 415, 429, 500),
      },
    },
    delete: {
      operationId: "deleteWebhookEndpoint",
      summary: "Delete a webhook endpoint",
      description: "Deletes the endpoint and its delivery log; events stay.",
      tags: webhookTags,
      security: apiKeyOrJwt,
      requestParams: { path: endpointId },
      responses: {
        "200": {
          description: "The endpoint is deleted.",
          headers: responseHeaders,
          content: json(deletedWebhookEndpointSchema),
        },
        ...errors(401, 404, 429, 500),
      },
    },
  },
  "/api/v1/webhooks/{id}/rotate_secret": {
    post: {
      operationId: "rotateWebhookSecret",
      summary: "Rotate an endpoint's signing secret",
      description:
        "A new secret, in this answer only; the old one also signs (a second signature) for 24 h. An idempotent replay of a success is a 409 idempotency_replay_unavailable.",
      tags: webhookTags,
      security: apiKeyOrJwt,
      requestParams: { path: endpointId, header: idempotencyOptional },
      responses: {
        "200": {
          description: "The endpoint with its new secret.",
          headers: responseHeaders,
          content: json(webhookEndpointWithSecretSchema),
        },
        ...errors(400, 401, 404, 409, 413, 415, 422, 429, 500),
      },
    },
  },
  "/api/v1/webhooks/{id}/test": {
    post: {
      operationId: "sendWebhookTestEvent",
      summary: "Send a test event to one endpoint",
      description:
        "A webhook_endpoint.test event, to this endpoint only whatever its filter, signed and retried like any other. A disabled endpoint is a 409 state_conflict.",
      tags: webhookTags,
      security: apiKeyOrJwt,
      requestParams: { path: endpointId, header: idempotencyOptional },
      responses: {
        "202": {
          description: "The test event's delivery, pending.",
          headers: responseHeaders,
          content: json(webhookDeliverySchema),
        },
        ...errors(400, 401, 404, 409, 413, 415, 422, 429, 500),
      },
    },
  },

  // ── Deliveries ────────────────────────────────────────────────────────
  "/api/v1/webhooks/{id}/deliveries": {
    get: {
      operationId: "listWebhookDeliveries",
      summary: "List an endpoint's deliveries",
      description: "Each event sent to this endpoint, with its attempts, newest first; `status` filters.",
      tags: webhookTags,
      security: apiKeyOrJwt,
      requestParams: { path: endpointId, query: listDeliveriesQuery },
      responses: {
        "200": {
          description: "A page of deliveries.",
          headers: responseHeaders,
          content: json(webhookDeliveryListSchema),
        },
        ...errors(400, 401, 404, 429, 500),
      },
    },
  },
  "/api/v1/webhooks/{id}/deliveries/{deliveryId}": {
    get: {
      operationId: "getWebhookDelivery",
      summary: "Retrieve a delivery",
      tags: webhookTags,
      security: apiKeyOrJwt,
      requestParams: { path: deliveryPath },
      responses: {
        "200": {
          description: "The delivery with its attempts.",
          headers: responseHeaders,
          content: json(webhookDeliverySchema),
        },
        ...errors(401, 404, 429, 500),
      },
    },
  },
  "/api/v1/webhooks/{id}/deliveries/{deliveryId}/resend": {
    post: {
      operationId: "resendWebhookDelivery",
      summary: "Re-send a delivery now",
      description:
        "Due now with a fresh retry window, whatever its state (a delivered one is sent once more with the same webhook-id). A disabled endpoint is a 409 state_conflict.",
      tags: webhookTags,
      security: apiKeyOrJwt,
      requestParams: { path: deliveryPath, header: idempotencyOptional },
      responses: {
        "202": {
          description: "The delivery, pending again.",
          headers: responseHeaders,
          content: json(webhookDeliverySchema),
        },
        ...errors(400, 401, 404, 409, 413, 415, 422, 429, 500),
      },
    },
  },
};
