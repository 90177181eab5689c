import "server-only";
import type { DbClient } from "@/lib/db/client";
import type { CryptoAccount } from "@/lib/generated/prisma/client";
import type { MerchantScope } from "@/lib/scope";
import { getActiveCryptoAccount, setCryptoXpub } from "./crypto-account";
import { deriveDepositAddress } from "./derive-address";
import { availableAssets, chainName, cryptoNetwork } from "./network";

/** What a merchant's crypto checkout runs on in this mode: its key, the next deposit address, the network and assets. */
export const cryptoSettings = async (db: DbClient, scope: MerchantScope) =>
  settingsOf(scope, await getActiveCryptoAccount(db, scope));

/** Sets the merchant's extended public key in this mode and returns the settings it gives. */
export const updateCryptoSettings = async (db: DbClient, scope: MerchantScope, { xpub }: { xpub: string }) =>
  settingsOf(scope, await setCryptoXpub(db, scope, xpub));

const settingsOf = (scope: MerchantScope, account: CryptoAccount | null) => {
  const network = cryptoNetwork(scope.mode);
  return {
    mode: scope.mode,
    xpub: account?.xpub ?? null,
    derivationPath: "xpub/0/i (account key m/44'/60'/0')",
    addressesUsed: account?.nextIndex ?? 0,
    nextAddress: account ? deriveDepositAddress(account.xpub, account.nextIndex) : null,
    network: {
      chainId: network.chainId,
      name: chainName(network.chainId),
      confirmations: network.confirmations,
      watched: Boolean(network.rpcUrl),
      tokens: network.tokens,
    },
    assets: availableAssets(scope.mode),
  };
};
