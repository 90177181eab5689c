import crypto from "node:crypto";
import pg from "pg";
import { type Db, sqlPoolOf } from "@/lib/db/client";
import { parameter, type WriteGuard, WriteGuardRefused } from "@/lib/db/prepared-rows";
import { env } from "@/lib/env";
import { newId } from "@/lib/ids";
import { callBudgetMs } from "@/lib/payments/call-provider";
import type { MerchantScope } from "@/lib/scope";
import { ApiError } from "./errors";

// Idempotency (README "The API conventions"). The unique index on (merchant,
// mode, method, path, key) is the lock: of any number of concurrent requests
// with one key, exactly one inserts the row and runs (or, for a create that
// claims the key in its INSERT, exactly one writes, its record already
// answered); the others see it and get 409 (still running), 422 (different
// request) or the stored response, byte for byte (what the first request got,
// unless it failed after its write). A record still running past its lease belongs to a process
// that died: the next request with the key takes it over and runs again
// (what that run would repeat is guarded by the domain: a refund finds the
// refund its key already made). A response that held a secret is never kept:
// its replay is a 409 that says where to find the object.

export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;
const MAX_KEY_LENGTH = 255;

// Headers worth replaying; per-response ones (date, request id) are not.
const REPLAYED_HEADERS = ["content-type", "location", "link"];

/** Keys are per merchant and mode, and per method and path (the dashboard uses its own paths). */
export type IdempotencyScope = MerchantScope & { method: string; path: string };

/** How long a first request may run before its record is taken over: longer than any request with a provider call. */
export const inFlightLeaseMs = () => callBudgetMs(env().card.providerTimeoutMs) + 60_000;

/** Same request ⇔ same method, path, query and JSON value (key order and whitespace do not count). */
export const requestFingerprint = (search: string, body: unknown): string =>
  crypto
    .createHash("sha256")
    .update(`${search}\n${canonicalJson(body)}`)
    .digest("hex");

const canonicalJson = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
};

export const parseIdempotencyKey = (header: string | null, required: boolean): string | undefined => {
  if (header === null) {
    if (!required) return undefined;
    throw new ApiError("parameter_missing", "This endpoint requires an Idempotency-Key header.", {
      param: "Idempotency-Key",
    });
  }
  if (header.length === 0 || header.length > MAX_KEY_LENGTH) {
    throw new ApiError("parameter_invalid", `Idempotency-Key must have 1 to ${MAX_KEY_LENGTH} characters.`, {
      param: "Idempotency-Key",
    });
  }
  return header;
};

/** A create's answer: its status and JSON body, made from the row it writes (before it is written). */
export type Answer = { status: number; json: object };

/**
 * The claim of a `claimInWrite` request: runs its one write (a create's INSERT) with a WriteGuard that writes
 * the key's record beside it, already answered with `answer(row)` of the row written, and answers that.
 */
export type WriteClaim = <Row>(
  answer: (row: Row) => Answer,
  write: (guard: WriteGuard<Row>) => Promise<Row>,
) => Promise<Response>;

/** An Answer's JSON text as the Response it is (and, stored, replays as). */
export const answerResponse = (status: number, text: string) => new Response(text, { status, headers: JSON_HEADERS });

const JSON_HEADERS = { "content-type": "application/json" };

/**
 * Runs `execute` once per key and scope. `execute` must turn its own errors
 * into responses (all but WriteGuardRefused): every outcome is a Response here.
 *
 * With `claimInWrite`, `execute` gets the claim (WriteClaim): the handler's one write must go through it, so
 * the record, with the answer, and what it creates are written in one statement, or neither. Every request
 * with the key runs `execute` up to that write; only the one whose statement takes the key goes on, the
 * others answer from its record. No record is ever left unfinished by it, and a failure after the write
 * changes nothing stored: a retry replays the answer. An answer refused before the write (a 404) is recorded
 * under a claim taken then; a 400 or a 5xx before it is not recorded. A success without the write is a bug,
 * and throws.
 */
export const runIdempotently = async (
  db: Db,
  scope: IdempotencyScope,
  key: string,
  fingerprint: string,
  execute: (claim?: WriteClaim) => Promise<Response>,
  {
    replayable = true,
    claimInWrite = false,
  }: { /** false: the response holds a secret, which is not kept */ replayable?: boolean; claimInWrite?: boolean } = {},
): Promise<Response> => {
  const records = recordsOf(sqlPoolOf(db), scope, key);
  // Two tries: the second follows the removal of an expired record.
  for (let attempt = 0; attempt < 2; attempt++) {
    if (claimInWrite) {
      const answer = await executeWithClaimInWrite(records, fingerprint, execute, replayable);
      if (answer) return answer;
    } else if (await records.claim(fingerprint)) return executeAndRecord(records, execute, replayable);

    const existing = await records.find();
    if (!existing) continue; // its first request failed validation and released the key: try to take it
    if (existing.expiresAt.getTime() <= Date.now()) {
      await records.removeExpired(existing.id);
      continue;
    }
    if (existing.requestHash !== fingerprint) {
      throw new ApiError(
        "idempotency_key_reused",
        "This Idempotency-Key was already used with a different request. Use a new key for a new request.",
        { param: "Idempotency-Key" },
      );
    }
    if (existing.completedAt === null && existing.createdAt.getTime() <= Date.now() - inFlightLeaseMs()) {
      // Its process died mid-request: take the key over (one taker wins the delete).
      await records.removeUnfinished(existing.id);
      continue;
    }
    if (existing.completedAt === null || existing.responseStatus === null) {
      throw new ApiError(
        "idempotency_key_in_use",
        "A request with this Idempotency-Key is still being processed. Retry once it has finished.",
        { param: "Idempotency-Key", headers: { "Retry-After": "1" } },
      );
    }
    if (existing.secretWithheld || existing.responseBody === null) {
      throw new ApiError(
        "idempotency_replay_unavailable",
        "The first request with this Idempotency-Key succeeded. Its answer held a secret, which is shown once and never stored, so it cannot be replayed: list the objects to find the one it created.",
        { param: "Idempotency-Key" },
      );
    }
    const headers = new Headers(existing.responseHeaders ?? {});
    headers.set("Idempotent-Replayed", "true");
    return new Response(existing.responseBody, { status: existing.responseStatus, headers });
  }
  throw new ApiError("idempotency_key_in_use", "This Idempotency-Key is being contended. Retry shortly.", {
    param: "Idempotency-Key",
    headers: { "Retry-After": "1" },
  });
};

type StoredRecord = {
  id: string;
  requestHash: string;
  responseStatus: number | null;
  responseHeaders: Record<string, string> | null;
  responseBody: string | null;
  secretWithheld: boolean;
  createdAt: Date;
  completedAt: Date | null;
  expiresAt: Date;
};

// The record of one key, in SQL on the requests pool with prepared statements: every POST makes two of these
// statements; a create that claims in its INSERT none of its own, unless refused before it (README
// "Performance"). The table is Prisma's IdempotencyKey (prisma/schema.prisma).
const RECORD_COLUMNS = "merchant_id, mode, method, path, key, id, request_hash, created_at, expires_at";
const ANSWER_COLUMNS = "response_status, response_headers, response_body, secret_withheld, completed_at";
const SCOPE = `merchant_id = $1 AND mode = $2::"Mode" AND method = $3 AND path = $4 AND key = $5`;
const STATEMENTS = {
  claim: `INSERT INTO idempotency_keys (${RECORD_COLUMNS})
    VALUES ($1, $2::"Mode", $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
  find: `SELECT id, request_hash AS "requestHash", response_status AS "responseStatus",
      response_headers AS "responseHeaders", response_body AS "responseBody", secret_withheld AS "secretWithheld",
      created_at AS "createdAt", completed_at AS "completedAt", expires_at AS "expiresAt"
    FROM idempotency_keys WHERE ${SCOPE}`,
  removeExpired: "DELETE FROM idempotency_keys WHERE id = $1 AND expires_at <= $2",
  removeUnfinished: "DELETE FROM idempotency_keys WHERE id = $1 AND completed_at IS NULL",
  // By the claim's own id: a request that outlived its lease and was taken over must not touch its successor's.
  release: "DELETE FROM idempotency_keys WHERE id = $1 AND completed_at IS NULL",
  complete: `UPDATE idempotency_keys SET response_status = $2, response_headers = $3, response_body = $4,
      secret_withheld = $5, completed_at = $6
    WHERE id = $1 AND completed_at IS NULL`,
} as const;

const recordsOf = (pool: pg.Pool, { merchantId, mode, method, path }: IdempotencyScope, key: string) => {
  const scope = [merchantId, mode, method, path, key];
  const run = (name: keyof typeof STATEMENTS, values: unknown[]) =>
    pool.query({ name: `idempotency_${name}`, text: STATEMENTS[name], values });
  /** The record this request claimed, once it has. */
  let claimed: string | undefined;
  /** A new record of this request: its id, its time, and its values in RECORD_COLUMNS' order. */
  const newRecord = (fingerprint: string) => {
    // One clock for both ends, so retention is exactly IDEMPOTENCY_RETENTION_MS.
    const createdAt = new Date();
    const id = newId("idempotencyKey");
    const expiresAt = new Date(createdAt.getTime() + IDEMPOTENCY_RETENTION_MS);
    return { id, createdAt, values: [...scope, id, fingerprint, createdAt, expiresAt] };
  };
  return {
    /** Takes the key for this request; false when a record exists. */
    claim: async (fingerprint: string) => {
      const record = newRecord(fingerprint);
      const taken = (await run("claim", record.values)).rowCount === 1;
      if (taken) claimed = record.id;
      return taken;
    },
    /** The claim written, answered, by the statement of the write; refused when a record exists. */
    claimInWrite:
      (fingerprint: string, replayable: boolean): WriteClaim =>
      async (answer, write) => {
        const record = newRecord(fingerprint);
        let answered: { status: number; text: string } | undefined;
        await write({
          sql: (values, row) => {
            // Again in a statement that failed (and wrote nothing) is a retry; after one that wrote, a bug.
            if (claimed === record.id) throw new Error("This Idempotency-Key's claim was already written.");
            const { status, json } = answer(row);
            const text = JSON.stringify(json);
            answered = { status, text };
            const all = [...record.values, ...storedAnswer(status, JSON_HEADERS, text, replayable), record.createdAt];
            return `INSERT INTO idempotency_keys (${RECORD_COLUMNS}, ${ANSWER_COLUMNS})
              VALUES (${all.map((value) => parameter(values, value)).join(", ")})`;
          },
          written: () => {
            claimed = record.id;
          },
          refused: (error) =>
            error instanceof pg.DatabaseError && error.code === UNIQUE_VIOLATION && error.table === "idempotency_keys",
        });
        if (claimed !== record.id || !answered) throw new Error("A claimInWrite write returned without its claim.");
        return answerResponse(answered.status, answered.text);
      },
    /** Whether this request holds the key. */
    claimed: () => claimed !== undefined,
    find: async () => ((await run("find", scope)).rows[0] as StoredRecord | undefined) ?? null,
    removeExpired: (id: string) => run("removeExpired", [id, new Date()]),
    removeUnfinished: (id: string) => run("removeUnfinished", [id]),
    /** Lets the key be used again (the request was no result). */
    release: () => run("release", [claimed]),
    /** Records the answer (storedAnswer's values). */
    complete: (answer: unknown[]) => run("complete", [claimed, ...answer, new Date()]),
  };
};

type Records = ReturnType<typeof recordsOf>;

/**
 * An answer as the record keeps it (ANSWER_COLUMNS' values before the time): a 2xx with a secret is not kept,
 * and its replay is a 409; its errors (which hold none) replay as usual.
 */
const storedAnswer = (status: number, headers: Record<string, string>, text: string, replayable: boolean) => {
  const withheld = !replayable && status < 300;
  return [status, JSON.stringify(headers), withheld ? null : text, withheld];
};

const UNIQUE_VIOLATION = "23505";

/** One try of claimInWrite: the answer, or undefined when another request holds the key (read its record). */
const executeWithClaimInWrite = async (
  records: Records,
  fingerprint: string,
  execute: (claim?: WriteClaim) => Promise<Response>,
  replayable: boolean,
): Promise<Response | undefined> => {
  let response: Response;
  try {
    response = await execute(records.claimInWrite(fingerprint, replayable));
  } catch (error) {
    // Thrown after the write, its record stands, answered: a retry replays it.
    if (error instanceof WriteGuardRefused) return undefined;
    throw error;
  }
  // Its record was written with the answer.
  if (records.claimed()) return response;
  if (response.status < 400) throw new Error("A claimInWrite handler answered without writing its claim.");
  // Not a result (as in `record`): not recorded, but a request with the key already answered is replayed.
  if (response.status === 400 || response.status >= 500) return (await records.find()) ? undefined : response;
  // Refused before the write: recorded as any answer, unless another request holds the key (its record answers).
  if (!(await records.claim(fingerprint))) return undefined;
  return record(records, response, replayable);
};

const executeAndRecord = async (records: Records, execute: () => Promise<Response>, replayable: boolean) => {
  let response: Response;
  try {
    response = await execute();
  } catch (error) {
    await records.release().catch(() => {});
    throw error;
  }
  return record(records, response, replayable);
};

/** The claimed request's answer, kept for its replays. */
const record = async (records: Records, response: Response, replayable: boolean) => {
  // Invalid requests and our own failures are not results: the client may fix
  // the request (or wait for us) and retry with the same key.
  if (response.status === 400 || response.status >= 500) {
    await records.release();
    return response;
  }
  const body = await response.text();
  const headers = Object.fromEntries(
    REPLAYED_HEADERS.flatMap((name) => {
      const value = response.headers.get(name);
      return value === null ? [] : [[name, value]];
    }),
  );
  await records.complete(storedAnswer(response.status, headers, body, replayable));
  return new Response(body, { status: response.status, headers: response.headers });
};

/** Drops records past their retention; safe to run from every instance at once. */
export const purgeExpiredIdempotencyKeys = (db: Db) =>
  db.idempotencyKey.deleteMany({ where: { expiresAt: { lt: new Date() } } });
