import "server-only";
import type { DbClient } from "@/lib/db/client";
import { parseInput } from "@/lib/errors";
import { merchantSettings } from "@/lib/schemas/merchant";
import { getMerchantOrThrow } from "./get-merchant";

/** The name customers see on hosted pages and the dashboard shows in its header. */
export const renameMerchant = async (db: DbClient, merchantId: string, name: string) => {
  const data = parseInput(merchantSettings, { name });
  await getMerchantOrThrow(db, merchantId);
  return db.merchant.update({ where: { id: merchantId }, data, select: { id: true, name: true } });
};
