import type { HostedCheckout as Checkout } from "@/lib/checkout/find-hosted-checkout";
import { WalletCheckout } from "./wallet-checkout";

/** The form of a session's family; the card and crypto issues add theirs. */
export function HostedCheckout({ checkout, embed }: { checkout: Checkout; embed: boolean }) {
  switch (checkout.family) {
    case "wallet":
      return <WalletCheckout session={checkout.session} embed={embed} />;
  }
}
