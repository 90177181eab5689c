import type { HostedCheckout as Checkout } from "@/lib/checkout/find-hosted-checkout";
import { CardCheckout } from "./card-checkout";
import { CryptoCheckout } from "./crypto-checkout";
import { WalletCheckout } from "./wallet-checkout";

/** The form of a session's family. */
export function HostedCheckout({ checkout, embed }: { checkout: Checkout; embed: boolean }) {
  switch (checkout.family) {
    case "wallet":
      return <WalletCheckout view={checkout.view} embed={embed} />;
    case "crypto":
      return <CryptoCheckout view={checkout.view} />;
    case "card":
      return <CardCheckout view={checkout.view} />;
  }
}
