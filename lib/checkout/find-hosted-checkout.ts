import "server-only";
import { type HostedBrand, hostedBrand } from "@/lib/branding/hosted-brand";
import { getHostedCardSession } from "@/lib/card/get-hosted-card-session";
import { type HostedCardView, hostedCardView } from "@/lib/card/hosted-card-view";
import { getHostedCryptoCheckout } from "@/lib/crypto/get-hosted-crypto-checkout";
import { type HostedCryptoView, hostedCryptoView } from "@/lib/crypto/hosted-crypto-view";
import type { Db } from "@/lib/db/client";
import { checkoutFamilyOf } from "@/lib/security/checkout-token";
import { getHostedWalletCheckout } from "@/lib/wallet/get-hosted-wallet-checkout";
import { type HostedWalletView, hostedWalletView } from "@/lib/wallet/hosted-wallet-view";

// contract "Hosted checkout pages": the hosted entry point finds a session by its secret whatever its
// family. The secret's prefix names the family. The page gets the family's
// view model: plain data, decided for display, no database rows; and the
// merchant's brand, which every family's page wears alike.
export type HostedCheckout = { brand: HostedBrand } & (
  | { family: "wallet"; view: HostedWalletView }
  | { family: "crypto"; view: HostedCryptoView }
  | { family: "card"; view: HostedCardView }
);

export const findHostedCheckout = async (db: Db, secret: string): Promise<HostedCheckout | undefined> => {
  switch (checkoutFamilyOf(secret)) {
    case "wallet": {
      const session = await getHostedWalletCheckout(db, secret);
      return session && { family: "wallet", view: hostedWalletView(session), brand: hostedBrand(session.merchant) };
    }
    case "crypto": {
      const session = await getHostedCryptoCheckout(db, secret);
      return session && { family: "crypto", view: hostedCryptoView(session), brand: hostedBrand(session.merchant) };
    }
    case "card": {
      const session = await getHostedCardSession(db, secret);
      return session && { family: "card", view: hostedCardView(session), brand: hostedBrand(session.merchant) };
    }
    case undefined:
      return undefined;
  }
};
