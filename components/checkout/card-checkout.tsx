import { getLocale, getTranslations } from "next-intl/server";
import type { HostedBrand } from "@/lib/branding/hosted-brand";
import type { CardSessionCustomer, HostedCardView } from "@/lib/card/hosted-card-view";
import type { PageTranslator } from "@/lib/i18n/messages";
import { formatMoney } from "@/lib/money";
import { CardPaymentForm } from "./card-payment-form";
import { CheckoutFrame, PaymentInProgress, SummaryList } from "./checkout-frame";

const ENDED = {
  FAILED: { title: "card.failedTitle", text: "card.failedText" },
  EXPIRED: { title: "common.expiredTitle", text: "common.nothingCharged" },
  CANCELLED: { title: "card.cancelledTitle", text: "card.cancelledText" },
} as const;

/** The hosted card page (contract "Card payment sessions (Kadosei dialect)", "Hosted checkout pages"): the result, a payment in progress, or the order, the customer and the card form. */
export async function CardCheckout({ view, brand }: { view: HostedCardView; brand: HostedBrand }) {
  const [t, locale] = [await getTranslations(), await getLocale()];
  const money = (minor: bigint) => formatMoney(minor, view.currency, locale);
  const merchant = brand.name;
  const frame = { brand, testMode: view.testMode };
  const total = money(view.total);
  const summary = <OrderSummary view={view} money={money} t={t} />;
  const backLink = (
    <a
      className="mt-4 inline-block font-semibold text-indigo-700 dark:text-indigo-300 underline underline-offset-4"
      href={view.returnUrl}
    >
      {t("common.returnTo", { merchant })}
    </a>
  );

  if (view.phase === "paid") {
    return (
      <CheckoutFrame {...frame} title={t("common.paymentComplete")}>
        <p
          role="status"
          className="mb-4 rounded-control bg-emerald-50 dark:bg-emerald-950 p-4 text-emerald-900 dark:text-emerald-100"
        >
          {view.paidWith
            ? t("card.paidWithCard", { amount: total, last4: view.paidWith.last4 })
            : t("card.paid", { amount: total })}
        </p>
        {summary}
        {backLink}
      </CheckoutFrame>
    );
  }
  if (view.phase === "ended") {
    const ended = ENDED[view.status as keyof typeof ENDED];
    return (
      <CheckoutFrame {...frame} title={t(ended.title)}>
        <p className="mb-4 text-slate-700 dark:text-slate-300">
          {t(ended.text)} {t("common.startAgain", { merchant })}
        </p>
        {summary}
        {backLink}
      </CheckoutFrame>
    );
  }
  if (view.phase === "in_progress") {
    return <PaymentInProgress {...frame} />;
  }
  const pay = t("common.payAmount", { amount: total });
  return (
    <CheckoutFrame {...frame} title={pay}>
      {summary}
      <CustomerDetails customer={view.customer} locale={locale} delivery={view.delivery} t={t} />
      <div className="mt-6">
        {view.attemptsMade > 0 && view.attemptsLeft > 0 && !view.pendingChallengeId ? (
          <p className="mb-3 text-sm text-slate-700 dark:text-slate-300">
            {t("card.attemptsLeft", { count: view.attemptsLeft })}
          </p>
        ) : null}
        <CardPaymentForm
          secret={view.secret}
          payLabel={pay}
          amountLabel={total}
          merchantName={merchant}
          pendingChallenge={view.pendingChallengeId ?? undefined}
        />
      </div>
    </CheckoutFrame>
  );
}

function OrderSummary({
  view,
  money,
  t,
}: {
  view: HostedCardView;
  money: (minor: bigint) => string;
  t: PageTranslator;
}) {
  const lines: [string, string][] = view.items.map((item) => [
    t("card.itemLine", { name: item.name, quantity: item.quantity }),
    money(item.lineTotal),
  ]);
  if (view.shipping !== null) lines.push([t("card.shipping"), money(view.shipping)]);
  if (view.tax !== null) lines.push([t("card.tax"), money(view.tax)]);
  lines.push([t("card.total"), money(view.total)]);
  return (
    <section aria-label={t("card.orderSummary")}>
      <p className="mb-2 text-sm text-slate-700 dark:text-slate-300">
        {t("card.order", { reference: view.orderReference })}
      </p>
      <SummaryList items={lines} />
    </section>
  );
}

type CustomerProps = {
  customer: CardSessionCustomer;
  locale: string;
  delivery: HostedCardView["delivery"];
  t: PageTranslator;
};

function CustomerDetails({ customer, locale, delivery, t }: CustomerProps) {
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
    [t("card.name"), `${customer.firstName} ${customer.lastName}`],
    [t("fields.email"), customer.email],
  ];
  if (customer.phone) rows.push([t("fields.phone"), customer.phone]);
  if (customer.billingAddress) rows.push([t("card.billingAddress"), address(customer.billingAddress)]);
  if (customer.shippingAddress) rows.push([t("card.shippingAddress"), address(customer.shippingAddress)]);
  if (delivery?.type) rows.push([t("card.delivery"), [delivery.type, delivery.method].filter(Boolean).join(" · ")]);
  return (
    <section aria-labelledby="customer-heading" className="mt-6">
      <h2 id="customer-heading" className="mb-2 text-sm font-semibold text-slate-900 dark:text-slate-100">
        {t("common.yourDetails")}
      </h2>
      <dl className="space-y-1.5 text-sm">
        {rows.map(([label, value]) => (
          <div key={label} className="grid gap-x-2 sm:grid-cols-[8rem_minmax(0,1fr)]">
            <dt className="text-slate-700 dark:text-slate-300">{label}</dt>
            <dd className="min-w-0 text-slate-900 dark:text-slate-100 [overflow-wrap:anywhere]">{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
