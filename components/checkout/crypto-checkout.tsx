import { getLocale, getTranslations } from "next-intl/server";
import QRCode from "qrcode";
import type { HostedBrand } from "@/lib/branding/hosted-brand";
import type { HostedCryptoView } from "@/lib/crypto/hosted-crypto-view";
import { paymentUri } from "@/lib/crypto/payment-uri";
import { formatAssetAmount } from "@/lib/crypto/quote";
import { ASSET_INFO, type CryptoAsset } from "@/lib/crypto-assets";
import type { PageTranslator } from "@/lib/i18n/messages";
import { formatDecimalMoney, formatMoney } from "@/lib/money";
import { CheckoutFrame, SummaryList } from "./checkout-frame";
import { AssetPicker, CancelButton, CopyButton, LiveStatus, QuoteCountdown, SimulatePanel } from "./crypto-controls";

type Props = { view: HostedCryptoView; brand: HostedBrand };

/** The hosted crypto page (contract "Crypto checkout (WeWire dialect)", "Hosted checkout pages"): pick an asset, send the exact amount to the address, watch it confirm. */
export async function CryptoCheckout({ view, brand }: Props) {
  const [t, locale] = [await getTranslations(), await getLocale()];
  const merchant = brand.name;
  const frame = { brand, testMode: view.testMode };
  const price = formatMoney(view.price.amount, view.price.currency, locale);
  const summary = (
    <SummaryList
      items={[
        [t("crypto.product"), view.productName],
        [t("common.price"), price],
      ]}
    />
  );
  const live = <LiveStatus secret={view.secret} initial={view.live} />;

  if (view.status === "expired" || view.status === "canceled") {
    return (
      <CheckoutFrame
        {...frame}
        title={view.status === "expired" ? t("common.expiredTitle") : t("crypto.canceledTitle")}
      >
        {summary}
        <p className="mt-4 text-slate-700 dark:text-slate-300">
          {view.flags.underpaid
            ? t("crypto.underpaidText", { merchant })
            : view.flags.paidLate
              ? t("crypto.paidLateText", { merchant })
              : t("crypto.nothingPaidText", { merchant })}
        </p>
        <a
          className="mt-4 inline-block font-semibold text-indigo-700 dark:text-indigo-300 underline underline-offset-4"
          href={view.cancelUrl}
        >
          {t("common.returnTo", { merchant })}
        </a>
      </CheckoutFrame>
    );
  }
  if (view.status === "completed") {
    return (
      <CheckoutFrame {...frame} title={t("crypto.receivedTitle")}>
        {summary}
        <p
          role="status"
          className="mt-4 rounded-control bg-emerald-50 dark:bg-emerald-950 p-4 text-emerald-900 dark:text-emerald-100"
        >
          {view.flags.overpaid ? `${t("crypto.overpaidText")} ` : ""}
          {t("crypto.takingYouBack", { merchant })}
        </p>
        <a
          className="mt-4 inline-block font-semibold text-indigo-700 dark:text-indigo-300 underline underline-offset-4"
          href={view.successUrl}
        >
          {t("common.continueTo", { merchant })}
        </a>
        {live}
      </CheckoutFrame>
    );
  }

  const assets = view.assetsOffered.map((code) => ({ code, label: ASSET_INFO[code].name }));
  const { quote } = view;
  const isOpen = view.status === "open";
  return (
    <CheckoutFrame {...frame} title={view.productName}>
      {view.productDescription ? (
        <p className="-mt-3 mb-4 text-sm text-slate-700 dark:text-slate-300">{view.productDescription}</p>
      ) : null}
      {summary}
      <div className="mt-6 space-y-6">
        {assets.length === 0 ? (
          <p role="alert" className="text-red-700 dark:text-red-300">
            {t("crypto.noAssets")}
          </p>
        ) : isOpen ? (
          <AssetPicker secret={view.secret} assets={assets} selected={quote?.asset ?? null} />
        ) : null}
        {quote ? <PaymentInstructions view={view} quote={quote} t={t} locale={locale} /> : null}
        {!isOpen && quote ? (
          <p
            role="status"
            className="rounded-control bg-sky-50 dark:bg-sky-950 p-4 text-sky-900 dark:text-sky-100"
            data-testid="payment-status"
          >
            {quote.remaining > 0n
              ? t("crypto.seenRemaining", {
                  seen: assetAmount(quote.seen, quote.asset),
                  remaining: assetAmount(quote.remaining, quote.asset),
                })
              : t("crypto.seenConfirming", { seen: assetAmount(quote.seen, quote.asset) })}
          </p>
        ) : null}
        {frame.testMode && quote ? <SimulatePanel secret={view.secret} /> : null}
        {isOpen ? <CancelButton secret={view.secret} /> : null}
      </div>
      {live}
    </CheckoutFrame>
  );
}

/** An amount in an asset as a wallet app takes it: digits and a dot, whatever the page's language. */
const assetAmount = (amount: bigint, asset: CryptoAsset) => `${formatAssetAmount(amount, asset)} ${asset}`;

type InstructionProps = {
  view: HostedCryptoView;
  quote: NonNullable<HostedCryptoView["quote"]>;
  t: PageTranslator;
  locale: string;
};

async function PaymentInstructions({ view, quote, t, locale }: InstructionProps) {
  const { asset } = quote;
  const { address, chainId, tokenContract } = view.network;
  const amount = formatAssetAmount(quote.toSend, asset);
  const qr = await QRCode.toString(paymentUri({ asset, address, chainId, amount: quote.toSend, tokenContract }), {
    type: "svg",
    margin: 1,
    errorCorrectionLevel: "M",
  });
  return (
    <section aria-labelledby="pay-heading" className="space-y-4">
      <h2 id="pay-heading" className="text-base font-semibold text-slate-900 dark:text-slate-100">
        {t.rich("crypto.sendExactly", {
          amount: `${amount} ${asset}`,
          // The tag keeps the amount monospaced and left-to-right in every language.
          due: (chunks) => (
            <span data-testid="amount-due" className="font-mono" dir="ltr">
              {chunks}
            </span>
          ),
        })}
      </h2>
      <p className="text-sm text-slate-700 dark:text-slate-300">
        {tokenContract
          ? t("crypto.networkToken", { chain: view.network.chainName, chainId, contract: tokenContract })
          : t("crypto.network", { chain: view.network.chainName, chainId })}{" "}
        {quote.rate
          ? t("crypto.rate", { asset, rate: formatDecimalMoney(quote.rate, view.price.currency, locale) })
          : null}
      </p>
      <div className="flex flex-col items-center gap-4 sm:flex-row sm:items-start">
        <div
          role="img"
          aria-label={t("crypto.qrLabel", { amount: `${amount} ${asset}`, address })}
          className="h-40 w-40 shrink-0 rounded-control bg-white dark:bg-slate-900 p-1 ring-1 ring-slate-200 dark:ring-slate-700"
          // The SVG is generated here by the qrcode library from our own data.
          // biome-ignore lint/security/noDangerouslySetInnerHtml: server-generated SVG markup, no user input
          dangerouslySetInnerHTML={{ __html: qr }}
        />
        <div className="min-w-0 flex-1 space-y-3 text-sm">
          <div>
            <p className="font-semibold text-slate-900 dark:text-slate-100">{t("crypto.address")}</p>
            <div className="mt-1 flex items-start gap-2">
              <code
                dir="ltr"
                data-testid="deposit-address"
                className="break-all rounded bg-slate-100 dark:bg-slate-800 px-2 py-1 font-mono text-xs text-slate-900 dark:text-slate-100"
              >
                {address}
              </code>
              <CopyButton value={address} label={t("crypto.copyAddress")} />
            </div>
          </div>
          <div className="flex items-center gap-2">
            <CopyButton value={amount} label={t("crypto.copyAmount")} />
          </div>
          {view.status === "open" && quote.expiresAt ? (
            <p className="text-slate-700 dark:text-slate-300">
              <QuoteCountdown expiresAt={quote.expiresAt.toISOString()} />
            </p>
          ) : null}
          {view.network.confirmations !== null ? (
            <p className="text-slate-700 dark:text-slate-300">
              {t("crypto.confirmations", {
                count: view.network.confirmations,
                required: view.network.confirmationsRequired,
              })}
            </p>
          ) : null}
        </div>
      </div>
    </section>
  );
}
