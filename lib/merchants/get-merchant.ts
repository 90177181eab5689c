import "server-only";
import type { DbClient } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";

export const getMerchantOrThrow = async (db: DbClient, merchantId: string) => {
  const merchant = await db.merchant.findUnique({ where: { id: merchantId }, select: { id: true, name: true } });
  if (!merchant) throw new DomainError("not_found", `No merchant ${merchantId}.`);
  return merchant;
};
