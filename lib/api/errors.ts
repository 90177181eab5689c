import pg from "pg";
import { z } from "zod";
import { DomainError, type DomainErrorCode, fromZod } from "@/lib/errors";
import { englishMessage, isMessageKey } from "@/lib/i18n/english";
import { type MessageValues, parseMessageRef } from "@/lib/i18n/message-ref";
import type { MessageKey } from "@/lib/i18n/messages";
import { log } from "@/lib/log";
import { MoneyError } from "@/lib/money";

// The one error vocabulary of every API: code → HTTP status. The domain's
// codes (lib/errors.ts) and the few that only HTTP has.
export const ERROR_STATUS = {
  parameter_invalid: 400,
  parameter_missing: 400,
  limit_reached: 400, // a per-merchant limit (webhook endpoints): valid input, but no more of these
  invalid_json: 400,
  unauthorized: 401,
  forbidden: 403, // a credential is not what this asks for (GET /metrics off loopback without METRICS_TOKEN)
  card_declined: 402, // the provider said no: the request was fine, the customer may try another card
  insufficient_funds: 402, // a metered request the connection's balances cannot pay: nothing was written
  not_found: 404,
  method_not_allowed: 405,
  state_conflict: 409,
  resource_exists: 409, // a unique constraint said no: the object already exists
  idempotency_key_in_use: 409, // the first request with this key is still running
  idempotency_replay_unavailable: 409, // the first request succeeded, but its answer held a secret that is never stored
  payload_too_large: 413,
  unsupported_media_type: 415,
  idempotency_key_reused: 422, // same key, different request: never silently replay the wrong result
  rate_limited: 429,
  internal_error: 500,
  service_unavailable: 503,
} as const satisfies Record<DomainErrorCode, number> & Record<string, number>;

export type ErrorCode = keyof typeof ERROR_STATUS;

type ApiErrorOptions = {
  param?: string;
  headers?: Record<string, string>;
  /** The customer's version of the message, as a catalog key (hosted pages, lib/api/hosted-messages.ts). */
  messageKey?: MessageKey;
  messageValues?: MessageValues;
};

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly param?: string;
  readonly headers?: Record<string, string>;
  readonly messageKey?: MessageKey;
  readonly messageValues?: MessageValues;

  constructor(code: ErrorCode, message: string, options: ApiErrorOptions = {}) {
    super(message);
    this.code = code;
    this.param = options.param;
    this.headers = options.headers;
    this.messageKey = options.messageKey;
    this.messageValues = options.messageValues;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export type ErrorBody = {
  error: { code: ErrorCode; message: string; param?: string; request_id: string };
};

// Prisma's stable error codes, and PostgreSQL's for the statements made through `pg` (lib/db/prepared-rows.ts);
// the rest of an adapter error is not a contract.
const fromDatabase = (error: unknown): ApiError | undefined => {
  const code = (error as { code?: unknown })?.code;
  if (code === "P2025") return new ApiError("not_found", "No such object.");
  if (code === "P2002" || (code === "23505" && error instanceof pg.DatabaseError))
    return new ApiError("resource_exists", "An object with these values already exists.");
  // A transaction that could not start in time: every pooled connection is busy. Nothing was written.
  if (code === "P2028")
    return new ApiError("service_unavailable", "The database is busy. Retry shortly.", {
      headers: { "Retry-After": "1" },
    });
  return undefined;
};

/** "card.number: validation.cardExpired" (a hosted form's check, as a catalog key) → "card.number: This card has expired". */
const inEnglish = (message: string, param: string | undefined) => {
  const prefix = param ? `${param}: ` : "";
  const ref = message.startsWith(prefix) ? parseMessageRef(message.slice(prefix.length), isMessageKey) : undefined;
  return ref ? `${prefix}${englishMessage(ref.key, ref.values)}` : message;
};

/** Any thrown value → the ApiError to answer with. Unknown errors become a 500 that reveals nothing. */
export const toApiError = (error: unknown): ApiError => {
  if (error instanceof ApiError) return error;
  if (error instanceof DomainError) {
    return new ApiError(error.code, inEnglish(error.message, error.param), {
      param: error.param,
      headers: error.retryAfterSeconds === undefined ? undefined : { "Retry-After": String(error.retryAfterSeconds) },
      messageKey: error.messageKey,
      messageValues: error.messageValues,
    });
  }
  // Classic zod's errors (the APIs' schemas) and zod/mini's (the hosted forms') alike.
  if (error instanceof z.core.$ZodError) return toApiError(fromZod(error));
  if (error instanceof MoneyError) return new ApiError("parameter_invalid", error.message);
  return (
    fromDatabase(error) ??
    new ApiError("internal_error", "Something went wrong on our side. Quote the request id if you contact support.")
  );
};

/**
 * The error as the one JSON shape. `message` lets a caller word it for its
 * reader (the hosted pages say it in the customer's language).
 */
export const errorResponse = (
  error: unknown,
  requestId: string,
  message: (error: ApiError) => string = (apiError) => apiError.message,
): Response => {
  const apiError = toApiError(error);
  if (apiError.status >= 500) log.error({ err: error, request_id: requestId, code: apiError.code }, apiError.message);
  const body: ErrorBody = {
    error: {
      code: apiError.code,
      message: message(apiError),
      ...(apiError.param ? { param: apiError.param } : {}),
      request_id: requestId,
    },
  };
  return Response.json(body, {
    status: apiError.status,
    headers: { "X-Request-Id": requestId, ...apiError.headers },
  });
};
