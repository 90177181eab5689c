import type { z } from "zod";
import { db } from "@/lib/db/client";
import { type WriteGuard, WriteGuardRefused } from "@/lib/db/prepared-rows";
import { parseInput } from "@/lib/errors";
import { noteRequestContext } from "@/lib/log";
import type { MerchantAuth } from "@/lib/merchants/authenticate-api-key";
import { authenticateMerchant } from "@/lib/merchants/authenticate-merchant";
import { errorResponse } from "./errors";
import {
  type Answer,
  answerResponse,
  parseIdempotencyKey,
  requestFingerprint,
  runIdempotently,
  type WriteClaim,
} from "./idempotency";
import { enforceRateLimit } from "./rate-limit";
import { type BodyLimit, readJsonBody } from "./request-body";
import { requestIdOf } from "./request-id";

export type MerchantContext<Body, Query> = {
  request: Request;
  auth: MerchantAuth;
  body: Body;
  query: Query;
  params: Record<string, string>;
  requestId: string;
  /** The request's Idempotency-Key, if it has one: a domain write can remember it, so a run again finds it. */
  idempotencyKey?: string;
  /**
   * Runs the handler's one write (`write`, a create) and answers `answer(row)` of the row it wrote. With the
   * route's `claimInWrite` and an Idempotency-Key, the write takes the key's claim (insertRow's guard): the
   * record, with that answer, and the row are written in one statement (lib/api/idempotency.ts).
   */
  answerWithWrite: <Row>(
    answer: (row: Row) => Answer,
    write: (guard?: WriteGuard<Row>) => Promise<Row>,
  ) => Promise<Response>;
};

type Options<BodySchema extends z.ZodType | undefined, QuerySchema extends z.ZodType | undefined> = {
  body?: BodySchema;
  query?: QuerySchema;
  /** POSTs always honour an Idempotency-Key; "required" makes it mandatory (card sessions). */
  idempotencyKey?: "optional" | "required";
  /** Also accept a JWT from `POST /api/v1/auth/token` (the card sessions API, contract "Conventions shared by every API"). */
  jwt?: boolean;
  /** The answer holds a secret (a key, a token, a signing secret): never stored for an idempotent replay. */
  mintsSecret?: boolean;
  /** Other than the 64 KiB every other body may have. */
  bodyLimit?: BodyLimit;
  /** The handler creates with one insertRow through `answerWithWrite`, which takes the Idempotency-Key's claim. */
  claimInWrite?: boolean;
};

const writeThenAnswer = async <Row>(answer: (row: Row) => Answer, write: () => Promise<Row>) => {
  const { status, json } = answer(await write());
  return answerResponse(status, JSON.stringify(json));
};

type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;

type RouteContext = { params: Promise<Record<string, string | string[]>> };

/**
 * The ceremony of every merchant API call: request id, API key, its rate limit, body limits,
 * zod validation of body and query, idempotency for POST, and one error shape.
 * Handlers only return a Response or throw.
 */
export const withMerchant =
  <BodySchema extends z.ZodType | undefined = undefined, QuerySchema extends z.ZodType | undefined = undefined>(
    handler: (context: MerchantContext<Infer<BodySchema>, Infer<QuerySchema>>) => Promise<Response>,
    options: Options<BodySchema, QuerySchema> = {},
  ) =>
  async (request: Request, routeContext: RouteContext): Promise<Response> => {
    const requestId = requestIdOf(request);
    try {
      const auth = await authenticateMerchant(db(), request.headers.get("authorization"), options.jwt ?? false);
      noteRequestContext({ merchant_id: auth.merchantId });
      await enforceRateLimit("apiKey", auth.apiKeyId);
      const url = new URL(request.url);
      const raw = await readJsonBody(request, options.bodyLimit);
      // No body at all means "no fields"; a JSON null is a wrong body, like any other non-object.
      const body = (
        options.body ? parseInput(options.body, raw === undefined ? {} : raw) : undefined
      ) as Infer<BodySchema>;
      const query = (
        options.query ? parseInput(options.query, Object.fromEntries(url.searchParams)) : undefined
      ) as Infer<QuerySchema>;
      const params = Object.fromEntries(
        Object.entries((await routeContext.params) ?? {}).map(([name, value]) => [name, String(value)]),
      );
      const key =
        request.method === "POST"
          ? parseIdempotencyKey(request.headers.get("idempotency-key"), options.idempotencyKey === "required")
          : undefined;
      const execute = (claim?: WriteClaim) =>
        handler({
          request,
          auth,
          body,
          query,
          params,
          requestId,
          idempotencyKey: key,
          answerWithWrite: claim ?? writeThenAnswer,
        }).catch((error) => {
          // Another request holds the key: runIdempotently answers with that one's record.
          if (error instanceof WriteGuardRefused) throw error;
          return errorResponse(error, requestId);
        });

      const response = key
        ? await runIdempotently(
            db(),
            { ...auth, method: request.method, path: url.pathname },
            key,
            requestFingerprint(url.search, raw),
            execute,
            { replayable: !options.mintsSecret, claimInWrite: options.claimInWrite },
          )
        : await execute();
      response.headers.set("X-Request-Id", requestId);
      return response;
    } catch (error) {
      return errorResponse(error, requestId);
    }
  };
