import type { Db } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import { isId } from "@/lib/ids";
import type { MerchantAuth } from "./authenticate-api-key";
import { type ApiKeyView, apiKeyViewSelect } from "./create-api-key";

/** A key of the calling merchant and mode; anything else (malformed, foreign, missing) is the same 404. */
export const getApiKeyOrThrow = async (
  db: Db,
  { auth, keyId }: { auth: MerchantAuth; keyId: string },
): Promise<ApiKeyView> => {
  const apiKey = isId("apiKey", keyId)
    ? await db.apiKey.findFirst({
        where: { id: keyId, merchantId: auth.merchantId, mode: auth.mode },
        select: apiKeyViewSelect,
      })
    : null;
  if (!apiKey) throw new DomainError("not_found", "No such API key.", { param: "id" });
  return apiKey;
};
