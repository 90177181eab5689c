import { getHostedCardSession, type HostedCardSession } from "@/lib/card/get-hosted-card-session";
import { getHostedCryptoCheckout, type HostedCryptoCheckout } from "@/lib/crypto/get-hosted-crypto-checkout";
import type { Db } from "@/lib/db/client";
import { getHostedWalletCheckout, type HostedWalletCheckout } from "@/lib/wallet/get-hosted-wallet-checkout";
import { checkoutFamilyOf } from "./checkout-token";

// SPEC §5: the hosted entry point finds a session by its secret whatever its
// family. The secret's prefix names the family.
export type HostedCheckout =
  | { family: "wallet"; session: HostedWalletCheckout }
  | { family: "crypto"; session: HostedCryptoCheckout }
  | { family: "card"; session: HostedCardSession };

export const findHostedCheckout = async (db: Db, secret: string): Promise<HostedCheckout | undefined> => {
  switch (checkoutFamilyOf(secret)) {
    case "wallet": {
      const session = await getHostedWalletCheckout(db, secret);
      return session && { family: "wallet", session };
    }
    case "crypto": {
      const session = await getHostedCryptoCheckout(db, secret);
      return session && { family: "crypto", session };
    }
    case "card": {
      const session = await getHostedCardSession(db, secret);
      return session && { family: "card", session };
    }
    case undefined:
      return undefined;
  }
};
