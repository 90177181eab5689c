import { NextIntlClientProvider } from "next-intl";
import type { HostedCheckout as Checkout } from "@/lib/checkout/find-hosted-checkout";
import { CardCheckout } from "./card-checkout";
import { CryptoCheckout } from "./crypto-checkout";
import { WalletCheckout } from "./wallet-checkout";

/**
 * The form of a session's family, in the customer's language. The provider
 * hands the browser this request's locale and its one catalog (never the
 * others) for the client parts: form messages, buttons, the picker.
 */
export function HostedCheckout({ checkout, embed }: { checkout: Checkout; embed: boolean }) {
  return <NextIntlClientProvider>{familyPage(checkout, embed)}</NextIntlClientProvider>;
}

const familyPage = (checkout: Checkout, embed: boolean) => {
  switch (checkout.family) {
    case "wallet":
      return <WalletCheckout view={checkout.view} brand={checkout.brand} embed={embed} />;
    case "crypto":
      return <CryptoCheckout view={checkout.view} brand={checkout.brand} />;
    case "card":
      return <CardCheckout view={checkout.view} brand={checkout.brand} />;
  }
};
