import { createDocument } from "zod-openapi";
import { SECURITY_SCHEMES } from "./common";
import { cardPaths } from "./paths/card";
import { cryptoPaths } from "./paths/crypto";
import { operationsPaths } from "./paths/operations";
import { platformPaths } from "./paths/platform";
import { walletPaths } from "./paths/wallet";
import { eventSchema } from "./responses/platform";

// The OpenAPI 3.1 document of every API (GET /api/openapi.json, the reference
// at /docs/api), generated from the zod schemas the routes validate with and
// the response schemas of lib/openapi/responses. The API tests check every
// answer they get against it (tests/support/contract.ts): it cannot drift.

export const TAGS = [
  { name: "Wallet (Lava)", description: "Wallet checkout, Lava-style: `/v1/…`, as `@lavapayments/nodejs` calls it." },
  { name: "Crypto (WeWire)", description: "Crypto checkout, WeWire-style: `/api/v1/checkout…`." },
  {
    name: "Card (Kadosei)",
    description: "Card payment sessions with provider routing, Kadosei-style: `/api/v1/sessions…`.",
  },
  {
    name: "Webhooks and events",
    description: "Endpoints, deliveries and the event log, shared by the three dialects.",
  },
  { name: "API keys", description: "The merchant's secret keys." },
  { name: "Branding", description: "How the hosted pages look." },
  { name: "Settings", description: "Per-mode settings (the crypto extended public key)." },
  { name: "Operations", description: 'Health probes and this document (README "Operating Tillpoint").' },
];

type Document = ReturnType<typeof createDocument>;
type Operation = NonNullable<NonNullable<Document["paths"]>[string]["get"]>;

// Answers any operation can give, whatever its own list says: a path with
// broken percent-encoding is a 400 before any route runs (our HTTP server), and an
// unexpected failure is a 500.
const EVERYWHERE: Record<string, string> = {
  "400": "The path is not valid percent-encoding, or the input is wrong.",
  "500": "Something failed on our side; the request id finds it in the logs.",
};

// The Lava SDK sends its version on every call; we answer every version alike.
const LAVA_VERSION = {
  name: "X-Lava-API-Version",
  in: "header",
  required: false,
  description: "Sent by `@lavapayments/nodejs`; every version gets the same answers.",
  schema: { type: "string" },
} as const;

const complete = (document: Document): Document => {
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of ["get", "post", "put", "patch", "delete"] as const) {
      const operation: Operation | undefined = item[method];
      if (!operation) continue;
      operation.responses ??= {};
      for (const [status, description] of Object.entries(EVERYWHERE)) {
        operation.responses[status] ??= {
          description,
          content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
        };
      }
      if (path.startsWith("/v1/")) operation.parameters = [...(operation.parameters ?? []), LAVA_VERSION];
    }
  }
  return document;
};

const build = () =>
  complete(
    createDocument({
      openapi: "3.1.0",
      info: {
        title: "Tillpoint API",
        version: "1",
        description:
          "Self-hosted checkout speaking three dialects: wallet checkout (Lava), crypto checkout (WeWire) and card " +
          "payment sessions (Kadosei). Every error has one shape; every POST takes an Idempotency-Key.",
      },
      tags: TAGS,
      paths: { ...walletPaths, ...cryptoPaths, ...cardPaths, ...platformPaths, ...operationsPaths },
      webhooks: {
        event: {
          post: {
            summary: "An event, posted to each endpoint that takes its type",
            description:
              "Signed with Standard Webhooks headers: `webhook-id` (the event id, the same on every retry), " +
              "`webhook-timestamp` and `webhook-signature` (v1, HMAC-SHA256 with the endpoint's whsec_ secret). " +
              "Answer 2xx within the timeout; anything else is retried with backoff.",
            tags: ["Webhooks and events"],
            requestBody: { content: { "application/json": { schema: eventSchema } } },
            responses: { "200": { description: "Any 2xx: received." } },
          },
        },
      },
      components: { securitySchemes: SECURITY_SCHEMES },
    }),
  );

let document: ReturnType<typeof build> | undefined;

/** Built once per process: the schemas do not change under a running server. */
export const openApiDocument = () => {
  document ??= build();
  return document;
};
