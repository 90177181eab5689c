// The card payment sessions API (Kadosei dialect): app/api/v1/sessions*, app/api/v1/auth/token,
// app/api/v1/applications/[appId]/webhooks (Kadosei's spelling of /api/v1/webhooks).
import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { cursorListQuery } from "@/lib/pagination";
// createCardSessionBody transforms: every amount (major units) becomes minor units after a superRefine
// (decimals per currency; with orderItems, total = items + shipping + tax). The document shows the input.
import {
  authTokenBody,
  createCardRefundBody,
  createCardSessionBody,
  listCardSessionsQuery,
} from "@/lib/schemas/card-session";
// createWebhookEndpointBody transforms: `events: ["*"]` becomes [] (every type), then is checked against the event types.
import { createWebhookEndpointBody } from "@/lib/schemas/webhooks";
import { errors, responseHeaders } from "../common";
import {
  cardAuthTokenSchema,
  cardCreatedSessionSchema,
  cardRefundListSchema,
  cardRefundSchema,
  cardSessionPageSchema,
  cardSessionSchema,
} from "../responses/card";
import { webhookEndpointListSchema, webhookEndpointWithSecretSchema } from "../responses/platform";
import { apiKeyOnly, apiKeyOrJwt, idempotencyOptional, idempotencyRequired, idPath } from "./shared";

const tags = ["Card (Kadosei)"];
const sessionId = idPath(
  "The session's UUID (`sessionId`); a malformed, foreign or other-mode id is a 404.",
  "3f1c2b7e-9a4d-4c1e-8f2a-6b5d4e3c2a10",
);
const appId = z.object({
  appId: z.string().meta({
    description: "The application: the id of the merchant the credential belongs to (`mer_…`). Any other id is a 404.",
    example: "mer_01KJHF4SFHW93DY4BVF227F33V",
  }),
});

export const cardPaths: ZodOpenApiPathsObject = {
  "/api/v1/auth/token": {
    post: {
      operationId: "cardCreateAuthToken",
      summary: "Exchange an API key for a short-lived JWT",
      description:
        "The token (HS256, at most an hour) is accepted by the card sessions, events and webhooks APIs; revoking its API key revokes it. " +
        "Takes the API key itself (a JWT here is a 401). The answer holds a secret, so an idempotent replay of a success is a 409 idempotency_replay_unavailable.",
      tags,
      security: apiKeyOnly,
      requestParams: { header: idempotencyOptional },
      requestBody: { required: false, content: { "application/json": { schema: authTokenBody } } },
      responses: {
        "200": {
          description: "The token.",
          headers: responseHeaders,
          content: { "application/json": { schema: cardAuthTokenSchema } },
        },
        ...errors(400, 401, 409, 413, 415, 422, 429, 500),
      },
    },
  },
  "/api/v1/sessions": {
    get: {
      operationId: "cardListSessions",
      summary: "List card sessions",
      description:
        "Newest first, by page (`{data, page, limit, total}`); `status` filters by the status a reader sees now (an overdue idle session counts as EXPIRED).",
      tags,
      security: apiKeyOrJwt,
      requestParams: { query: listCardSessionsQuery },
      responses: {
        "200": {
          description: "One page of sessions.",
          headers: responseHeaders,
          content: { "application/json": { schema: cardSessionPageSchema } },
        },
        ...errors(400, 401, 429, 500),
      },
    },
    post: {
      operationId: "cardCreateSession",
      summary: "Create a card payment session",
      description:
        "Routes the payment to a provider and answers the hosted checkout URL. Requires an Idempotency-Key. " +
        "400 when no provider of this server accepts the currency; 503 service_unavailable (Retry-After: 30) when every provider that does is failing.",
      tags,
      security: apiKeyOrJwt,
      requestParams: { header: idempotencyRequired },
      requestBody: { required: true, content: { "application/json": { schema: createCardSessionBody } } },
      responses: {
        "201": {
          description: "The new session (the original API's fields only).",
          headers: responseHeaders,
          content: { "application/json": { schema: cardCreatedSessionSchema } },
        },
        ...errors(400, 401, 409, 413, 415, 422, 429, 500, 503),
      },
    },
  },
  "/api/v1/sessions/{id}": {
    get: {
      operationId: "cardGetSession",
      summary: "Retrieve a card session",
      description: "Status polling, with every attempt, provider call and the routing decision explained.",
      tags,
      security: apiKeyOrJwt,
      requestParams: { path: sessionId },
      responses: {
        "200": {
          description: "The session.",
          headers: responseHeaders,
          content: { "application/json": { schema: cardSessionSchema } },
        },
        ...errors(401, 404, 429, 500),
      },
    },
  },
  "/api/v1/sessions/{id}/cancel": {
    post: {
      operationId: "cardCancelSession",
      summary: "Cancel a pending session",
      description:
        "PENDING → CANCELLED; cancelling a cancelled session again answers it unchanged. Any other status (being paid, paid, refunded, failed, expired) is a 409 state_conflict.",
      tags,
      security: apiKeyOrJwt,
      requestParams: { path: sessionId, header: idempotencyOptional },
      responses: {
        "200": {
          description: "The cancelled session.",
          headers: responseHeaders,
          content: { "application/json": { schema: cardSessionSchema } },
        },
        ...errors(400, 401, 404, 409, 413, 415, 422, 429, 500),
      },
    },
  },
  "/api/v1/sessions/{id}/refunds": {
    get: {
      operationId: "cardListRefunds",
      summary: "List a session's refunds",
      tags,
      security: apiKeyOrJwt,
      requestParams: { path: sessionId },
      responses: {
        "200": {
          description: "Every refund of the session, oldest first (not paginated).",
          headers: responseHeaders,
          content: { "application/json": { schema: cardRefundListSchema } },
        },
        ...errors(401, 404, 429, 500),
      },
    },
    post: {
      operationId: "cardCreateRefund",
      summary: "Refund a paid session, partly or fully",
      description:
        "`amount` in major units of the session's currency; omitted refunds everything not yet refunded. Requires an Idempotency-Key. " +
        "400 when the amount has too many decimals or exceeds what can still be refunded; 409 state_conflict when the session is not paid, already fully refunded, or everything left is already being refunded. " +
        "A refund the provider refuses is still a 201, with status FAILED; one without an answer is a 201 with status PENDING (the reconciler settles it).",
      tags,
      security: apiKeyOrJwt,
      requestParams: { path: sessionId, header: idempotencyRequired },
      requestBody: { required: false, content: { "application/json": { schema: createCardRefundBody } } },
      responses: {
        "201": {
          description: "The refund.",
          headers: responseHeaders,
          content: { "application/json": { schema: cardRefundSchema } },
        },
        ...errors(400, 401, 404, 409, 413, 415, 422, 429, 500),
      },
    },
  },
  "/api/v1/applications/{appId}/webhooks": {
    get: {
      operationId: "cardListApplicationWebhookEndpoints",
      summary: "List webhook endpoints (Kadosei spelling)",
      description: "The same as GET /api/v1/webhooks; `appId` must be the caller's merchant id.",
      tags: ["Webhooks and events"],
      security: apiKeyOrJwt,
      requestParams: { path: appId, query: cursorListQuery },
      responses: {
        "200": {
          description: "A page of endpoints, newest first.",
          headers: responseHeaders,
          content: { "application/json": { schema: webhookEndpointListSchema } },
        },
        ...errors(400, 401, 404, 429, 500),
      },
    },
    post: {
      operationId: "cardCreateApplicationWebhookEndpoint",
      summary: "Create a webhook endpoint (Kadosei spelling)",
      description:
        "The same as POST /api/v1/webhooks; `appId` must be the caller's merchant id. The signing secret is in this answer only (an idempotent replay of a success is a 409).",
      tags: ["Webhooks and events"],
      security: apiKeyOrJwt,
      requestParams: { path: appId, header: idempotencyOptional },
      requestBody: { required: true, content: { "application/json": { schema: createWebhookEndpointBody } } },
      responses: {
        "201": {
          description: "The new endpoint with its signing secret.",
          headers: responseHeaders,
          content: { "application/json": { schema: webhookEndpointWithSecretSchema } },
        },
        ...errors(400, 401, 404, 409, 413, 415, 422, 429, 500),
      },
    },
  },
};
