// The crypto checkout API (WeWire dialect): app/api/v1/checkout*, app/api/v1/crypto/settings.
import type { ZodOpenApiPathsObject } from "zod-openapi";
// Transforms: `amount` (major units) becomes minor units after a superRefine; the document shows the input (what a client sends).
import { createCryptoCheckoutBody, cryptoSettingsBody, listCryptoCheckoutQuery } from "@/lib/schemas/crypto";
import { errors, responseHeaders } from "../common";
import { cryptoCheckoutSessionListSchema, cryptoCheckoutSessionSchema } from "../responses/crypto";
import { cryptoSettingsSchema } from "../responses/platform";
import { apiKeyOnly, idempotencyOptional, idPath, linkHeaders } from "./shared";

const tags = ["Crypto (WeWire)"];
const sessionId = idPath(
  "A crypto checkout session id (`ccs_…`); a malformed, foreign or other-mode id is a 404.",
  "ccs_01KJHF4SFHW93DY4BVF227F33V",
);

const closeOperation = (target: "canceled" | "expired") => ({
  operationId: target === "canceled" ? "cryptoCancelCheckout" : "cryptoExpireCheckout",
  summary: target === "canceled" ? "Cancel an open checkout session" : "Expire an open checkout session now",
  description:
    `Only an open session (no payment seen on chain) can be ${target}; repeating it on an expired or canceled session changes nothing and answers 201 again. ` +
    "A session with a payment seen, or paid, is a 409 state_conflict. Answers 201 with no body, as the WeWire API does.",
  tags,
  security: apiKeyOnly,
  requestParams: { path: sessionId, header: idempotencyOptional },
  responses: {
    "201": { description: `The session is ${target} (no body).`, headers: responseHeaders },
    ...errors(400, 401, 404, 409, 413, 415, 422, 429, 500),
  },
});

export const cryptoPaths: ZodOpenApiPathsObject = {
  "/api/v1/checkout": {
    get: {
      operationId: "cryptoListCheckouts",
      summary: "List checkout sessions",
      description:
        "Newest first, as a bare array; the next page is in the `Link` response header (`starting_after` = the last id).",
      tags,
      security: apiKeyOnly,
      requestParams: { query: listCryptoCheckoutQuery },
      responses: {
        "200": {
          description: "A page of sessions.",
          headers: linkHeaders,
          content: { "application/json": { schema: cryptoCheckoutSessionListSchema } },
        },
        ...errors(400, 401, 429, 500),
      },
    },
    post: {
      operationId: "cryptoCreateCheckout",
      summary: "Create a checkout session",
      description:
        "Every field of the original WeWire API is required. Answers 200 (not 201), as the original API does. " +
        "409 state_conflict when no extended public key is set for the key's mode (PUT /api/v1/crypto/settings); " +
        "503 service_unavailable when crypto checkout is not configured for this mode on this server.",
      tags,
      security: apiKeyOnly,
      requestParams: { header: idempotencyOptional },
      requestBody: { required: true, content: { "application/json": { schema: createCryptoCheckoutBody } } },
      responses: {
        "200": {
          description: "The new session.",
          headers: responseHeaders,
          content: { "application/json": { schema: cryptoCheckoutSessionSchema } },
        },
        ...errors(400, 401, 409, 413, 415, 422, 429, 500, 503),
      },
    },
  },
  "/api/v1/checkout/sessions/{id}": {
    get: {
      operationId: "cryptoGetCheckoutSession",
      summary: "Retrieve a checkout session",
      tags,
      security: apiKeyOnly,
      requestParams: { path: sessionId },
      responses: {
        "200": {
          description: "The session.",
          headers: responseHeaders,
          content: { "application/json": { schema: cryptoCheckoutSessionSchema } },
        },
        ...errors(401, 404, 429, 500),
      },
    },
  },
  "/api/v1/checkout/{id}/cancel": { post: closeOperation("canceled") },
  "/api/v1/checkout/{id}/expire": { post: closeOperation("expired") },
  "/api/v1/crypto/settings": {
    get: {
      operationId: "cryptoGetSettings",
      summary: "Retrieve the crypto settings of the key's mode",
      description:
        "The extended public key deposit addresses derive from, the next address, the network and the assets offered.",
      tags: ["Settings"],
      security: apiKeyOnly,
      responses: {
        "200": {
          description: "The settings (xpub and nextAddress are null until a key is set).",
          headers: responseHeaders,
          content: { "application/json": { schema: cryptoSettingsSchema } },
        },
        ...errors(401, 429, 500),
      },
    },
    put: {
      operationId: "cryptoUpdateSettings",
      summary: "Set the extended public key of the key's mode",
      description:
        "Setting a new key retires the old one (its sessions keep their addresses); setting an old key again brings it back with its counter. " +
        "An xpub that does not parse is a 400 (param xpub).",
      tags: ["Settings"],
      security: apiKeyOnly,
      requestBody: { required: true, content: { "application/json": { schema: cryptoSettingsBody } } },
      responses: {
        "200": {
          description: "The settings the key gives.",
          headers: responseHeaders,
          content: { "application/json": { schema: cryptoSettingsSchema } },
        },
        ...errors(400, 401, 413, 415, 429, 500),
      },
    },
  },
};
