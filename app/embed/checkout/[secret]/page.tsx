// /embed/checkout/{secret}: the page Lava's useLavaCheckout() opens in its iframe.
// Only the session's origin_url may frame it (CSP frame-ancestors, set in proxy.ts).
import { notFound } from "next/navigation";
import { HostedCheckout } from "@/components/checkout/hosted-checkout";
import { findHostedCheckout } from "@/lib/checkout/find-hosted-checkout";
import { db } from "@/lib/db/client";
import { checkoutMetadata } from "@/lib/i18n/checkout-metadata";

export const generateMetadata = checkoutMetadata;

export default async function EmbeddedCheckoutPage({ params }: { params: Promise<{ secret: string }> }) {
  const { secret } = await params;
  const checkout = await findHostedCheckout(db(), secret);
  if (!checkout) notFound();
  return <HostedCheckout checkout={checkout} embed />;
}
