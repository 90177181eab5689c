import "server-only";
import type { ApiKeyView } from "./create-api-key";

/** The API's view of a key: never its secret, except `secret` once at creation. */
export const apiKeyJson = (apiKey: ApiKeyView, secret?: string) => ({
  id: apiKey.id,
  object: "api_key" as const,
  mode: apiKey.mode,
  name: apiKey.name,
  redacted: apiKey.redacted,
  ...(secret ? { secret } : {}),
  created_at: apiKey.createdAt.toISOString(),
  last_used_at: apiKey.lastUsedAt?.toISOString() ?? null,
  revoked_at: apiKey.revokedAt?.toISOString() ?? null,
});
