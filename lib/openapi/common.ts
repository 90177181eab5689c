import { z } from "zod";
import type { ZodOpenApiResponseObject } from "zod-openapi";
import { ERROR_STATUS, type ErrorCode } from "@/lib/api/errors";

// What every operation of the document shares (README "The API's contract"):
// the one error shape, the headers every answer carries, the security schemes.

const CODES = Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]];

export const apiErrorSchema = z
  .strictObject({
    error: z.strictObject({
      code: z
        .enum(CODES)
        .meta({ description: "What went wrong; the HTTP status follows from it (lib/api/errors.ts)." }),
      message: z.string().meta({ description: "For a person: what to change." }),
      param: z.string().optional().meta({ description: "The field at fault, as a dotted path." }),
      request_id: z.string().meta({ description: "The answer's X-Request-Id: quote it to support." }),
    }),
  })
  .meta({ id: "Error", description: "Every non-2xx answer of every API." });

const requestIdHeader = z.string().meta({ description: "The request's id (`req_…`), also in the logs." });

/** On every 2xx: the request id, and on a POST's idempotent replay, `Idempotent-Replayed: true`. */
export const responseHeaders = z.object({
  "X-Request-Id": requestIdHeader,
  "Idempotent-Replayed": z
    .literal("true")
    .optional()
    .meta({ description: "Present on a replay of an earlier answer to the same Idempotency-Key." }),
});

const DESCRIPTIONS: Record<number, string> = {
  400: "The input is wrong (`param` names the field), or the JSON is malformed.",
  401: "No valid API key (or JWT, where one is accepted).",
  402: "The card provider declined; another card may work.",
  403: "The credential does not allow this.",
  404: "No such object, or not this merchant's in this mode.",
  405: "The path has no such method (`Allow` lists those it has).",
  409: "The object's state does not allow it, the value exists, or the first request with this Idempotency-Key still runs.",
  413: "The body is over its limit.",
  415: "The body is not JSON.",
  422: "The Idempotency-Key was used for another request.",
  429: "Over the rate limit: try again after `Retry-After` seconds.",
  500: "Something failed on our side; the request id finds it in the logs.",
  503: "A dependency (a provider, a price source, a chain, the database) cannot serve now.",
};

const RETRY_AFTER = new Set([409, 429, 503]);

/** The error answers an operation can give, all in the one shape. */
export const errors = (...statuses: number[]): Record<string, ZodOpenApiResponseObject> =>
  Object.fromEntries(
    statuses.map((status) => [
      String(status),
      {
        description: DESCRIPTIONS[status] ?? "An error.",
        headers: z.object({
          "X-Request-Id": requestIdHeader,
          ...(RETRY_AFTER.has(status)
            ? { "Retry-After": z.string().optional().meta({ description: "Seconds to wait before trying again." }) }
            : {}),
        }),
        content: { "application/json": { schema: apiErrorSchema } },
      },
    ]),
  );

export const SECURITY_SCHEMES = {
  apiKey: {
    type: "http",
    scheme: "bearer",
    description: "`Authorization: Bearer sk_test_…` (or `sk_live_…`): a secret API key, test or live mode.",
  },
  cardJwt: {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
    description: "A JWT from `POST /api/v1/auth/token` (the card sessions API), in place of the API key.",
  },
} as const;
