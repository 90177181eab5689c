import type { Db } from "@/lib/db/client";
import type { MerchantAuth } from "./authenticate-api-key";
import { type ApiKeyView, apiKeyViewSelect } from "./create-api-key";
import { getApiKeyOrThrow } from "./get-api-key";

/** Revokes a key; revoking twice keeps the first time. Returns undefined for an unknown key. */
export const revokeApiKey = async (db: Db, { keyId }: { keyId: string }): Promise<ApiKeyView | undefined> => {
  await db.apiKey.updateMany({ where: { id: keyId, revokedAt: null }, data: { revokedAt: new Date() } });
  return (await db.apiKey.findUnique({ where: { id: keyId }, select: apiKeyViewSelect })) ?? undefined;
};

/** The API's revoke: only a key of the calling merchant and mode (else 404). */
export const revokeOwnApiKey = async (db: Db, { auth, keyId }: { auth: MerchantAuth; keyId: string }) => {
  await getApiKeyOrThrow(db, { auth, keyId });
  return (await revokeApiKey(db, { keyId })) as ApiKeyView;
};
