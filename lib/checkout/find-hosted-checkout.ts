import type { Db } from "@/lib/db/client";
import { getHostedWalletCheckout, type HostedWalletCheckout } from "@/lib/wallet/get-hosted-wallet-checkout";
import { checkoutFamilyOf } from "./checkout-token";

// SPEC §5: the hosted entry point finds a session by its secret whatever its
// family. The secret's prefix names the family; the card and crypto issues
// add theirs here.
export type HostedCheckout = { family: "wallet"; session: HostedWalletCheckout };

export const findHostedCheckout = async (db: Db, secret: string): Promise<HostedCheckout | undefined> => {
  switch (checkoutFamilyOf(secret)) {
    case "wallet": {
      const session = await getHostedWalletCheckout(db, secret);
      return session && { family: "wallet", session };
    }
    case undefined:
      return undefined;
  }
};
