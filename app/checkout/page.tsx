// The hosted checkout entry point with the token in the query: /checkout?token=….
import { notFound } from "next/navigation";
import { HostedCheckout } from "@/components/checkout/hosted-checkout";
import { findCheckoutByToken } from "@/lib/checkout/find-checkout-by-token";
import { checkoutMetadata } from "@/lib/i18n/checkout-metadata";

export const generateMetadata = checkoutMetadata;

export default async function CheckoutQueryPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  const checkout = await findCheckoutByToken(typeof token === "string" ? token : undefined);
  if (!checkout) notFound();
  return <HostedCheckout checkout={checkout} embed={false} />;
}
