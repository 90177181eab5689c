import { headers } from "next/headers";
import { hostedCardLocale } from "@/lib/card/hosted-card-locale";
import type { CardSessionCustomer, HostedCardView } from "@/lib/card/hosted-card-view";
import { formatMoney } from "@/lib/money";
import { CardPaymentForm } from "./card-payment-form";
import { CheckoutFrame, PaymentInProgress, SummaryList } from "./checkout-frame";

const ENDED = {
  FAILED: { title: "Payment failed", text: "The payment could not be completed and no attempts are left." },
  EXPIRED: { title: "This checkout has expired", text: "Nothing was charged." },
  CANCELLED: { title: "This checkout was cancelled", text: "The shop cancelled this checkout. Nothing was charged." },
} as const;

/** The hosted card page (contract "Card payment sessions (Kadosei dialect)", "Hosted checkout pages"): the result, a payment in progress, or the order, the customer and the card form. */
export async function CardCheckout({ view }: { view: HostedCardView }) {
  const locale = hostedCardLocale(view.locale, (await headers()).get("accept-language"));
  const money = (minor: bigint) => formatMoney(minor, view.currency, locale);
  const frame = { merchantName: view.merchantName, testMode: view.testMode };
  const total = money(view.total);
  const summary = <OrderSummary view={view} money={money} />;
  const backLink = (
    <a className="mt-4 inline-block font-semibold text-indigo-700 underline underline-offset-4" href={view.returnUrl}>
      Return to {view.merchantName}
    </a>
  );

  if (view.phase === "paid") {
    return (
      <CheckoutFrame {...frame} title="Payment complete">
        <p role="status" className="mb-4 rounded-lg bg-emerald-50 p-4 text-emerald-900">
          {total} paid{view.paidWith ? ` with the card ending in ${view.paidWith.last4}` : ""}. Thank you!
        </p>
        {summary}
        {backLink}
      </CheckoutFrame>
    );
  }
  if (view.phase === "ended") {
    const ended = ENDED[view.status as keyof typeof ENDED];
    return (
      <CheckoutFrame {...frame} title={ended.title}>
        <p className="mb-4 text-slate-700">
          {ended.text} Go back to {view.merchantName} to start again.
        </p>
        {summary}
        {backLink}
      </CheckoutFrame>
    );
  }
  if (view.phase === "in_progress") {
    return <PaymentInProgress {...frame} />;
  }
  return (
    <CheckoutFrame {...frame} title={`Pay ${total}`}>
      {summary}
      <CustomerDetails customer={view.customer} locale={locale} delivery={view.delivery} />
      <div className="mt-6">
        {view.attemptsMade > 0 && view.attemptsLeft > 0 && !view.pendingChallengeId ? (
          <p className="mb-3 text-sm text-slate-700">
            {view.attemptsLeft === 1 ? "1 attempt left." : `${view.attemptsLeft} attempts left.`}
          </p>
        ) : null}
        <CardPaymentForm
          secret={view.secret}
          payLabel={`Pay ${total}`}
          amountLabel={total}
          merchantName={view.merchantName}
          pendingChallenge={view.pendingChallengeId ?? undefined}
        />
      </div>
    </CheckoutFrame>
  );
}

function OrderSummary({ view, money }: { view: HostedCardView; money: (minor: bigint) => string }) {
  const lines: [string, string][] = view.items.map((item) => [
    `${item.name} × ${item.quantity}`,
    money(item.lineTotal),
  ]);
  if (view.shipping !== null) lines.push(["Shipping", money(view.shipping)]);
  if (view.tax !== null) lines.push(["Tax", money(view.tax)]);
  lines.push(["Total", money(view.total)]);
  return (
    <section aria-label="Order summary">
      <p className="mb-2 text-sm text-slate-700">Order {view.orderReference}</p>
      <SummaryList items={lines} />
    </section>
  );
}

function CustomerDetails({
  customer,
  locale,
  delivery,
}: {
  customer: CardSessionCustomer;
  locale: string;
  delivery: HostedCardView["delivery"];
}) {
  const regions = new Intl.DisplayNames([locale], { type: "region", fallback: "code" });
  const address = (value: NonNullable<CardSessionCustomer["billingAddress"]>) =>
    [
      value.line1,
      value.line2,
      [value.city, value.state, value.postalCode].filter(Boolean).join(" "),
      regions.of(value.country),
    ]
      .filter(Boolean)
      .join(", ");
  const rows: [string, string][] = [
    ["Name", `${customer.firstName} ${customer.lastName}`],
    ["E-mail", customer.email],
  ];
  if (customer.phone) rows.push(["Phone", customer.phone]);
  if (customer.billingAddress) rows.push(["Billing address", address(customer.billingAddress)]);
  if (customer.shippingAddress) rows.push(["Shipping address", address(customer.shippingAddress)]);
  if (delivery?.type) rows.push(["Delivery", [delivery.type, delivery.method].filter(Boolean).join(" · ")]);
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
