import "server-only";
import { randomBytes } from "node:crypto";
import { setCryptoXpub } from "@/lib/crypto/crypto-account";
import { DEMO_TEST_XPUB } from "@/lib/crypto/derive-address";
import type { Db } from "@/lib/db/client";
import { seedDemoWallet } from "@/lib/wallet/seed-demo-wallet";
import { createDashboardUser } from "./create-dashboard-user";
import { createMerchant } from "./create-merchant";

// Any constant shared by every instance: two instances starting on one empty
// database at once still create a single demo merchant.
const DEMO_SEED_LOCK = 7_301_001;

export const DEMO_MERCHANT_NAME = "Demo Merchant";
export const DEMO_OWNER_EMAIL = "demo@example.com";

/**
 * On an empty database, creates the demo merchant with a sample plan and
 * bundle, a test-mode crypto key and a dashboard owner with a random
 * password; returns the key secret and the password (shown once), or undefined.
 */
export const ensureDemoMerchant = (db: Db) =>
  db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${DEMO_SEED_LOCK})`;
    if ((await tx.merchant.count()) > 0) return undefined;
    const demo = await createMerchant(tx, { name: DEMO_MERCHANT_NAME });
    await seedDemoWallet(tx, { merchantId: demo.merchant.id, mode: "test" });
    await setCryptoXpub(tx, { merchantId: demo.merchant.id, mode: "test" }, DEMO_TEST_XPUB);
    const password = randomBytes(12).toString("base64url");
    const owner = await createDashboardUser(tx, demo.merchant.id, { email: DEMO_OWNER_EMAIL, password, role: "owner" });
    return { ...demo, owner: { email: owner.email, password } };
  });
