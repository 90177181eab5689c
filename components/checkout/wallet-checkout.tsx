import { CARD_BRAND_LABELS, type CardBrand } from "@/lib/card-number";
import { formatMoney } from "@/lib/money";
import type { HostedWalletView } from "@/lib/wallet/hosted-wallet-view";
import { CheckoutFrame, PaymentInProgress, SummaryList } from "./checkout-frame";
import { NotifyParentOnLoad } from "./notify-parent";
import { WalletCheckoutForm } from "./wallet-checkout-form";

const TITLES = {
  onboarding: "Set up your wallet",
  topup: "Add funds to your wallet",
  subscription: "Subscribe",
  credit_bundle: "Buy credits",
} as const;

const INTERVALS = { day: "day", week: "week", month: "month", year: "year" } as const;

type Props = { view: HostedWalletView; embed: boolean };

/** Decides early: expired, completed or being paid get their page; an open session gets its form. */
export function WalletCheckout({ view, embed }: Props) {
  const money = (minor: bigint) => formatMoney(minor, view.currency);
  const parentOrigin = new URL(view.originUrl).origin;
  const frame = { merchantName: view.merchantName, testMode: view.testMode };

  if (view.phase === "expired") {
    return (
      <CheckoutFrame {...frame} title="This checkout has expired">
        <p className="text-slate-700">Nothing was charged. Go back to {view.merchantName} to start again.</p>
      </CheckoutFrame>
    );
  }
  if (view.phase === "completed") {
    return (
      <CheckoutFrame {...frame} title="Payment complete">
        <p role="status" className="rounded-lg bg-emerald-50 p-4 text-emerald-900">
          {view.paidAmount !== null ? `${money(view.paidAmount)} paid. ` : ""}Thank you! You can close this window.
        </p>
        {embed && view.connectionId ? (
          <NotifyParentOnLoad
            parentOrigin={parentOrigin}
            message={{ type: "lava_checkout_success", checkoutSessionId: view.id, connectionId: view.connectionId }}
          />
        ) : null}
      </CheckoutFrame>
    );
  }
  if (view.phase === "locked") {
    return (
      <CheckoutFrame {...frame} title="This checkout is locked">
        <p className="text-slate-700">
          Too many payment attempts failed, so this checkout no longer accepts cards. Nothing more was charged. Go back
          to {view.merchantName} to start again.
        </p>
      </CheckoutFrame>
    );
  }
  if (view.phase === "in_progress") {
    return <PaymentInProgress {...frame} />;
  }

  const { summary, submitLabel } = formContent(view, money);
  return (
    <CheckoutFrame {...frame} title={TITLES[view.checkoutMode]}>
      {summary.length ? <SummaryList items={summary} /> : null}
      <div className={summary.length ? "mt-6" : ""}>
        <WalletCheckoutForm
          kind={view.form}
          secret={view.secret}
          checkoutSessionId={view.id}
          submitLabel={submitLabel}
          embed={embed ? { parentOrigin } : null}
          cancelHref={view.originUrl}
        />
      </div>
    </CheckoutFrame>
  );
}

const formContent = (view: HostedWalletView, money: (minor: bigint) => string) => {
  const { wallet, plan, bundle } = view;
  const savedCard = wallet
    ? `${CARD_BRAND_LABELS[wallet.savedCard.brand as CardBrand] ?? "Card"} •••• ${wallet.savedCard.last4}`
    : "";
  const summary: [string, string][] = [];
  switch (view.checkoutMode) {
    case "onboarding":
      return { summary, submitLabel: "Create wallet and pay" };
    case "topup":
      summary.push(["Current balance", money(wallet?.balance ?? 0n)], ["Pay with", savedCard]);
      return { summary, submitLabel: "Add funds" };
    case "subscription":
      if (plan) {
        summary.push(
          ["Plan", plan.name],
          ["Price", `${money(plan.price)} / ${INTERVALS[plan.interval]}`],
          ["Included credit", `${money(plan.includedCredit)} each ${INTERVALS[plan.interval]}`],
        );
      }
      if (wallet) summary.push(["Subscriber", wallet.subscriber]);
      return { summary, submitLabel: plan ? `Subscribe for ${money(plan.price)}` : "Subscribe" };
    case "credit_bundle":
      if (bundle)
        summary.push(["Bundle", bundle.name], ["Credit", money(bundle.credit)], ["Price", money(bundle.price)]);
      if (wallet) summary.push(["Subscriber", wallet.subscriber], ["Pay with", savedCard]);
      return { summary, submitLabel: bundle ? `Pay ${money(bundle.price)}` : "Pay" };
  }
};
