import type { HostedCheckout as Checkout } from "@/lib/checkout/find-hosted-checkout";
import { CryptoCheckout } from "./crypto-checkout";
import { WalletCheckout } from "./wallet-checkout";

/** The form of a session's family; the card issue adds its own. */
export function HostedCheckout({ checkout, embed }: { checkout: Checkout; embed: boolean }) {
  switch (checkout.family) {
    case "wallet":
      return <WalletCheckout session={checkout.session} embed={embed} />;
    case "crypto":
      return <CryptoCheckout session={checkout.session} />;
  }
}
