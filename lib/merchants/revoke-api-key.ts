import "server-only";
import type { Db } from "@/lib/db/client";
import type { MerchantScope } from "@/lib/scope";
import { type ApiKeyView, apiKeyViewSelect } from "./create-api-key";
import { getApiKeyOrThrow } from "./get-api-key";

const revokeWhere = async (db: Db, where: { id: string } & Partial<MerchantScope>) => {
  // revokedAt: null in the filter: revoking twice keeps the first time.
  await db.apiKey.updateMany({ where: { ...where, revokedAt: null }, data: { revokedAt: new Date() } });
};

/** The CLI's revoke, run by the operator: any key, by id; undefined for an unknown key. */
export const revokeApiKeyById = async (db: Db, keyId: string): Promise<ApiKeyView | undefined> => {
  await revokeWhere(db, { id: keyId });
  return (await db.apiKey.findUnique({ where: { id: keyId }, select: apiKeyViewSelect })) ?? undefined;
};

/** A merchant's revoke: only a key of its scope (any other is a 404); returns the revoked key. */
export const revokeApiKey = async (db: Db, scope: MerchantScope, keyId: string) => {
  await revokeWhere(db, { id: keyId, ...scope });
  return getApiKeyOrThrow(db, scope, keyId);
};
