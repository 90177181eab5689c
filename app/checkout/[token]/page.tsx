// The hosted checkout entry point of every family (contract "Hosted checkout pages"): /checkout/{token}.
import { notFound } from "next/navigation";
import { HostedCheckout } from "@/components/checkout/hosted-checkout";
import { findCheckoutByToken } from "@/lib/checkout/find-checkout-by-token";
import { checkoutMetadata } from "@/lib/i18n/checkout-metadata";

export const generateMetadata = checkoutMetadata;

export default async function CheckoutPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const checkout = await findCheckoutByToken(decodeURIComponent(token));
  if (!checkout) notFound();
  return <HostedCheckout checkout={checkout} embed={false} />;
}
