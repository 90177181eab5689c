import { apiKeyJson } from "@/lib/merchants/api-key-json";
import { createApiKey } from "@/lib/merchants/create-api-key";
import { listApiKeys } from "@/lib/merchants/list-api-keys";
import { revokeApiKeyById } from "@/lib/merchants/revoke-api-key";
import { type CliValues, parseMode, print, requireOption, UsageError, withDb } from "./output";

export const runKeyCommand = async ([action, keyId]: string[], values: CliValues) => {
  switch (action) {
    case "create": {
      const merchantId = requireOption(values.merchant, "merchant");
      const mode = parseMode(values.mode);
      const result = await withDb(async (db) => {
        if (!(await db.merchant.findUnique({ where: { id: merchantId } }))) return undefined;
        return createApiKey(db, { merchantId, mode }, values.name);
      });
      if (!result) throw new UsageError(`No merchant ${merchantId}.`);
      print(
        values.json,
        { ...apiKeyJson(result.apiKey, result.secret), merchant_id: merchantId, api_key: result.secret },
        `Created ${mode} key ${result.apiKey.id}.\nSecret (shown once): ${result.secret}`,
      );
      return;
    }
    case "list": {
      const merchantId = requireOption(values.merchant, "merchant");
      const keys = await withDb((db) => listApiKeys(db, { merchantId }));
      print(
        values.json,
        keys.map((key) => apiKeyJson(key)),
        keys
          .map((key) => {
            const state = key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : "active";
            const used = key.lastUsedAt ? `last used ${key.lastUsedAt.toISOString()}` : "never used";
            return `${key.id}  ${key.mode}  ${key.redacted}  ${state}  ${used}${key.name ? `  ${key.name}` : ""}`;
          })
          .join("\n") || "No keys.",
      );
      return;
    }
    case "revoke": {
      if (!keyId) throw new UsageError("Name the key to revoke: tillpoint key revoke <key_id>.");
      const key = await withDb((db) => revokeApiKeyById(db, keyId));
      if (!key) throw new UsageError(`No API key ${keyId}.`);
      print(values.json, apiKeyJson(key), `Revoked ${key.id} (${key.redacted}).`);
      return;
    }
    default:
      throw new UsageError(`Unknown key action "${action ?? ""}".`);
  }
};
