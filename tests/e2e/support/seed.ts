import { Lava } from "@lavapayments/nodejs";
import { setCryptoXpub } from "../../../lib/crypto/crypto-account";
import { createPrismaClient } from "../../../lib/db/client";
import { createDashboardUser } from "../../../lib/merchants/create-dashboard-user";
import { createMerchant } from "../../../lib/merchants/create-merchant";
import { randomXpub } from "../../support/crypto";

// The browser tests' world: a merchant of their own and the Lava SDK on our server.
export const seedWalletMerchant = async (name: string) => {
  const url = process.env.TEST_SERVER_DATABASE_URL;
  const baseUrl = process.env.TEST_BASE_URL;
  if (!url || !baseUrl) throw new Error("Run the browser tests through `npm test` (tests/run.ts).");
  const db = createPrismaClient(url);
  try {
    const { secret } = await createMerchant(db, { name });
    return new Lava(secret, { apiVersion: "2025-04-28.v1", baseUrl: `${baseUrl}/v1/` });
  } finally {
    await db.$disconnect();
  }
};

/** A merchant with its own test-mode extended public key; returns its API key. */
export const seedCryptoMerchant = async (name: string) => {
  const url = process.env.TEST_SERVER_DATABASE_URL;
  if (!url) throw new Error("Run the browser tests through `npm test` (tests/run.ts).");
  const db = createPrismaClient(url);
  try {
    const { merchant, secret } = await createMerchant(db, { name });
    await setCryptoXpub(db, { merchantId: merchant.id, mode: "test" }, randomXpub());
    return secret;
  } finally {
    await db.$disconnect();
  }
};

/** A merchant for the card pages; returns its API key. */
export const seedCardMerchant = async (name: string) => {
  const url = process.env.TEST_SERVER_DATABASE_URL;
  if (!url) throw new Error("Run the browser tests through `npm test` (tests/run.ts).");
  const db = createPrismaClient(url);
  try {
    return (await createMerchant(db, { name })).secret;
  } finally {
    await db.$disconnect();
  }
};

/** Moves a card session's expiry into the past, as time would. */
export const expireCardSession = async (sessionId: string) => {
  const db = createPrismaClient(process.env.TEST_SERVER_DATABASE_URL ?? "");
  try {
    await db.cardSession.update({ where: { id: sessionId }, data: { expiresAt: new Date(Date.now() - 1000) } });
  } finally {
    await db.$disconnect();
  }
};

/** A merchant with a dashboard user of the given role (and, for a viewer, an owner beside it). */
export const seedDashboardMerchant = async (name: string, roles: ("owner" | "viewer")[] = ["owner"]) => {
  const db = createPrismaClient(process.env.TEST_SERVER_DATABASE_URL ?? "");
  try {
    const { merchant, secret } = await createMerchant(db, { name });
    const slug = `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${merchant.id.slice(-6).toLowerCase()}`;
    const users = [];
    for (const role of roles) {
      const email = `${role}@${slug}.example.com`;
      const password = `pw-${role}-${merchant.id.slice(-10)}`;
      await createDashboardUser(db, merchant.id, { email, password, role });
      users.push({ email, password, role });
    }
    return { merchantId: merchant.id, apiKey: secret, users };
  } finally {
    await db.$disconnect();
  }
};
