import "server-only";
import type { Db } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import type { Mode } from "@/lib/ids";
import { log } from "@/lib/log";
import { cachedApiKey, STORED_API_KEY_SELECT } from "./api-key-cache";
import { API_KEY_PATTERN, hashApiKeySecret } from "./api-key-secret";

export type MerchantAuth = { merchantId: string; mode: Mode; apiKeyId: string };

// last_used_at is for people ("is this key still in use?"), so minute
// precision is plenty and spares a write on every request.
const LAST_USED_RESOLUTION_MS = 60_000;

/** `Authorization: Bearer sk_…` → the merchant and mode it acts for, or a 401. */
export const authenticateApiKey = async (db: Db, authorization: string | null): Promise<MerchantAuth> => {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (!match) {
    throw new DomainError("unauthorized", "Missing API key: send it as `Authorization: Bearer sk_test_…`.");
  }
  const secret = match[1];
  const secretHash = API_KEY_PATTERN.test(secret) ? hashApiKeySecret(secret) : undefined;
  const apiKey = secretHash
    ? await cachedApiKey(`hash:${secretHash}`, () =>
        db.apiKey.findUnique({ where: { secretHash }, select: STORED_API_KEY_SELECT }),
      )
    : null;
  if (!apiKey) throw new DomainError("unauthorized", "Invalid API key.");
  if (apiKey.revokedAt) throw new DomainError("unauthorized", "This API key has been revoked.");

  if (!apiKey.lastUsedAt || Date.now() - apiKey.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    // Not awaited: bookkeeping never delays or fails the request it describes. The cached key
    // (this same object) is marked too, so this process writes once a minute per key.
    apiKey.lastUsedAt = new Date();
    db.apiKey
      .update({ where: { id: apiKey.id }, data: { lastUsedAt: new Date() } })
      .catch((error: unknown) => log.error({ err: error }, "Could not record API key use"));
  }
  return { merchantId: apiKey.merchantId, mode: apiKey.mode, apiKeyId: apiKey.id };
};
