import crypto from "node:crypto";
import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { newId } from "@/lib/ids";
import { callBudgetMs } from "@/lib/payments/call-provider";
import type { MerchantScope } from "@/lib/scope";
import { ApiError } from "./errors";

// Idempotency (README "The API conventions"). The unique index on (merchant,
// mode, method, path, key) is the lock: of any number of concurrent requests
// with one key, exactly one inserts the row and runs; the others see it and
// get 409 (still running), 422 (different request) or the stored response,
// byte for byte. A record still running past its lease belongs to a process
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

/**
 * Runs `execute` once per key and scope. `execute` must turn its own errors
 * into responses: every outcome is a Response here.
 */
export const runIdempotently = async (
  db: Db,
  scope: IdempotencyScope,
  key: string,
  fingerprint: string,
  execute: () => Promise<Response>,
  { replayable = true }: { /** false: the response holds a secret, which is not kept */ replayable?: boolean } = {},
): Promise<Response> => {
  const where = keyWhere(scope, key);
  // Two tries: the second follows the removal of an expired record.
  for (let attempt = 0; attempt < 2; attempt++) {
    // One clock for both ends, so retention is exactly IDEMPOTENCY_RETENTION_MS.
    const createdAt = new Date();
    const expiresAt = new Date(createdAt.getTime() + IDEMPOTENCY_RETENTION_MS);
    const { count } = await db.idempotencyKey.createMany({
      data: [{ id: newId("idempotencyKey"), ...where, requestHash: fingerprint, createdAt, expiresAt }],
      skipDuplicates: true,
    });
    if (count === 1) return executeAndRecord(db, where, execute, replayable);

    const existing = await db.idempotencyKey.findUnique({ where: { merchantId_mode_method_path_key: where } });
    if (!existing) continue; // its first request failed validation and released the key: try to take it
    if (existing.expiresAt.getTime() <= Date.now()) {
      await db.idempotencyKey.deleteMany({ where: { id: existing.id, expiresAt: { lte: new Date() } } });
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
      await db.idempotencyKey.deleteMany({ where: { id: existing.id, completedAt: null } });
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
    const headers = new Headers((existing.responseHeaders ?? {}) as Record<string, string>);
    headers.set("Idempotent-Replayed", "true");
    return new Response(existing.responseBody, { status: existing.responseStatus, headers });
  }
  throw new ApiError("idempotency_key_in_use", "This Idempotency-Key is being contended. Retry shortly.", {
    param: "Idempotency-Key",
    headers: { "Retry-After": "1" },
  });
};

const keyWhere = ({ merchantId, mode, method, path }: IdempotencyScope, key: string) => ({
  merchantId,
  mode,
  method,
  path,
  key,
});

type KeyWhere = ReturnType<typeof keyWhere>;

const executeAndRecord = async (db: Db, where: KeyWhere, execute: () => Promise<Response>, replayable: boolean) => {
  const unique = { merchantId_mode_method_path_key: where };
  let response: Response;
  try {
    response = await execute();
  } catch (error) {
    await db.idempotencyKey.delete({ where: unique }).catch(() => {});
    throw error;
  }
  // Invalid requests and our own failures are not results: the client may fix
  // the request (or wait for us) and retry with the same key.
  if (response.status === 400 || response.status >= 500) {
    await db.idempotencyKey.delete({ where: unique });
    return response;
  }
  const body = await response.text();
  const headers = Object.fromEntries(
    REPLAYED_HEADERS.flatMap((name) => {
      const value = response.headers.get(name);
      return value === null ? [] : [[name, value]];
    }),
  );
  // A 2xx with a secret is not kept; its errors (which hold none) replay as usual.
  const withheld = !replayable && response.status < 300;
  await db.idempotencyKey.update({
    where: unique,
    data: {
      responseStatus: response.status,
      responseHeaders: headers,
      responseBody: withheld ? null : body,
      secretWithheld: withheld,
      completedAt: new Date(),
    },
  });
  return new Response(body, { status: response.status, headers: response.headers });
};

/** Drops records past their retention; safe to run from every instance at once. */
export const purgeExpiredIdempotencyKeys = (db: Db) =>
  db.idempotencyKey.deleteMany({ where: { expiresAt: { lt: new Date() } } });
