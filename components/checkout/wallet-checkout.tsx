import { getLocale, getTranslations } from "next-intl/server";
import type { HostedBrand } from "@/lib/branding/hosted-brand";
import { CARD_BRAND_LABELS, type CardBrand } from "@/lib/card-number";
import type { PageTranslator } from "@/lib/i18n/messages";
import { currencySymbol, formatMoney } from "@/lib/money";
import type { HostedWalletView } from "@/lib/wallet/hosted-wallet-view";
import { CheckoutFrame, PaymentInProgress, SummaryList } from "./checkout-frame";
import { NotifyParentOnLoad } from "./notify-parent";
import { WalletCheckoutForm } from "./wallet-checkout-form";

const TITLES = {
  onboarding: "wallet.onboardingTitle",
  topup: "wallet.topupTitle",
  subscription: "wallet.subscriptionTitle",
  credit_bundle: "wallet.creditBundleTitle",
} as const;

type Props = { view: HostedWalletView; brand: HostedBrand; embed: boolean };

/** Decides early: expired, completed or being paid get their page; an open session gets its form. */
export async function WalletCheckout({ view, brand, embed }: Props) {
  const [t, locale] = [await getTranslations(), await getLocale()];
  const money = (minor: bigint) => formatMoney(minor, view.currency, locale);
  const parentOrigin = new URL(view.originUrl).origin;
  const merchant = brand.name;
  const frame = { brand, testMode: view.testMode };

  if (view.phase === "expired") {
    return (
      <CheckoutFrame {...frame} title={t("common.expiredTitle")}>
        <p className="text-slate-700 dark:text-slate-300">
          {t("common.nothingCharged")} {t("common.startAgain", { merchant })}
        </p>
      </CheckoutFrame>
    );
  }
  if (view.phase === "completed") {
    return (
      <CheckoutFrame {...frame} title={t("common.paymentComplete")}>
        <p
          role="status"
          className="rounded-control bg-emerald-50 dark:bg-emerald-950 p-4 text-emerald-900 dark:text-emerald-100"
        >
          {view.paidAmount !== null
            ? t("wallet.paidClose", { amount: money(view.paidAmount) })
            : t("wallet.thanksClose")}
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
      <CheckoutFrame {...frame} title={t("wallet.lockedTitle")}>
        <p className="text-slate-700 dark:text-slate-300">
          {t("wallet.lockedText")} {t("common.startAgain", { merchant })}
        </p>
      </CheckoutFrame>
    );
  }
  if (view.phase === "in_progress") {
    return <PaymentInProgress {...frame} />;
  }

  const { summary, submitLabel } = formContent(view, money, t);
  return (
    <CheckoutFrame {...frame} title={t(TITLES[view.checkoutMode])}>
      {summary.length ? <SummaryList items={summary} /> : null}
      <div className={summary.length ? "mt-6" : ""}>
        <WalletCheckoutForm
          kind={view.form}
          secret={view.secret}
          checkoutSessionId={view.id}
          submitLabel={submitLabel}
          currency={{ code: view.currency, symbol: currencySymbol(view.currency, locale) }}
          embed={embed ? { parentOrigin } : null}
          cancelHref={view.originUrl}
        />
      </div>
    </CheckoutFrame>
  );
}

const formContent = (view: HostedWalletView, money: (minor: bigint) => string, t: PageTranslator) => {
  const { wallet, plan, bundle } = view;
  const savedCard = wallet
    ? `${CARD_BRAND_LABELS[wallet.savedCard.brand as CardBrand] ?? t("wallet.savedCard")} •••• ${wallet.savedCard.last4}`
    : "";
  const summary: [string, string][] = [];
  switch (view.checkoutMode) {
    case "onboarding":
      return { summary, submitLabel: t("wallet.createAndPay") };
    case "topup":
      summary.push([t("wallet.currentBalance"), money(wallet?.balance ?? 0n)], [t("wallet.payWith"), savedCard]);
      return { summary, submitLabel: t("wallet.addFunds") };
    case "subscription":
      if (plan) {
        summary.push(
          [t("wallet.plan"), plan.name],
          [t("common.price"), t("wallet.perInterval", { amount: money(plan.price), interval: plan.interval })],
          [
            t("wallet.includedCredit"),
            t("wallet.creditEachInterval", { amount: money(plan.includedCredit), interval: plan.interval }),
          ],
        );
      }
      if (wallet) summary.push([t("wallet.subscriber"), wallet.subscriber]);
      return {
        summary,
        submitLabel: plan ? t("wallet.subscribeFor", { amount: money(plan.price) }) : t("wallet.subscribe"),
      };
    case "credit_bundle":
      if (bundle)
        summary.push(
          [t("wallet.bundle"), bundle.name],
          [t("wallet.credit"), money(bundle.credit)],
          [t("common.price"), money(bundle.price)],
        );
      if (wallet) summary.push([t("wallet.subscriber"), wallet.subscriber], [t("wallet.payWith"), savedCard]);
      return {
        summary,
        submitLabel: bundle ? t("common.payAmount", { amount: money(bundle.price) }) : t("common.pay"),
      };
  }
};
