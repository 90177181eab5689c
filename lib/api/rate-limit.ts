import { createHash } from "node:crypto";
import pg from "pg";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { env } from "@/lib/env";
import { ApiError } from "./errors";

// Rate limits shared by every instance: the counters live in the database
// (`rate_limits`, created by our migrations), in fixed windows. A key over
// its limit is also remembered in this process until its window ends, so a
// flood costs no database round trips.

export type RateLimitName = "apiKey" | "hostedIp" | "hostedSession";

const MESSAGES: Record<RateLimitName, string> = {
  apiKey: "Too many requests with this API key.",
  hostedIp: "Too many payment requests from this address.",
  hostedSession: "Too many payment requests for this checkout session.",
};

/** The header our HTTP server sets from the connection (lib/server/client-address.ts); a client's own is overwritten. */
export const CLIENT_ADDRESS_HEADER = "x-tillpoint-client-address";

type Limiters = { pool: pg.Pool; limiters: Map<RateLimitName, RateLimiterPostgres> };
const globalForLimits = globalThis as unknown as { tillpointRateLimits?: Limiters };

// A small pool of its own: the store speaks node-postgres, not Prisma.
const limiters = (): Limiters => {
  globalForLimits.tillpointRateLimits ??= {
    pool: new pg.Pool({ connectionString: env().databaseUrl, max: 4 }),
    limiters: new Map(),
  };
  return globalForLimits.tillpointRateLimits;
};

const limiterFor = (name: RateLimitName, limit: { points: number; seconds: number }) => {
  const state = limiters();
  let limiter = state.limiters.get(name);
  if (!limiter) {
    limiter = new RateLimiterPostgres({
      storeClient: state.pool,
      storeType: "pool",
      tableName: "rate_limits",
      tableCreated: true,
      keyPrefix: name,
      points: limit.points,
      duration: limit.seconds,
      inMemoryBlockOnConsumed: limit.points + 1,
    });
    state.limiters.set(name, limiter);
  }
  return limiter;
};

/** Stored keys never hold a credential (a session's client secret): only its hash. */
export const rateLimitKey = (value: string) => createHash("sha256").update(value).digest("base64url").slice(0, 32);

/**
 * Counts one request against a limit; over it, throws a 429 `rate_limited`
 * with Retry-After. A limit set to "off" counts nothing. If the counters
 * cannot be reached the request goes through: the database being down fails
 * it anyway, and a limit must never be what takes the service down.
 */
export const enforceRateLimit = async (name: RateLimitName, key: string): Promise<void> => {
  const limit = env().rateLimits[name];
  if (!limit) return;
  try {
    await limiterFor(name, limit).consume(key);
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) {
      console.error(`Rate limit ${name} could not be counted; the request goes through`, rejection);
      return;
    }
    const retryAfterSeconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    throw new ApiError("rate_limited", `${MESSAGES[name]} Retry after ${retryAfterSeconds} s.`, {
      headers: { "Retry-After": String(retryAfterSeconds) },
    });
  }
};

/** The client's address as our HTTP server recorded it, or "unknown" when the app runs behind another server. */
export const clientAddressOf = (request: Request) => request.headers.get(CLIENT_ADDRESS_HEADER) ?? "unknown";
