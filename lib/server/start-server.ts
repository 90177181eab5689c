import http from "node:http";
import { purgeExpiredIdempotencyKeys } from "@/lib/api/idempotency";
import { CLIENT_ADDRESS_HEADER } from "@/lib/api/rate-limit";
import { every } from "@/lib/background/every";
import { reconcileDueOperations } from "@/lib/background/reconcile";
import { expireDueCardSessions } from "@/lib/card/close-card-session";
import { startCryptoBackground } from "@/lib/crypto/crypto-background";
import { createPrismaClient } from "@/lib/db/client";
import { env } from "@/lib/env";
import { ensureAuthTokenKey } from "@/lib/merchants/auth-token";
import { ensureDemoMerchant } from "@/lib/merchants/ensure-demo-merchant";
import { purgeOldProviderStats } from "@/lib/providers/provider-stats";
import { ensureEncryptionKey } from "@/lib/security/encryption-key";
import { expireDueWalletCheckouts } from "@/lib/wallet/expire-wallet-checkouts";
import { renewDueSubscriptions } from "@/lib/wallet/renew-due-subscriptions";
import { purgeOldEvents } from "@/lib/webhooks/purge-old-events";
import { sealPlaintextWebhookSecrets } from "@/lib/webhooks/save-webhook-endpoint";
import { startWebhookWorker } from "@/lib/webhooks/webhook-worker";
import { clientAddress } from "./client-address";
import { ensureBuild, PROJECT_ROOT } from "./ensure-build";
import { openDatabase } from "./open-database";

const log = (line: string) => console.log(`[tillpoint] ${line}`);

const MINUTE_MS = 60 * 1000;
const HOUR_MS = 60 * MINUTE_MS;
const EXPIRY_SWEEP_MS = 5_000;

/**
 * `npm start`: database (embedded unless DATABASE_URL), migrations, demo
 * merchant on an empty database, build if stale, then Next.js in this same
 * process. SIGINT/SIGTERM stop the HTTP server, then the embedded database.
 */
export const startServer = async ({ dev }: { dev: boolean }) => {
  const { port, publicBaseUrl, databaseUrl, dataDir } = env();
  if (!dev) ensureBuild(log);

  const database = await openDatabase({ owner: "server", log });
  log(databaseUrl ? "Using the PostgreSQL server of DATABASE_URL" : `Embedded PostgreSQL running, data in ${dataDir}`);
  const prisma = createPrismaClient(database.url);
  let server: http.Server | undefined;
  let purgeTimer: NodeJS.Timeout | undefined;
  let renewalTimer: NodeJS.Timeout | undefined;
  let expiryTimer: NodeJS.Timeout | undefined;
  let stopCrypto: (() => Promise<void>) | undefined;
  let stopWebhooks: (() => Promise<void>) | undefined;
  let stopReconciler: (() => Promise<void>) | undefined;

  let stopping: Promise<void> | undefined;
  const stop = (signal: string) => {
    stopping ??= (async () => {
      log(`${signal}: shutting down`);
      clearInterval(purgeTimer);
      clearInterval(renewalTimer);
      clearInterval(expiryTimer);
      await stopReconciler?.();
      await stopCrypto?.();
      await stopWebhooks?.();
      await new Promise<void>((resolve) => {
        if (!server) return resolve();
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server?.closeAllConnections(), 5_000).unref();
      });
      await prisma.$disconnect().catch(() => {});
      await database.close();
      log("Stopped");
    })();
    return stopping;
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (stopping) {
        log("Forced exit");
        process.exit(1);
      }
      void stop(signal).then(() => process.exit(0));
    });
  }

  try {
    await ensureEncryptionKey(prisma, "server");
    await ensureAuthTokenKey(prisma);
    const sealed = await sealPlaintextWebhookSecrets(prisma);
    if (sealed) log(`Sealed ${sealed} webhook signing secret(s) stored in plaintext`);
    const demo = await ensureDemoMerchant(prisma);
    if (demo) printDemoSignIn(demo.merchant.id, demo.secret, demo.owner);

    // Route handlers read DATABASE_URL through lib/env.ts, like any deployment.
    process.env.DATABASE_URL = database.url;
    (process.env as Record<string, string>).NODE_ENV = dev ? "development" : "production";
    const { default: next } = await import("next");
    const app = next({ dev, dir: PROJECT_ROOT, port });
    await app.prepare();
    const handle = app.getRequestHandler();
    server = http.createServer((request, response) => {
      // The one source of the client's address for rate limits: whatever a client sent under this name is replaced.
      request.headers[CLIENT_ADDRESS_HEADER] = clientAddress(
        request.socket.remoteAddress,
        request.headers["x-forwarded-for"],
        env().trustedProxyHops,
      );
      void handle(request, response);
    });
    await new Promise<void>((resolve, reject) => {
      server?.once("error", reject);
      server?.listen(port, () => resolve());
    });
    log(`Ready on ${publicBaseUrl} (listening on port ${port})`);

    purgeTimer = setInterval(() => {
      void purgeExpiredIdempotencyKeys(prisma).catch((error) => console.error("Idempotency purge failed", error));
      void purgeOldProviderStats(prisma).catch((error) => console.error("Routing statistics purge failed", error));
      void purgeOldEvents(prisma).catch((error) => console.error("Event purge failed", error));
    }, HOUR_MS).unref();
    // Every instance sweeps; each renewal claims its subscription first, so it charges once.
    renewalTimer = setInterval(
      () => void renewDueSubscriptions(prisma).catch((error) => console.error("Subscription renewals failed", error)),
      MINUTE_MS,
    ).unref();
    // Card sessions and wallet checkouts: one UPDATE each per sweep, harmless when several instances run it.
    expiryTimer = setInterval(() => {
      void expireDueCardSessions(prisma).catch((error) => console.error("Card expiry sweep failed", error));
      void expireDueWalletCheckouts(prisma).catch((error) => console.error("Wallet expiry sweep failed", error));
    }, EXPIRY_SWEEP_MS).unref();
    // Charges and refunds whose outcome is unknown: each row is taken with SKIP LOCKED, so instances share them.
    stopReconciler = every(env().reconcile.intervalMs, () =>
      reconcileDueOperations(prisma)
        .then(() => undefined)
        .catch((error) => console.error("Reconciliation failed", error)),
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

const printDemoSignIn = (merchantId: string, secret: string, owner: { email: string; password: string }) => {
  const lines = [
    "A demo merchant was created on this empty database.",
    `merchant: ${merchantId}`,
    `test API key (shown once, keep it): ${secret}`,
    `dashboard: ${env().publicBaseUrl}/dashboard`,
    `  sign in as ${owner.email} with password ${owner.password} (shown once)`,
  ];
  const width = Math.max(...lines.map((line) => line.length));
  console.log(`\n┌${"─".repeat(width + 2)}┐`);
  for (const line of lines) console.log(`│ ${line.padEnd(width)} │`);
  console.log(`└${"─".repeat(width + 2)}┘\n`);
};
