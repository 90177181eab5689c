import cluster from "node:cluster";
import fs from "node:fs";
import path from "node:path";
import { purgeExpiredIdempotencyKeys } from "@/lib/api/idempotency";
import { every } from "@/lib/background/every";
import { reconcileDueOperations } from "@/lib/background/reconcile";
import { expireDueCardSessions } from "@/lib/card/close-card-session";
import { startCryptoBackground } from "@/lib/crypto/crypto-background";
import { createPrismaClient } from "@/lib/db/client";
import { env, rereadEnv } from "@/lib/env";
import { log, routeConsoleToLog } from "@/lib/log";
import { ensureAuthTokenKey } from "@/lib/merchants/auth-token";
import { ensureDemoMerchant } from "@/lib/merchants/ensure-demo-merchant";
import { purgeOldProviderStats } from "@/lib/providers/provider-stats";
import { ensureEncryptionKey } from "@/lib/security/encryption-key";
import { expireDueWalletCheckouts } from "@/lib/wallet/expire-wallet-checkouts";
import { renewDueSubscriptions } from "@/lib/wallet/renew-due-subscriptions";
import { purgeOldEvents } from "@/lib/webhooks/purge-old-events";
import { sealPlaintextWebhookSecrets } from "@/lib/webhooks/save-webhook-endpoint";
import { startWebhookWorker } from "@/lib/webhooks/webhook-worker";
import { runHttpWorker, startHttpWorkers } from "./cluster";
import { ensureBuild, PROJECT_ROOT } from "./ensure-build";
import { openDatabase } from "./open-database";
import { serveHttp } from "./serve-http";
import { copyVendorAssets } from "./vendor-assets";

const say = (line: string) => log.info(line);
/** A background job's failure: logged, and the job runs again at its next tick. */
const failed = (job: string) => (error: unknown) => log.error({ err: error, job }, `${job} failed`);

const MINUTE_MS = 60 * 1000;
const HOUR_MS = 60 * MINUTE_MS;
const EXPIRY_SWEEP_MS = 5_000;

/**
 * `npm start`: database (embedded unless DATABASE_URL), migrations, demo
 * merchant on an empty database, build if stale, then Next.js: in
 * WEB_CONCURRENCY worker processes (lib/server/cluster.ts), or in this same
 * process when that is 1 and under `tillpoint dev`. The background jobs run
 * in this process. SIGINT/SIGTERM stop the HTTP server(s), then the embedded
 * database.
 */
export const startServer = async ({ dev }: { dev: boolean }) => {
  // A forked HTTP worker runs this same command: it only serves.
  if (cluster.isWorker) return runHttpWorker();
  routeConsoleToLog();
  const { port, publicBaseUrl, databaseUrl, dataDir } = env();
  const workers = dev ? 1 : env().webConcurrency;
  if (dev) copyVendorAssets(PROJECT_ROOT);
  else ensureBuild(say);

  const database = await openDatabase({ owner: "server", log: say });
  say(databaseUrl ? "Using the PostgreSQL server of DATABASE_URL" : `Embedded PostgreSQL running, data in ${dataDir}`);
  // Everything in this process (background jobs, the test providers' store) and the HTTP workers it forks read
  // DATABASE_URL through lib/env.ts, like any deployment.
  process.env.DATABASE_URL = database.url;
  rereadEnv();
  const prisma = createPrismaClient(database.url, "background");
  /** The HTTP side: the workers, or this process's own server. */
  let httpServer: { stop: () => Promise<void> } | undefined;
  let purgeTimer: NodeJS.Timeout | undefined;
  let renewalTimer: NodeJS.Timeout | undefined;
  let expiryTimer: NodeJS.Timeout | undefined;
  let stopCrypto: (() => Promise<void>) | undefined;
  let stopWebhooks: (() => Promise<void>) | undefined;
  let stopReconciler: (() => Promise<void>) | undefined;

  let stopping: Promise<void> | undefined;
  const stop = (signal: string) => {
    stopping ??= (async () => {
      log.info({ signal }, "Shutting down");
      // The HTTP side first (each worker finishes its requests), then the background jobs, then the database.
      await httpServer?.stop();
      clearInterval(purgeTimer);
      clearInterval(renewalTimer);
      clearInterval(expiryTimer);
      await stopReconciler?.();
      await stopCrypto?.();
      await stopWebhooks?.();
      await prisma.$disconnect().catch(() => {});
      await database.close();
      log.info("Stopped");
    })();
    return stopping;
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (stopping) {
        log.warn("Forced exit");
        process.exit(1);
      }
      void stop(signal).then(() => process.exit(0));
    });
  }

  try {
    await ensureEncryptionKey(prisma, "server");
    await ensureAuthTokenKey(prisma);
    const sealed = await sealPlaintextWebhookSecrets(prisma);
    if (sealed) say(`Sealed ${sealed} webhook signing secret(s) stored in plaintext`);
    const demo = await ensureDemoMerchant(prisma);
    if (demo) announceDemoMerchant(demo.merchant.id, demo.secret, demo.owner);

    httpServer = workers > 1 ? await startHttpWorkers(workers) : await serveHttp({ dev, port });
    log.info(
      { port, public_base_url: publicBaseUrl, http_workers: workers },
      `Ready on ${publicBaseUrl} (listening on port ${port}, ${workers} HTTP ${workers === 1 ? "process" : "workers"})`,
    );

    purgeTimer = setInterval(() => {
      void purgeExpiredIdempotencyKeys(prisma).catch(failed("Idempotency purge"));
      void purgeOldProviderStats(prisma).catch(failed("Routing statistics purge"));
      void purgeOldEvents(prisma).catch(failed("Event purge"));
    }, HOUR_MS).unref();
    // Every instance sweeps; each renewal claims its subscription first, so it charges once.
    renewalTimer = setInterval(
      () => void renewDueSubscriptions(prisma).catch(failed("Subscription renewals")),
      MINUTE_MS,
    ).unref();
    // Card sessions and wallet checkouts: one UPDATE each per sweep, harmless when several instances run it.
    expiryTimer = setInterval(() => {
      void expireDueCardSessions(prisma).catch(failed("Card expiry sweep"));
      void expireDueWalletCheckouts(prisma).catch(failed("Wallet expiry sweep"));
    }, EXPIRY_SWEEP_MS).unref();
    // Charges and refunds whose outcome is unknown: each row is taken with SKIP LOCKED, so instances share them.
    stopReconciler = every(env().reconcile.intervalMs, () =>
      reconcileDueOperations(prisma)
        .then(() => undefined)
        .catch(failed("Reconciliation")),
    );
    // Crypto checkout: expiry sweep, and a chain watcher per configured network.
    stopCrypto = startCryptoBackground(prisma);
    // Webhook deliveries: claimed with SKIP LOCKED, so any number of instances share the work.
    if (env().webhooks.worker) stopWebhooks = startWebhookWorker(prisma);
  } catch (error) {
    await stop("startup failure");
    throw error;
  }
};

/**
 * The demo merchant's key and password are secrets: they go to a file only
 * this user can read, never into the logs (which a log service keeps). A
 * person at a terminal also sees them on screen.
 */
const announceDemoMerchant = (merchantId: string, secret: string, owner: { email: string; password: string }) => {
  const lines = [
    "A demo merchant was created on this empty database.",
    `merchant: ${merchantId}`,
    `test API key (shown once, keep it): ${secret}`,
    `dashboard: ${env().publicBaseUrl}/dashboard`,
    `  sign in as ${owner.email} with password ${owner.password} (shown once)`,
  ];
  const file = path.join(env().dataDir, "demo-sign-in.txt");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${lines.join("\n")}\n`, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  log.warn(
    { merchant_id: merchantId, demo_sign_in_file: file },
    `A demo merchant was created on this empty database: its API key and dashboard sign-in are in ${file}`,
  );
  if (!process.stdout.isTTY) return;
  const width = Math.max(...lines.map((line) => line.length));
  process.stdout.write(
    [
      `┌${"─".repeat(width + 2)}┐`,
      ...lines.map((line) => `│ ${line.padEnd(width)} │`),
      `└${"─".repeat(width + 2)}┘`,
      "",
    ].join("\n"),
  );
};
