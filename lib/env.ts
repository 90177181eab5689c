import os from "node:os";
import path from "node:path";
import { z } from "zod";

// Crypto checkout: one EVM network per mode. Without an RPC URL nothing
// watches that mode's chain: test mode then only takes simulated payments,
// and live mode refuses to create crypto sessions.
const evmAddress = z.string().regex(/^0x[0-9a-fA-F]{40}$/, "must be a 0x-prefixed 20-byte hex address");
const httpUrl = z.url({ protocol: /^https?$/, error: "must be an absolute http(s) URL" });
const httpsUrl = z.url({ protocol: /^https$/, error: "must be an absolute https URL" });
const cryptoNetworkFields = (mode: "TEST" | "LIVE", defaults: { chainId: number; confirmations: number }) => ({
  [`CRYPTO_${mode}_RPC_URL`]: httpUrl.optional(),
  [`CRYPTO_${mode}_CHAIN_ID`]: z.coerce
    .number()
    .int()
    .min(1)
    .max(2 ** 53 - 1)
    .default(defaults.chainId),
  [`CRYPTO_${mode}_CONFIRMATIONS`]: z.coerce.number().int().min(1).max(1000).default(defaults.confirmations),
  [`CRYPTO_${mode}_USDC_ADDRESS`]: evmAddress.optional(),
  [`CRYPTO_${mode}_USDT_ADDRESS`]: evmAddress.optional(),
  // Prices decide what a customer pays: a live price source must be https.
  [`CRYPTO_${mode}_RATE_URL`]: (mode === "LIVE" ? httpsUrl : httpUrl).optional(),
});
// Ethereum mainnet and Circle's and Tether's contracts there.
const LIVE_TOKEN_DEFAULTS = {
  USDC: "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48",
  USDT: "0xdAC17F958D2ee523a2206206994597C13D831ec7",
};

export type CryptoNetworkConfig = {
  chainId: number;
  rpcUrl?: string;
  confirmations: number;
  tokens: { USDC?: `0x${string}`; USDT?: `0x${string}` };
  rateUrl?: string;
};

const networkOf = (raw: Record<string, unknown>, mode: "TEST" | "LIVE"): CryptoNetworkConfig => {
  const field = (name: string) => raw[`CRYPTO_${mode}_${name}`] as string | undefined;
  const tokenDefaults: Partial<Record<"USDC" | "USDT", string>> = mode === "LIVE" ? LIVE_TOKEN_DEFAULTS : {};
  return {
    chainId: raw[`CRYPTO_${mode}_CHAIN_ID`] as number,
    rpcUrl: field("RPC_URL"),
    confirmations: raw[`CRYPTO_${mode}_CONFIRMATIONS`] as number,
    tokens: {
      USDC: (field("USDC_ADDRESS") ?? tokenDefaults.USDC) as `0x${string}` | undefined,
      USDT: (field("USDT_ADDRESS") ?? tokenDefaults.USDT) as `0x${string}` | undefined,
    },
    rateUrl: field("RATE_URL"),
  };
};

// A rate limit: "<requests>/<seconds>s" (e.g. "100/1s"), or "off".
const rateLimit = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value, context) => {
      if (value === "off") return undefined;
      const match = /^(\d{1,9})\/(\d{1,6})s$/.exec(value);
      const points = Number(match?.[1]);
      const seconds = Number(match?.[2]);
      if (!match || points < 1 || seconds < 1) {
        context.addIssue({ code: "custom", message: 'must be "<requests>/<seconds>s" (e.g. "100/1s") or "off"' });
        return z.NEVER;
      }
      return { points, seconds };
    });

// Every environment variable Tillpoint reads, validated once. A wrong value
// stops the process at start with the variable's name in the message.
const envSchema = z
  .object({
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    // HTTP worker processes of `tillpoint start` (README "Using every core"); `tillpoint dev` always runs one.
    // One per core, at most 8 by default and 32 in all: each holds database connections.
    WEB_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(Math.min(8, os.availableParallelism())),
    PUBLIC_BASE_URL: z
      .url({ protocol: /^https?$/, error: "must be an absolute http(s) URL" })
      .refine((value) => !/[?#]/.test(value), "must not contain a query or fragment")
      .optional(),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
      .optional(),
    DATA_DIR: z.string().min(1).default("./data"),
    // The key that seals stored secrets (webhook signing secrets, the JWT
    // signing key): 32 bytes in base64 (`openssl rand -base64 32`). Unset: a
    // key file made on first start in DATA_DIR. Every instance, and the CLI,
    // must use the same key.
    ENCRYPTION_KEY: z
      .string()
      .refine(
        (value) => /^[A-Za-z0-9+/_-]{43}=?$/.test(value) && Buffer.from(value, "base64").length === 32,
        "must be 32 random bytes in base64 (openssl rand -base64 32)",
      )
      .optional(),
    NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
    ...cryptoNetworkFields("TEST", { chainId: 31337, confirmations: 1 }),
    ...cryptoNetworkFields("LIVE", { chainId: 1, confirmations: 12 }),
    // BTCPay Server's payment tolerance: a session completes when this much
    // less than due has arrived (percent, up to two decimals; 0 = the full amount).
    CRYPTO_UNDERPAYMENT_TOLERANCE_PERCENT: z
      .string()
      .regex(/^\d{1,2}(\.\d{1,2})?$/, "must be a percentage from 0 to 50, at most two decimals")
      .transform((value) => Math.round(Number(value) * 100))
      .refine((bps) => bps <= 5000, "must be a percentage from 0 to 50, at most two decimals")
      .default(0),
    // A price more than this far from the last one accepted (within the hour) is refused.
    CRYPTO_RATE_MAX_CHANGE_PERCENT: z.coerce.number().int().min(1).max(100).default(20),
    CRYPTO_POLL_INTERVAL_MS: z.coerce.number().int().min(100).max(600_000).default(4000),
    CRYPTO_SESSION_TTL_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60)
      .default(60),
    // contract "Crypto checkout (WeWire dialect)": a quote holds for at least 10 minutes.
    CRYPTO_QUOTE_TTL_MINUTES: z.coerce
      .number()
      .int()
      .min(10)
      .max(24 * 60)
      .default(15),
    // Card sessions (contract "Card payment sessions (Kadosei dialect)"): how long a session may be paid, how many
    // payment attempts a customer gets, how long routing waits for a provider.
    CARD_SESSION_TTL_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60)
      .default(60),
    CARD_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
    // A wallet checkout is locked after this many declined payments (card testing).
    WALLET_MAX_FAILED_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(10),
    // The operator's service charge on each metered request: percent of base cost plus fee (README "Metered requests").
    WALLET_SERVICE_CHARGE_PERCENT: z
      .string()
      .regex(/^(100|\d{1,2})(\.\d{1,4})?$/, "must be a percentage from 0 to 100, at most four decimals")
      .refine((value) => Number(value) <= 100, "must be a percentage from 0 to 100, at most four decimals")
      .default("0"),
    // Every card provider call (card sessions, wallet checkouts, renewals, refunds) gives up after this.
    CARD_PROVIDER_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
    // The reconciler of unknown outcomes (README "Exactly once"): how often it
    // looks, how it backs off while a provider is unreachable, and after how
    // long an operation is reported as unresolved.
    RECONCILE_INTERVAL_MS: z.coerce.number().int().min(50).max(600_000).default(2_000),
    RECONCILE_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(5_000),
    RECONCILE_RETRY_MAX_MS: z.coerce
      .number()
      .int()
      .min(10)
      .max(24 * 3_600_000)
      .default(15 * 60_000),
    RECONCILE_UNRESOLVED_AFTER_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(30 * 24 * 60)
      .default(60),
    // Rate limits (README "Exactly once"), shared by every instance through the
    // database: per API key on the merchant APIs; per client address and per
    // session on the hosted pages' payment endpoints.
    RATE_LIMIT_API_KEY: rateLimit("100/1s"),
    RATE_LIMIT_HOSTED_IP: rateLimit("60/60s"),
    RATE_LIMIT_HOSTED_SESSION: rateLimit("20/60s"),
    // Dashboard sign-in: wrong passwords per e-mail address and per client
    // address; over either, sign-in waits until the window ends.
    RATE_LIMIT_SIGN_IN_EMAIL: rateLimit("5/900s"),
    RATE_LIMIT_SIGN_IN_IP: rateLimit("30/900s"),
    // How many reverse proxies in front of Tillpoint append to X-Forwarded-For;
    // 0 (the default) takes the client address from the connection itself.
    TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
    // GET /metrics (README "Operating Tillpoint"): with a token, only a scraper that sends it as
    // a bearer token; without one, only clients on loopback.
    METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
    // Webhooks (contract "Webhooks"). `off` runs an instance that serves requests but
    // delivers nothing (another instance's worker does).
    WEBHOOK_WORKER: z.enum(["on", "off"]).default("on"),
    WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
    // Retry n waits about base·2^(n-1), at most max, with jitter, until the window ends.
    WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(5_000),
    WEBHOOK_RETRY_MAX_MS: z.coerce
      .number()
      .int()
      .min(10)
      .max(24 * 3_600_000)
      .default(6 * 3_600_000),
    // How long a delivery is retried, and how long an endpoint may fail before it is disabled.
    WEBHOOK_RETRY_WINDOW_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(30 * 24)
      .default(72),
    WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
    WEBHOOK_POLL_INTERVAL_MS: z.coerce.number().int().min(50).max(60_000).default(500),
  })
  .transform((raw) => ({
    port: raw.PORT,
    webConcurrency: raw.WEB_CONCURRENCY,
    publicBaseUrl: (raw.PUBLIC_BASE_URL ?? `http://localhost:${raw.PORT}`).replace(/\/+$/, ""),
    databaseUrl: raw.DATABASE_URL,
    dataDir: path.resolve(raw.DATA_DIR),
    encryptionKey: raw.ENCRYPTION_KEY ? Buffer.from(raw.ENCRYPTION_KEY, "base64") : undefined,
    nodeEnv: raw.NODE_ENV,
    crypto: {
      test: networkOf(raw, "TEST"),
      live: networkOf(raw, "LIVE"),
      pollIntervalMs: raw.CRYPTO_POLL_INTERVAL_MS,
      rateMaxChangePercent: raw.CRYPTO_RATE_MAX_CHANGE_PERCENT,
      underpaymentToleranceBps: raw.CRYPTO_UNDERPAYMENT_TOLERANCE_PERCENT,
      sessionTtlMs: raw.CRYPTO_SESSION_TTL_MINUTES * 60_000,
      quoteTtlMs: raw.CRYPTO_QUOTE_TTL_MINUTES * 60_000,
    },
    card: {
      sessionTtlMs: raw.CARD_SESSION_TTL_MINUTES * 60_000,
      maxAttempts: raw.CARD_MAX_ATTEMPTS,
      providerTimeoutMs: raw.CARD_PROVIDER_TIMEOUT_MS,
    },
    wallet: {
      maxFailedAttempts: raw.WALLET_MAX_FAILED_ATTEMPTS,
      /** A decimal string ("1.5"); lib/wallet/meter-pricing.ts parses it exactly. */
      serviceChargePercent: raw.WALLET_SERVICE_CHARGE_PERCENT,
    },
    reconcile: {
      intervalMs: raw.RECONCILE_INTERVAL_MS,
      retryBaseMs: raw.RECONCILE_RETRY_BASE_MS,
      retryMaxMs: Math.max(raw.RECONCILE_RETRY_MAX_MS, raw.RECONCILE_RETRY_BASE_MS),
      unresolvedAfterMs: raw.RECONCILE_UNRESOLVED_AFTER_MINUTES * 60_000,
    },
    rateLimits: {
      apiKey: raw.RATE_LIMIT_API_KEY,
      hostedIp: raw.RATE_LIMIT_HOSTED_IP,
      hostedSession: raw.RATE_LIMIT_HOSTED_SESSION,
      signInEmail: raw.RATE_LIMIT_SIGN_IN_EMAIL,
      signInIp: raw.RATE_LIMIT_SIGN_IN_IP,
    },
    trustedProxyHops: raw.TRUSTED_PROXY_HOPS,
    metricsToken: raw.METRICS_TOKEN,
    webhooks: {
      worker: raw.WEBHOOK_WORKER === "on",
      timeoutMs: raw.WEBHOOK_TIMEOUT_MS,
      retryBaseMs: raw.WEBHOOK_RETRY_BASE_MS,
      retryMaxMs: Math.max(raw.WEBHOOK_RETRY_MAX_MS, raw.WEBHOOK_RETRY_BASE_MS),
      retryWindowMs: raw.WEBHOOK_RETRY_WINDOW_HOURS * 3_600_000,
      concurrency: raw.WEBHOOK_CONCURRENCY,
      pollIntervalMs: raw.WEBHOOK_POLL_INTERVAL_MS,
    },
  }));

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {}

export const parseEnv = (source: Record<string, string | undefined>): Env => {
  // Empty strings mean "unset", as in most shells' `VAR= cmd` idiom.
  const defined = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = envSchema.safeParse(defined);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
  throw new EnvError(`Invalid environment configuration:\n${problems.join("\n")}`);
};

let cached: Env | undefined;

/** The validated configuration of this process (parsed on first use). */
export const env = (): Env => {
  cached ??= parseEnv(process.env);
  return cached;
};

/** Reads the environment again on the next env(): once the server has set DATABASE_URL to the database it opened. */
export const rereadEnv = () => {
  cached = undefined;
};
