import "server-only";
import { setCryptoXpub } from "@/lib/crypto/crypto-account";
import { DEMO_TEST_XPUB } from "@/lib/crypto/derive-address";
import type { Db } from "@/lib/db/client";
import { seedDemoWallet } from "@/lib/wallet/seed-demo-wallet";
import { createMerchant } from "./create-merchant";

// Any constant shared by every instance: two instances starting on one empty
// database at once still create a single demo merchant.
const DEMO_SEED_LOCK = 7_301_001;

export const DEMO_MERCHANT_NAME = "Demo Merchant";

/** On an empty database, creates the demo merchant with a sample plan and bundle and a test-mode crypto key; returns its key secret (once) or undefined. */
export const ensureDemoMerchant = (db: Db) =>
  db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${DEMO_SEED_LOCK})`;
    if ((await tx.merchant.count()) > 0) return undefined;
    const demo = await createMerchant(tx, { name: DEMO_MERCHANT_NAME });
    await seedDemoWallet(tx, { merchantId: demo.merchant.id, mode: "test" });
    await setCryptoXpub(tx, { merchantId: demo.merchant.id, mode: "test" }, DEMO_TEST_XPUB);
    return demo;
  });
