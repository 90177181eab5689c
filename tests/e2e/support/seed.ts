import { Lava } from "@lavapayments/nodejs";
import { createPrismaClient } from "../../../lib/db/client";
import { createMerchant } from "../../../lib/merchants/create-merchant";

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
