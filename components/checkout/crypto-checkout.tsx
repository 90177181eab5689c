import QRCode from "qrcode";
import { ASSET_INFO } from "@/lib/crypto/assets";
import { toBigInt } from "@/lib/crypto/crypto-json";
import type { HostedCryptoCheckout } from "@/lib/crypto/get-hosted-crypto-checkout";
import { hostedCryptoState } from "@/lib/crypto/hosted-crypto-state";
import { chainName, cryptoNetwork } from "@/lib/crypto/network";
import { paymentUri } from "@/lib/crypto/payment-uri";
import { formatAssetAmount } from "@/lib/crypto/quote";
import { formatMoney } from "@/lib/money";
import { CheckoutFrame, SummaryList } from "./checkout-frame";
import { AssetPicker, CancelButton, CopyButton, LiveStatus, QuoteCountdown, SimulatePanel } from "./crypto-controls";

type Props = { session: HostedCryptoCheckout };

/** The hosted crypto page (SPEC §3, §5): pick an asset, send the exact amount to the address, watch it confirm. */
export async function CryptoCheckout({ session }: Props) {
  const frame = { merchantName: session.merchant.name, testMode: session.mode === "test" };
  const price = formatMoney(session.amount, session.currency);
  const summary = (
    <SummaryList
      items={[
        ["Product", session.productName],
        ["Price", price],
      ]}
    />
  );
  const live = <LiveStatus secret={session.secret} initial={hostedCryptoState(session)} />;
  const { evaluation } = session;

  if (session.status === "expired" || session.status === "canceled") {
    return (
      <CheckoutFrame
        {...frame}
        title={session.status === "expired" ? "This checkout has expired" : "This checkout was canceled"}
      >
        {summary}
        <p className="mt-4 text-slate-700">
          {session.underpaid
            ? `Only part of the amount arrived before this checkout expired. ${session.merchant.name} has been told and will contact you about it.`
            : session.paidLate
              ? `A payment reached this checkout after it closed. ${session.merchant.name} has been told and will contact you about it.`
              : `Nothing was paid. Go back to ${session.merchant.name} to start again.`}
        </p>
        <a
          className="mt-4 inline-block font-semibold text-indigo-700 underline underline-offset-4"
          href={session.cancelUrl}
        >
          Return to {session.merchant.name}
        </a>
      </CheckoutFrame>
    );
  }
  if (session.status === "completed") {
    return (
      <CheckoutFrame {...frame} title="Payment received">
        {summary}
        <p role="status" className="mt-4 rounded-lg bg-emerald-50 p-4 text-emerald-900">
          {session.overpaid ? "You sent more than the amount due; the merchant can see the difference. " : ""}
          Thank you! Taking you back to {session.merchant.name}…
        </p>
        <a
          className="mt-4 inline-block font-semibold text-indigo-700 underline underline-offset-4"
          href={session.successUrl}
        >
          Continue to {session.merchant.name}
        </a>
        {live}
      </CheckoutFrame>
    );
  }

  const assets = session.assetsOffered.map((code) => ({ code, label: ASSET_INFO[code].name }));
  const quote = session.quoteAsset && session.quoteAmountDue !== null ? session.quoteAsset : null;
  const isOpen = session.status === "open";
  return (
    <CheckoutFrame {...frame} title={session.productName}>
      {session.productDescription ? (
        <p className="-mt-3 mb-4 text-sm text-slate-700">{session.productDescription}</p>
      ) : null}
      {summary}
      <div className="mt-6 space-y-6">
        {assets.length === 0 ? (
          <p role="alert" className="text-red-700">
            No crypto asset can be accepted for this checkout right now.
          </p>
        ) : isOpen ? (
          <AssetPicker secret={session.secret} assets={assets} selected={quote} />
        ) : null}
        {quote ? <PaymentInstructions session={session} asset={quote} /> : null}
        {!isOpen && quote ? (
          <p role="status" className="rounded-lg bg-sky-50 p-4 text-sky-900" data-testid="payment-status">
            Payment seen: {formatAssetAmount(evaluation.amountReceived + evaluation.amountPending, quote)} {quote}{" "}
            received
            {evaluation.amountRemaining > 0n
              ? `, ${formatAssetAmount(evaluation.amountRemaining, quote)} ${quote} still to send.`
              : ", waiting for network confirmations."}
          </p>
        ) : null}
        {frame.testMode && quote ? <SimulatePanel secret={session.secret} /> : null}
        {isOpen ? <CancelButton secret={session.secret} /> : null}
      </div>
      {live}
    </CheckoutFrame>
  );
}

async function PaymentInstructions({
  session,
  asset,
}: Props & { asset: NonNullable<HostedCryptoCheckout["quoteAsset"]> }) {
  const due = toBigInt(session.quoteAmountDue) ?? 0n;
  const remaining = session.status === "pending" ? session.evaluation.amountRemaining : due;
  const tokenContract = asset === "ETH" ? null : (cryptoNetwork(session.mode).tokens[asset] ?? null);
  const amount = formatAssetAmount(remaining, asset);
  const qr = await QRCode.toString(
    paymentUri({ asset, address: session.address, chainId: session.chainId, amount: remaining, tokenContract }),
    { type: "svg", margin: 1, errorCorrectionLevel: "M" },
  );
  const confirmations = session.transfers.filter((transfer) => transfer.status === "seen");
  return (
    <section aria-labelledby="pay-heading" className="space-y-4">
      <h2 id="pay-heading" className="text-base font-semibold text-slate-900">
        Send exactly{" "}
        <span data-testid="amount-due" className="font-mono">
          {amount} {asset}
        </span>
      </h2>
      <p className="text-sm text-slate-700">
        on {chainName(session.chainId)} (chain {session.chainId})
        {tokenContract ? `, token contract ${tokenContract}` : ""}. Rate: 1 {asset} = {session.quoteRate}{" "}
        {session.currency}.
      </p>
      <div className="flex flex-col items-center gap-4 sm:flex-row sm:items-start">
        <div
          role="img"
          aria-label={`QR code to pay ${amount} ${asset} to ${session.address}`}
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
                {session.address}
              </code>
              <CopyButton value={session.address} label="Copy address" />
            </div>
          </div>
          <div className="flex items-center gap-2">
            <CopyButton value={amount} label="Copy amount" />
          </div>
          {session.status === "open" && session.quoteExpiresAt ? (
            <p className="text-slate-700">
              <QuoteCountdown expiresAt={session.quoteExpiresAt.toISOString()} />
            </p>
          ) : null}
          {confirmations.length > 0 ? (
            <p className="text-slate-700">
              Confirmations: {Math.min(...confirmations.map((transfer) => transfer.confirmations))} of{" "}
              {cryptoNetwork(session.mode).confirmations}
            </p>
          ) : null}
        </div>
      </div>
    </section>
  );
}
