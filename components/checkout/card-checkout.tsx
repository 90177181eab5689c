import { headers } from "next/headers";
import { cardRedirectUrl, type StoredOrderItem } from "@/lib/card/card-session-json";
import { cardSessionStatus } from "@/lib/card/card-session-state";
import type { HostedCardSession } from "@/lib/card/get-hosted-card-session";
import { hostedCardLocale } from "@/lib/card/hosted-card-locale";
import { formatMoney } from "@/lib/money";
import { CardPaymentForm } from "./card-payment-form";
import { CheckoutFrame, PaymentInProgress, SummaryList } from "./checkout-frame";

type Address = { line1: string; line2?: string; city: string; state?: string; postalCode?: string; country: string };
type Customer = {
  firstName: string;
  lastName: string;
  email: string;
  phone?: string;
  billingAddress?: Address;
  shippingAddress?: Address;
};

const ENDED = {
  FAILED: { title: "Payment failed", text: "The payment could not be completed and no attempts are left." },
  EXPIRED: { title: "This checkout has expired", text: "Nothing was charged." },
  CANCELLED: { title: "This checkout was cancelled", text: "The shop cancelled this checkout. Nothing was charged." },
} as const;

/** The hosted card page (SPEC §4, §5): decides early, then shows the order, the customer and the card form. */
export async function CardCheckout({ session }: { session: HostedCardSession }) {
  const locale = hostedCardLocale(session.locale, (await headers()).get("accept-language"));
  const money = (minor: bigint) => formatMoney(minor, session.currency, locale);
  const frame = { merchantName: session.merchant.name, testMode: session.mode === "test" };
  const status = cardSessionStatus(session);
  const total = money(session.amountTotal);
  const summary = <OrderSummary session={session} money={money} />;
  const backLink = (succeeded: boolean) => (
    <a
      className="mt-4 inline-block font-semibold text-indigo-700 underline underline-offset-4"
      href={cardRedirectUrl(session, succeeded)}
    >
      Return to {session.merchant.name}
    </a>
  );

  if (status === "SUCCEEDED" || status === "PARTIALLY_REFUNDED" || status === "REFUNDED") {
    return (
      <CheckoutFrame {...frame} title="Payment complete">
        <p role="status" className="mb-4 rounded-lg bg-emerald-50 p-4 text-emerald-900">
          {total} paid{session.cardBrand ? ` with the card ending in ${session.cardLast4}` : ""}. Thank you!
        </p>
        {summary}
        {backLink(true)}
      </CheckoutFrame>
    );
  }
  if (status === "FAILED" || status === "EXPIRED" || status === "CANCELLED") {
    return (
      <CheckoutFrame {...frame} title={ENDED[status].title}>
        <p className="mb-4 text-slate-700">
          {ENDED[status].text} Go back to {session.merchant.name} to start again.
        </p>
        {summary}
        {backLink(false)}
      </CheckoutFrame>
    );
  }
  const challenge = session.attempts.find((attempt) => attempt.status === "requires_action");
  // A running attempt, or one whose outcome the reconciler is still learning (no deadline).
  const claimed = status === "PROCESSING" && (session.processingUntil === null || session.processingUntil > new Date());
  if (claimed && !challenge) {
    return <PaymentInProgress {...frame} />;
  }
  const attemptsLeft = session.maxAttempts - session.attemptCount;
  return (
    <CheckoutFrame {...frame} title={`Pay ${total}`}>
      {summary}
      <CustomerDetails customer={session.customer as Customer} locale={locale} shipping={session.shipping} />
      <div className="mt-6">
        {session.attemptCount > 0 && attemptsLeft > 0 && !claimed ? (
          <p className="mb-3 text-sm text-slate-700">
            {attemptsLeft === 1 ? "1 attempt left." : `${attemptsLeft} attempts left.`}
          </p>
        ) : null}
        <CardPaymentForm
          secret={session.secret}
          payLabel={`Pay ${total}`}
          amountLabel={total}
          merchantName={session.merchant.name}
          pendingChallenge={claimed ? challenge?.id : undefined}
        />
      </div>
    </CheckoutFrame>
  );
}

function OrderSummary({ session, money }: { session: HostedCardSession; money: (minor: bigint) => string }) {
  const items = (session.orderItems ?? []) as StoredOrderItem[];
  const lines: [string, string][] = items.map((item) => [
    `${item.name} × ${item.quantity}`,
    money(BigInt(item.unitPrice) * BigInt(item.quantity)),
  ]);
  if (session.amountShipping !== null) lines.push(["Shipping", money(session.amountShipping)]);
  if (session.amountTax !== null) lines.push(["Tax", money(session.amountTax)]);
  lines.push(["Total", money(session.amountTotal)]);
  return (
    <section aria-label="Order summary">
      <p className="mb-2 text-sm text-slate-700">Order {session.orderReference}</p>
      <SummaryList items={lines} />
    </section>
  );
}

function CustomerDetails({ customer, locale, shipping }: { customer: Customer; locale: string; shipping: unknown }) {
  const regions = new Intl.DisplayNames([locale], { type: "region", fallback: "code" });
  const address = (value: Address) =>
    [
      value.line1,
      value.line2,
      [value.city, value.state, value.postalCode].filter(Boolean).join(" "),
      regions.of(value.country),
    ]
      .filter(Boolean)
      .join(", ");
  const method = shipping as { type?: string; method?: string } | null;
  const rows: [string, string][] = [
    ["Name", `${customer.firstName} ${customer.lastName}`],
    ["E-mail", customer.email],
  ];
  if (customer.phone) rows.push(["Phone", customer.phone]);
  if (customer.billingAddress) rows.push(["Billing address", address(customer.billingAddress)]);
  if (customer.shippingAddress) rows.push(["Shipping address", address(customer.shippingAddress)]);
  if (method?.type) rows.push(["Delivery", [method.type, method.method].filter(Boolean).join(" · ")]);
  return (
    <section aria-labelledby="customer-heading" className="mt-6">
      <h2 id="customer-heading" className="mb-2 text-sm font-semibold text-slate-900">
        Your details
      </h2>
      <dl className="space-y-1.5 text-sm">
        {rows.map(([label, value]) => (
          <div key={label} className="grid gap-x-2 sm:grid-cols-[8rem_minmax(0,1fr)]">
            <dt className="text-slate-700">{label}</dt>
            <dd className="min-w-0 text-slate-900 [overflow-wrap:anywhere]">{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
