import "server-only";
import type { DbClient } from "@/lib/db/client";
import { parseInput } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { merchantSettings } from "@/lib/schemas/merchant";
import { apiKeyViewSelect, newApiKeyRow } from "./create-api-key";

export type CreateMerchantOptions = { name: string };

/** A merchant and its first test-mode key, in one statement: both exist or neither. */
export const createMerchant = async (db: DbClient, { name }: CreateMerchantOptions) => {
  const { name: trimmed } = parseInput(merchantSettings, { name });
  const { row, secret } = newApiKeyRow("test");
  const merchant = await db.merchant.create({
    data: { id: newId("merchant"), name: trimmed, apiKeys: { create: row } },
    include: { apiKeys: { select: apiKeyViewSelect } },
  });
  const [apiKey] = merchant.apiKeys;
  return { merchant, apiKey, secret };
};
