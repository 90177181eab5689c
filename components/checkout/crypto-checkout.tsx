import QRCode from "qrcode";
import type { HostedCryptoView } from "@/lib/crypto/hosted-crypto-view";
import { paymentUri } from "@/lib/crypto/payment-uri";
import { formatAssetAmount } from "@/lib/crypto/quote";
import { ASSET_INFO } from "@/lib/crypto-assets";
import { formatMoney } from "@/lib/money";
import { CheckoutFrame, SummaryList } from "./checkout-frame";
import { AssetPicker, CancelButton, CopyButton, LiveStatus, QuoteCountdown, SimulatePanel } from "./crypto-controls";

type Props = { view: HostedCryptoView };

/** The hosted crypto page (contract "Crypto checkout (WeWire dialect)", "Hosted checkout pages"): pick an asset, send the exact amount to the address, watch it confirm. */
export async function CryptoCheckout({ view }: Props) {
  const frame = { merchantName: view.merchantName, testMode: view.testMode };
  const price = formatMoney(view.price.amount, view.price.currency);
  const summary = (
    <SummaryList
      items={[
        ["Product", view.productName],
        ["Price", price],
      ]}
    />
  );
  const live = <LiveStatus secret={view.secret} initial={view.live} />;

  if (view.status === "expired" || view.status === "canceled") {
    return (
      <CheckoutFrame
        {...frame}
        title={view.status === "expired" ? "This checkout has expired" : "This checkout was canceled"}
      >
        {summary}
        <p className="mt-4 text-slate-700">
          {view.flags.underpaid
            ? `Only part of the amount arrived before this checkout expired. ${view.merchantName} has been told and will contact you about it.`
            : view.flags.paidLate
              ? `A payment reached this checkout after it closed. ${view.merchantName} has been told and will contact you about it.`
              : `Nothing was paid. Go back to ${view.merchantName} to start again.`}
        </p>
        <a
          className="mt-4 inline-block font-semibold text-indigo-700 underline underline-offset-4"
          href={view.cancelUrl}
        >
          Return to {view.merchantName}
        </a>
      </CheckoutFrame>
    );
  }
  if (view.status === "completed") {
    return (
      <CheckoutFrame {...frame} title="Payment received">
        {summary}
        <p role="status" className="mt-4 rounded-lg bg-emerald-50 p-4 text-emerald-900">
          {view.flags.overpaid ? "You sent more than the amount due; the merchant can see the difference. " : ""}
          Thank you! Taking you back to {view.merchantName}…
        </p>
        <a
          className="mt-4 inline-block font-semibold text-indigo-700 underline underline-offset-4"
          href={view.successUrl}
        >
          Continue to {view.merchantName}
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
      {view.productDescription ? <p className="-mt-3 mb-4 text-sm text-slate-700">{view.productDescription}</p> : null}
      {summary}
      <div className="mt-6 space-y-6">
        {assets.length === 0 ? (
          <p role="alert" className="text-red-700">
            No crypto asset can be accepted for this checkout right now.
          </p>
        ) : isOpen ? (
          <AssetPicker secret={view.secret} assets={assets} selected={quote?.asset ?? null} />
        ) : null}
        {quote ? <PaymentInstructions view={view} quote={quote} /> : null}
        {!isOpen && quote ? (
          <p role="status" className="rounded-lg bg-sky-50 p-4 text-sky-900" data-testid="payment-status">
            Payment seen: {formatAssetAmount(quote.seen, quote.asset)} {quote.asset} received
            {quote.remaining > 0n
              ? `, ${formatAssetAmount(quote.remaining, quote.asset)} ${quote.asset} still to send.`
              : ", waiting for network confirmations."}
          </p>
        ) : null}
        {frame.testMode && quote ? <SimulatePanel secret={view.secret} /> : null}
        {isOpen ? <CancelButton secret={view.secret} /> : null}
      </div>
      {live}
    </CheckoutFrame>
  );
}

async function PaymentInstructions({ view, quote }: Props & { quote: NonNullable<HostedCryptoView["quote"]> }) {
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
      <h2 id="pay-heading" className="text-base font-semibold text-slate-900">
        Send exactly{" "}
        <span data-testid="amount-due" className="font-mono">
          {amount} {asset}
        </span>
      </h2>
      <p className="text-sm text-slate-700">
        on {view.network.chainName} (chain {chainId}){tokenContract ? `, token contract ${tokenContract}` : ""}. Rate: 1{" "}
        {asset} = {quote.rate} {view.price.currency}.
      </p>
      <div className="flex flex-col items-center gap-4 sm:flex-row sm:items-start">
        <div
          role="img"
          aria-label={`QR code to pay ${amount} ${asset} to ${address}`}
          className="h-40 w-40 shrink-0 rounded-lg bg-white p-1 ring-1 ring-slate-200"
          // The SVG is generated here by the qrcode library from our own data.
          // biome-ignore lint/security/noDangerouslySetInnerHtml: server-generated SVG markup, no user input
          dangerouslySetInnerHTML={{ __html: qr }}
        />
        <div className="min-w-0 flex-1 space-y-3 text-sm">
          <div>
            <p className="font-semibold text-slate-900">Address</p>
            <div className="mt-1 flex items-start gap-2">
              <code
                data-testid="deposit-address"
                className="break-all rounded bg-slate-100 px-2 py-1 font-mono text-xs text-slate-900"
              >
                {address}
              </code>
              <CopyButton value={address} label="Copy address" />
            </div>
          </div>
          <div className="flex items-center gap-2">
            <CopyButton value={amount} label="Copy amount" />
          </div>
          {view.status === "open" && quote.expiresAt ? (
            <p className="text-slate-700">
              <QuoteCountdown expiresAt={quote.expiresAt.toISOString()} />
            </p>
          ) : null}
          {view.network.confirmations !== null ? (
            <p className="text-slate-700">
              Confirmations: {view.network.confirmations} of {view.network.confirmationsRequired}
            </p>
          ) : null}
        </div>
      </div>
    </section>
  );
}
