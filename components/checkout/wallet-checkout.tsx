import { CARD_BRAND_LABELS, type CardBrand } from "@/lib/card/card-number";
import { formatMoney } from "@/lib/money";
import type { HostedWalletCheckout } from "@/lib/wallet/get-hosted-wallet-checkout";
import { checkoutStatus } from "@/lib/wallet/wallet-json";
import { CheckoutFrame, PaymentInProgress, SummaryList } from "./checkout-frame";
import { NotifyParentOnLoad } from "./notify-parent";
import { WalletCheckoutForm, type WalletFormKind } from "./wallet-checkout-form";

const TITLES = {
  onboarding: "Set up your wallet",
  topup: "Add funds to your wallet",
  subscription: "Subscribe",
  credit_bundle: "Buy credits",
} as const;

const INTERVALS = { day: "day", week: "week", month: "month", year: "year" } as const;

type Props = { session: HostedWalletCheckout; embed: boolean };

/** Decides early: expired, completed or being paid get their page; an open session gets its form. */
export function WalletCheckout({ session, embed }: Props) {
  const money = (minor: bigint) => formatMoney(minor, session.currency);
  const parentOrigin = new URL(session.originUrl).origin;
  const frame = { merchantName: session.merchant.name, testMode: session.mode === "test" };
  const status = checkoutStatus(session);

  if (status === "expired") {
    return (
      <CheckoutFrame {...frame} title="This checkout has expired">
        <p className="text-slate-700">Nothing was charged. Go back to {session.merchant.name} to start again.</p>
      </CheckoutFrame>
    );
  }
  if (status === "completed") {
    return (
      <CheckoutFrame {...frame} title="Payment complete">
        <p role="status" className="rounded-lg bg-emerald-50 p-4 text-emerald-900">
          {session.amount !== null ? `${money(session.amount)} paid. ` : ""}Thank you! You can close this window.
        </p>
        {embed && session.connectionId ? (
          <NotifyParentOnLoad
            parentOrigin={parentOrigin}
            message={{
              type: "lava_checkout_success",
              checkoutSessionId: session.id,
              connectionId: session.connectionId,
            }}
          />
        ) : null}
      </CheckoutFrame>
    );
  }
  if (status === "locked") {
    return (
      <CheckoutFrame {...frame} title="This checkout is locked">
        <p className="text-slate-700">
          Too many payment attempts failed, so this checkout no longer accepts cards. Nothing more was charged. Go back
          to {session.merchant.name} to start again.
        </p>
      </CheckoutFrame>
    );
  }
  if ((session.processingUntil && session.processingUntil > new Date()) || session.charges.length > 0) {
    return <PaymentInProgress {...frame} />;
  }

  const { summary, kind, submitLabel } = walletCheckoutView(session, money);
  return (
    <CheckoutFrame {...frame} title={TITLES[session.checkoutMode]}>
      {summary.length ? <SummaryList items={summary} /> : null}
      <div className={summary.length ? "mt-6" : ""}>
        <WalletCheckoutForm
          kind={kind}
          secret={session.secret}
          checkoutSessionId={session.id}
          submitLabel={submitLabel}
          embed={embed ? { parentOrigin } : null}
          cancelHref={session.originUrl}
        />
      </div>
    </CheckoutFrame>
  );
}

const walletCheckoutView = (session: HostedWalletCheckout, money: (minor: bigint) => string) => {
  const connection = session.connection;
  const savedCard = connection
    ? `${CARD_BRAND_LABELS[connection.cardBrand as CardBrand] ?? "Card"} •••• ${connection.cardLast4}`
    : "";
  const subscriber = connection ? `${connection.firstName} ${connection.lastName}` : "";
  switch (session.checkoutMode) {
    case "onboarding":
      return { summary: [], kind: "onboarding" as WalletFormKind, submitLabel: "Create wallet and pay" };
    case "topup":
      return {
        summary: [
          ["Current balance", money(session.balances?.wallet ?? 0n)],
          ["Pay with", savedCard],
        ] as [string, string][],
        kind: "topup" as WalletFormKind,
        submitLabel: "Add funds",
      };
    case "subscription": {
      const config = session.subscriptionConfig;
      const summary: [string, string][] = config
        ? [
            ["Plan", config.name],
            ["Price", `${money(config.periodAmount)} / ${INTERVALS[config.billingInterval]}`],
            ["Included credit", `${money(config.includedCredit)} each ${INTERVALS[config.billingInterval]}`],
          ]
        : [];
      if (connection) summary.push(["Subscriber", subscriber]);
      return {
        summary,
        kind: (connection ? "subscription" : "new_subscriber") as WalletFormKind,
        submitLabel: config ? `Subscribe for ${money(config.periodAmount)}` : "Subscribe",
      };
    }
    case "credit_bundle": {
      const bundle = session.creditBundle;
      const summary: [string, string][] = bundle
        ? [
            ["Bundle", bundle.name],
            ["Credit", money(bundle.creditAmount)],
            ["Price", money(bundle.cost)],
          ]
        : [];
      if (connection) summary.push(["Subscriber", subscriber], ["Pay with", savedCard]);
      return {
        summary,
        kind: "credit_bundle" as WalletFormKind,
        submitLabel: bundle ? `Pay ${money(bundle.cost)}` : "Pay",
      };
    }
  }
};
