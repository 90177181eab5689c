import "server-only";
import type { Db } from "@/lib/db/client";
import { type Mode, newId } from "@/lib/ids";
import type { MerchantScope } from "@/lib/scope";
import { generateApiKeySecret, hashApiKeySecret, redactApiKeySecret } from "./api-key-secret";

export type ApiKeyView = {
  id: string;
  mode: Mode;
  name: string | null;
  redacted: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

/** The row of a new key (without its merchant) and its secret. */
export const newApiKeyRow = (mode: Mode, name: string | null = null) => {
  const secret = generateApiKeySecret(mode);
  const row = {
    id: newId("apiKey"),
    mode,
    name,
    secretHash: hashApiKeySecret(secret),
    redacted: redactApiKeySecret(secret),
  };
  return { row, secret };
};

/**
 * Creates a key of the scope's mode (a test key never mints a live one) and
 * returns its secret: the only time the secret exists outside the caller's hands.
 */
export const createApiKey = async (
  db: Pick<Db, "apiKey">,
  { merchantId, mode }: MerchantScope,
  name: string | null = null,
): Promise<{ apiKey: ApiKeyView; secret: string }> => {
  const { row, secret } = newApiKeyRow(mode, name);
  const apiKey = await db.apiKey.create({ data: { ...row, merchantId }, select: apiKeyViewSelect });
  return { apiKey, secret };
};

export const apiKeyViewSelect = {
  id: true,
  mode: true,
  name: true,
  redacted: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
} as const;
