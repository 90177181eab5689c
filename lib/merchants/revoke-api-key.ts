import type { Db } from "@/lib/db/client";
import type { Mode } from "@/lib/ids";
import { apiKeyViewSelect } from "./create-api-key";

export type RevokeApiKeyOptions = { keyId: string; merchantId?: string; mode?: Mode };

/**
 * Revokes a key; revoking twice keeps the first time. Scoped by merchant (and
 * mode), a key of another merchant is not found, exactly like a missing one.
 */
export const revokeApiKey = async (db: Db, { keyId, merchantId, mode }: RevokeApiKeyOptions) => {
  const where = { id: keyId, ...(merchantId ? { merchantId } : {}), ...(mode ? { mode } : {}) };
  await db.apiKey.updateMany({ where: { ...where, revokedAt: null }, data: { revokedAt: new Date() } });
  return db.apiKey.findFirst({ where, select: apiKeyViewSelect });
};
