import { setCryptoXpub } from "@/lib/crypto/crypto-account";
import { cryptoSettings } from "@/lib/crypto/crypto-settings";
import { type CliValues, merchantScope, print, requireOption, UsageError, withDb } from "./output";

// `crypto …`: the merchant's extended public key, as PUT/GET /api/v1/crypto/settings.

const summary = (settings: Awaited<ReturnType<typeof cryptoSettings>>) =>
  settings.xpub
    ? `${settings.mode} mode: ${settings.xpub}\n  next deposit address ${settings.nextAddress} (${settings.addressesUsed} used), ${settings.network.name} (chain ${settings.network.chainId}), assets ${settings.assets.join(", ") || "none"}`
    : `${settings.mode} mode: no extended public key set`;

export const runCryptoCommand = async ([action]: string[], values: CliValues) => {
  const scope = merchantScope(values);
  switch (action) {
    case "set-xpub": {
      const xpub = requireOption(values.xpub, "xpub");
      const settings = await withDb(async (db) => {
        await setCryptoXpub(db, scope, xpub);
        return cryptoSettings(db, scope);
      });
      return print(values.json, settings, summary(settings));
    }
    case "show": {
      const settings = await withDb((db) => cryptoSettings(db, scope));
      return print(values.json, settings, summary(settings));
    }
    default:
      throw new UsageError(`Unknown crypto action "${action ?? ""}": use set-xpub or show.`);
  }
};
