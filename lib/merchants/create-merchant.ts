import "server-only";
import type { DbClient } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import { apiKeyViewSelect, newApiKeyRow } from "./create-api-key";

export type CreateMerchantOptions = { name: string };

export class MerchantInputError extends Error {}

/** A merchant and its first test-mode key, in one statement: both exist or neither. */
export const createMerchant = async (db: DbClient, { name }: CreateMerchantOptions) => {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > 200) throw new MerchantInputError("A merchant name has 1 to 200 characters.");
  const { row, secret } = newApiKeyRow("test");
  const merchant = await db.merchant.create({
    data: { id: newId("merchant"), name: trimmed, apiKeys: { create: row } },
    include: { apiKeys: { select: apiKeyViewSelect } },
  });
  const [apiKey] = merchant.apiKeys;
  return { merchant, apiKey, secret };
};
