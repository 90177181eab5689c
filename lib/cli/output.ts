import { createPrismaClient, type Db } from "@/lib/db/client";
import type { Mode } from "@/lib/ids";
import type { MerchantScope } from "@/lib/scope";
import { ensureEncryptionKey } from "@/lib/security/encryption-key";
import { openDatabase } from "@/lib/server/open-database";

export class UsageError extends Error {}

export type CliValues = {
  name?: string;
  merchant?: string;
  mode?: string;
  json?: boolean;
  price?: string;
  "included-credit"?: string;
  interval?: string;
  plan?: string;
  cost?: string;
  credit?: string;
  meters?: string;
  slug?: string;
  tiers?: string;
  "rate-type"?: string;
  "token-basis"?: string;
  "base-cost-payer"?: string;
  "service-charge-payer"?: string;
  xpub?: string;
  url?: string;
  events?: string;
  description?: string;
  email?: string;
  role?: string;
  "display-name"?: string;
  logo?: string;
  "brand-color"?: string;
  "button-color"?: string;
  "corner-style"?: string;
  theme?: string;
  "show-powered-by"?: string;
  "default-locale"?: string;
  "forward-to"?: string;
  "api-key"?: string;
  "api-base"?: string;
  state?: string;
};

export const parseMode = (mode: string | undefined) => {
  if (mode === undefined || mode === "test" || mode === "live") return mode ?? "test";
  throw new UsageError(`--mode is "test" or "live", not "${mode}".`);
};

/** Prints `data` as JSON for scripts, or `human` for people. */
export const print = (json: boolean | undefined, data: unknown, human: string) => {
  console.log(json ? JSON.stringify(data, null, 2) : human);
};

/** Runs `work` with a Prisma client on the app's database, then releases everything it opened. */
export const withDb = async <T>(work: (db: Db) => Promise<T>): Promise<T> => {
  const database = await openDatabase({ owner: "cli" });
  const db = createPrismaClient(database.url);
  try {
    await ensureEncryptionKey(db, "cli");
    return await work(db);
  } finally {
    await db.$disconnect();
    await database.close();
  }
};

export const requireOption = (value: string | undefined, flag: string): string => {
  if (!value) throw new UsageError(`Missing --${flag}.`);
  return value;
};

/** `--merchant <id> [--mode test|live]`: the scope of a merchant command. */
export const merchantScope = (values: CliValues): MerchantScope => ({
  merchantId: requireOption(values.merchant, "merchant"),
  mode: parseMode(values.mode) as Mode,
});
