import cluster from "node:cluster";
import { createHash } from "node:crypto";
import ipaddr from "ipaddr.js";
import pg from "pg";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { env } from "@/lib/env";
import { log, withoutRequestContext } from "@/lib/log";
import { ApiError } from "./errors";

// Rate limits shared by every instance: the counters live in the database
// (`rate_limits`, created by our migrations), in fixed windows. A process
// takes a limit's requests from the shared counter a share at a time (a
// grant, below) and spends them in memory, so most requests cost no database
// write; a key over its limit is remembered until its window ends, so a flood
// costs none either.

export type RateLimitName = "apiKey" | "hostedIp" | "hostedSession" | "signInEmail" | "signInIp";

const MESSAGES: Record<"apiKey" | "hostedIp" | "hostedSession", string> = {
  apiKey: "Too many requests with this API key.",
  hostedIp: "Too many payment requests from this address.",
  hostedSession: "Too many payment requests for this checkout session.",
};

/** The header our HTTP server sets from the connection (lib/server/client-address.ts); a client's own is overwritten. */
export const CLIENT_ADDRESS_HEADER = "x-tillpoint-client-address";
/**
 * "1" when the request reached the HTTP server with X-Forwarded-For or Forwarded (it came through a proxy),
 * "0" otherwise; set, like the address, by the server (Next adds X-Forwarded-* of its own to every request).
 */
export const FORWARDED_HEADER = "x-tillpoint-forwarded";

type Limiters = { pool: pg.Pool; limiters: Map<RateLimitName, RateLimiterPostgres>; grants: Map<string, Grant> };
const globalForLimits = globalThis as unknown as { tillpointRateLimits?: Limiters };

// A small pool of its own (the store speaks node-postgres, not Prisma), with
// short timeouts: a slow or unreachable database lets requests through
// (below) instead of holding them.
const LIMIT_TIMEOUT_MS = 2_000;

const limiters = (): Limiters => {
  if (!globalForLimits.tillpointRateLimits) {
    const pool = new pg.Pool({
      connectionString: env().databaseUrl,
      // Two in each HTTP worker of a cluster (README "Using every core": the connection budget).
      max: cluster.isWorker ? 2 : 4,
      connectionTimeoutMillis: LIMIT_TIMEOUT_MS,
      query_timeout: LIMIT_TIMEOUT_MS,
    });
    // An idle connection the database dropped (a restart): logged, never an unhandled 'error' that ends the process.
    pool.on("error", (error) => log.error({ err: error }, "Rate limit pool: a connection failed"));
    globalForLimits.tillpointRateLimits = { pool, limiters: new Map(), grants: new Map() };
  }
  return globalForLimits.tillpointRateLimits;
};

// Made during the first request that needs them, but not that request's: their pool and timers carry no
// request's log context.
const limiterFor = (name: RateLimitName, limit: { points: number; seconds: number }) =>
  withoutRequestContext(() => limiterOutsideRequests(name, limit));

const limiterOutsideRequests = (name: RateLimitName, limit: { points: number; seconds: number }) => {
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
 * How many requests a process takes from the shared counter at once: a twentieth of the limit. The counter is
 * charged when they are taken, so the processes together never let more through than the limit; a process's
 * unspent share is what others may be refused early (README "Rate limits"). Limits under 40 take one at a time.
 */
export const grantSize = (points: number) => Math.max(1, Math.floor(points / 20));

/**
 * Requests this process took from one key's shared counter and may still let through, until the window ends;
 * `refused`: the window is spent. `taking`: a grant on its way, shared by the requests that wait for it (false:
 * the counter could not be reached).
 */
export type Grant = { left: number; until: number; refused: boolean; taking?: Promise<boolean> };

/** The shared counter: charges `points` to the key's window, rejecting with a RateLimiterRes over the limit. */
export type TakeFromCounter = (points: number) => Promise<RateLimiterRes>;

/**
 * At most this many grants are kept: past it the oldest are forgotten, ended or not (a key's unspent share is
 * then only refused early, never let through twice: the counter was charged for it).
 */
export const GRANTS_KEPT = 10_000;
const forgetOldestGrants = (grants: Map<string, Grant>) => {
  for (const [id, grant] of grants) {
    if (grants.size < GRANTS_KEPT * 0.9) return;
    if (!grant.taking) grants.delete(id);
  }
};

/** A new grant from the counter: what is left of `size` under the limit, or a refusal. */
const takeGrant = async (take: TakeFromCounter, points: number, size: number, grant: Grant): Promise<void> => {
  try {
    const taken = await take(size);
    Object.assign(grant, { left: size, until: Date.now() + taken.msBeforeNext, refused: false });
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    // Over the limit with this grant: what was still left before it is ours (the counter keeps the whole grant,
    // which only makes others refuse sooner in a window that is spent anyway). A key the store's own memory has
    // blocked reports no count: nothing is left.
    const before = rejection.consumedPoints ? rejection.consumedPoints - size : points;
    const left = Math.max(0, Math.min(size, points - before));
    Object.assign(grant, { left, until: Date.now() + rejection.msBeforeNext, refused: left === 0 });
  }
};

/**
 * Lets one request of `id` through out of this process's grant, taking a new one from the counter when it is
 * spent. Answers undefined when the request may go, else the ms until the window ends. A counter that cannot
 * be reached lets the request through (and every request waiting with it), after `unreachable`.
 */
export const spendGrant = async (
  grants: Map<string, Grant>,
  id: string,
  take: TakeFromCounter,
  points: number,
  unreachable: (error: unknown) => void,
): Promise<number | undefined> => {
  for (;;) {
    let grant = grants.get(id);
    const now = Date.now();
    if (grant?.taking) {
      if (!(await grant.taking)) return undefined;
      continue;
    }
    if (grant && grant.until > now) {
      if (grant.left > 0) {
        grant.left--;
        return undefined;
      }
      if (grant.refused) return grant.until - now;
    }
    if (!grant) {
      if (grants.size >= GRANTS_KEPT) forgetOldestGrants(grants);
      grant = { left: 0, until: 0, refused: false };
      grants.set(id, grant);
    }
    const taking = takeGrant(take, points, grantSize(points), grant).then(
      () => true,
      (error: unknown) => {
        unreachable(error);
        return false;
      },
    );
    grant.taking = taking;
    const counted = await taking;
    grant.taking = undefined;
    if (!counted) return undefined;
  }
};

/**
 * Counts one request against a limit; over it, throws a 429 `rate_limited`
 * with Retry-After. A limit set to "off" counts nothing. If the counters
 * cannot be reached the request goes through: the database being down fails
 * it anyway, and a limit must never be what takes the service down.
 */
export const enforceRateLimit = async (name: keyof typeof MESSAGES, key: string): Promise<void> => {
  const limit = env().rateLimits[name];
  if (!limit) return;
  const msBeforeNext = await spendGrant(
    withoutRequestContext(limiters).grants,
    `${name}:${key}`,
    (points) => limiterFor(name, limit).consume(key, points),
    limit.points,
    (error) => log.error({ err: error, limit: name }, "A rate limit could not be counted; the request goes through"),
  );
  if (msBeforeNext === undefined) return;
  const retryAfterSeconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  throw new ApiError("rate_limited", `${MESSAGES[name]} Retry after ${retryAfterSeconds} s.`, {
    headers: { "Retry-After": String(retryAfterSeconds) },
  });
};

/**
 * Limits that count failures only (wrong sign-in passwords): how long `key`
 * must still wait, in ms, 0 when it may try. Unreachable counters let it try.
 */
export const failureLimitWait = async (name: RateLimitName, key: string): Promise<number> => {
  const limit = env().rateLimits[name];
  if (!limit) return 0;
  try {
    const state = await limiterFor(name, limit).get(key);
    return state && state.consumedPoints >= limit.points ? state.msBeforeNext : 0;
  } catch (error) {
    log.error({ err: error, limit: name }, "A rate limit could not be read; the attempt goes through");
    return 0;
  }
};

/** Counts one failure against `key`; answers how long it must now wait (0: it may try again). */
export const countFailure = async (name: RateLimitName, key: string): Promise<number> => {
  const limit = env().rateLimits[name];
  if (!limit) return 0;
  try {
    const state = await limiterFor(name, limit).penalty(key);
    return state.consumedPoints >= limit.points ? state.msBeforeNext : 0;
  } catch (error) {
    log.error({ err: error, limit: name }, "A rate limit could not count a failure");
    return 0;
  }
};

/** A success forgets the failures counted against `key`. */
export const forgetFailures = async (name: RateLimitName, key: string): Promise<void> => {
  const limit = env().rateLimits[name];
  if (!limit) return;
  await limiterFor(name, limit)
    .delete(key)
    .then(() => undefined)
    .catch((error: unknown) => log.error({ err: error, limit: name }, "A rate limit could not be reset"));
};

/**
 * The client as a per-address limit counts it: its IPv4 address, or its IPv6
 * /64 (one subscriber's network: a client picks any address in it at will).
 * "unknown" when the app runs behind a server other than ours.
 */
export const clientAddressOf = (request: Request) => addressGroup(request.headers.get(CLIENT_ADDRESS_HEADER));

export const addressGroup = (address: string | null): string => {
  if (!address || !ipaddr.isValid(address)) return "unknown";
  const parsed = ipaddr.process(address);
  if (parsed.kind() === "ipv4") return parsed.toString();
  const hextets = (parsed as ipaddr.IPv6).parts.slice(0, 4).map((part) => part.toString(16));
  return `${hextets.join(":")}::/64`;
};
