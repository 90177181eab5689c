import "server-only";
import type { Db } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import { isId } from "@/lib/ids";
import type { MerchantScope } from "@/lib/scope";
import { type ApiKeyView, apiKeyViewSelect } from "./create-api-key";

/** A key of the scope; anything else (malformed, foreign, the other mode's, missing) is the same 404. */
export const getApiKeyOrThrow = async (db: Db, scope: MerchantScope, keyId: string): Promise<ApiKeyView> => {
  const apiKey = isId("apiKey", keyId)
    ? await db.apiKey.findFirst({ where: { id: keyId, ...scope }, select: apiKeyViewSelect })
    : null;
  if (!apiKey) throw new DomainError("not_found", "No such API key.", { param: "id" });
  return apiKey;
};
