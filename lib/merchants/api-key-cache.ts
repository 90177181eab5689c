import "server-only";
import crypto from "node:crypto";
import pg from "pg";
import { env } from "@/lib/env";
import type { Mode } from "@/lib/ids";
import { log, withoutRequestContext } from "@/lib/log";

// The API keys this process authenticated, so a merchant call costs no query
// for its key (README "Performance"). A revoked key is refused within a second
// on every instance:
// - a trigger announces every change that matters (a revoke, a deletion) on
//   API_KEY_CHANNEL at commit, whoever made it (migration
//   20261202170000_api_key_change_notifications); each process LISTENs on its
//   own connection and drops that key;
// - that connection pings itself every PING_MS with a notification of its own.
//   Notifications are delivered in commit order, so a ping that came back has
//   brought every change committed before it was sent; a cached key is used
//   only while the last ping that came back was sent less than TRUST_MS ago. A listener that
//   died, hangs or reconnects makes every lookup go to the database until it
//   is confirmed again (and a reconnect starts from an empty cache).
// - a lookup that raced with a notification (or a reconnect) is not kept.

export const API_KEY_CHANNEL = "tillpoint_api_keys";
/** The payload that drops every cached key (TRUNCATE api_keys). */
const ALL_KEYS = "*";
const PING_MS = 250;
const TRUST_MS = 750;
const RECONNECT_MS = 1_000;
/** Longest a key is kept without being read again from the database, whatever the listener says. */
const ENTRY_TTL_MS = 5 * 60_000;
const MAX_ENTRIES = 10_000;

export type StoredApiKey = {
  id: string;
  merchantId: string;
  mode: Mode;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
};

export const STORED_API_KEY_SELECT = {
  id: true,
  merchantId: true,
  mode: true,
  revokedAt: true,
  lastUsedAt: true,
} as const;

type Entry = { key: StoredApiKey; cachedAt: number };
type State = {
  entries: Map<string, Entry>;
  /** Bumped by every notification and every listener loss: a lookup that saw it change keeps nothing. */
  epoch: number;
  /** When the last answered ping was sent (0: the listener is not confirmed). */
  confirmedAt: number;
};

const globalForCache = globalThis as unknown as { tillpointApiKeyCache?: State };

const state = (): State => {
  if (!globalForCache.tillpointApiKeyCache) {
    const fresh: State = { entries: new Map(), epoch: 0, confirmedAt: 0 };
    globalForCache.tillpointApiKeyCache = fresh;
    // Started by the first lookup, but not as part of its request: the connection outlives it.
    withoutRequestContext(() => listen(fresh));
  }
  return globalForCache.tillpointApiKeyCache;
};

const trusted = (cache: State) => cache.confirmedAt > 0 && Date.now() - cache.confirmedAt < TRUST_MS;

const forgetAll = (cache: State) => {
  cache.epoch++;
  cache.entries.clear();
};

const listen = (cache: State) => {
  const client = new pg.Client({
    connectionString: env().databaseUrl,
    application_name: "tillpoint-api-key-cache",
    keepAlive: true,
    query_timeout: 2_000,
    connectionTimeoutMillis: 2_000,
  });
  let pinger: NodeJS.Timeout | undefined;
  let lost = false;
  const lose = (error?: unknown) => {
    if (lost) return;
    lost = true;
    clearInterval(pinger);
    cache.confirmedAt = 0;
    forgetAll(cache);
    if (error)
      log.warn({ err: error }, "API key cache: the listener connection failed; keys are read from the database");
    void client.end().catch(() => {});
    setTimeout(() => listen(cache), RECONNECT_MS).unref();
  };
  // Pings are notifications this connection sends itself on a channel of its own: one coming back proves that
  // notifications reach it (a connection pooler in transaction mode, say, would answer queries but never them).
  const pingChannel = `tillpoint_key_cache_${crypto.randomBytes(8).toString("hex")}`;
  const sentPings = new Map<string, number>();
  let pings = 0;
  client.on("notification", (message) => {
    if (message.channel === pingChannel) {
      const sent = sentPings.get(message.payload ?? "");
      sentPings.delete(message.payload ?? "");
      if (sent !== undefined && !lost) cache.confirmedAt = Math.max(cache.confirmedAt, sent);
      return;
    }
    if (message.channel !== API_KEY_CHANNEL) return;
    cache.epoch++;
    if (message.payload === ALL_KEYS) cache.entries.clear();
    for (const [lookup, entry] of cache.entries) if (entry.key.id === message.payload) cache.entries.delete(lookup);
  });
  client.on("error", lose);
  client.on("end", () => lose(new Error("connection ended")));
  const ping = () => {
    const id = String(pings++);
    sentPings.set(id, Date.now());
    // A ping that never came back is forgotten with the next ones.
    for (const old of sentPings.keys()) if (Number(old) < pings - 8) sentPings.delete(old);
    return client.query("SELECT pg_notify($1, $2)", [pingChannel, id]);
  };
  client
    .connect()
    .then(() => client.query(`LISTEN ${API_KEY_CHANNEL}`))
    .then(() => client.query(`LISTEN ${pingChannel}`))
    .then(() => {
      // What was cached before this connection listened may have missed a notification.
      forgetAll(cache);
      pinger = setInterval(() => void ping().catch(lose), PING_MS).unref();
      return ping();
    })
    .catch(lose);
};

/**
 * The key `lookup` names ("hash:…" or "id:…"), from this process's cache when
 * it can be trusted, else from `load`. Revoked keys are never kept.
 */
export const cachedApiKey = async (
  lookup: string,
  load: () => Promise<StoredApiKey | null>,
): Promise<StoredApiKey | null> => {
  const cache = state();
  const hit = cache.entries.get(lookup);
  if (hit && trusted(cache) && Date.now() - hit.cachedAt < ENTRY_TTL_MS) return hit.key;
  const epoch = cache.epoch;
  const key = await load();
  if (key && !key.revokedAt && cache.epoch === epoch && trusted(cache)) {
    if (cache.entries.size >= MAX_ENTRIES) cache.entries.clear();
    cache.entries.set(lookup, { key, cachedAt: Date.now() });
  }
  return key;
};
