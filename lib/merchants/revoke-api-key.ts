import type { Db } from "@/lib/db/client";
import type { MerchantAuth } from "./authenticate-api-key";
import { type ApiKeyView, apiKeyViewSelect } from "./create-api-key";
import { getApiKeyOrThrow } from "./get-api-key";

const revokeWhere = async (db: Db, where: { id: string; merchantId?: string; mode?: MerchantAuth["mode"] }) => {
  // revokedAt: null in the filter: revoking twice keeps the first time.
  await db.apiKey.updateMany({ where: { ...where, revokedAt: null }, data: { revokedAt: new Date() } });
};

/** The CLI's revoke (any key, by id); undefined for an unknown key. */
export const revokeApiKey = async (db: Db, { keyId }: { keyId: string }): Promise<ApiKeyView | undefined> => {
  await revokeWhere(db, { id: keyId });
  return (await db.apiKey.findUnique({ where: { id: keyId }, select: apiKeyViewSelect })) ?? undefined;
};

/** The API's revoke: only a key of the calling merchant and mode; any other is a 404. */
export const revokeOwnApiKey = async (db: Db, { auth, keyId }: { auth: MerchantAuth; keyId: string }) => {
  await revokeWhere(db, { id: keyId, merchantId: auth.merchantId, mode: auth.mode });
  return getApiKeyOrThrow(db, { auth, keyId });
};
