import "server-only";
import type { CryptoAsset, CryptoCheckoutStatus } from "@/lib/generated/prisma/enums";
import { toBigInt } from "./crypto-json";
import type { HostedCryptoCheckout } from "./get-hosted-crypto-checkout";
import { type HostedCryptoState, hostedCryptoState } from "./hosted-crypto-state";
import { chainName, cryptoNetwork } from "./network";

/**
 * What the hosted crypto page shows. `quote` exists once the customer has
 * picked an asset; `toSend` is what is still to send (all that is due while
 * nothing has been seen). Fiat amounts are minor units, asset amounts base units.
 */
export type HostedCryptoView = {
  secret: string;
  testMode: boolean;
  status: CryptoCheckoutStatus;
  live: HostedCryptoState;
  productName: string;
  productDescription: string;
  price: { amount: bigint; currency: string };
  successUrl: string;
  cancelUrl: string;
  flags: { overpaid: boolean; underpaid: boolean; paidLate: boolean };
  assetsOffered: CryptoAsset[];
  quote: {
    asset: CryptoAsset;
    /** 1 asset = `rate` of the fiat currency. */
    rate: string | null;
    expiresAt: Date | null;
    toSend: bigint;
    seen: bigint;
    remaining: bigint;
  } | null;
  network: {
    address: string;
    chainId: number;
    chainName: string;
    tokenContract: string | null;
    confirmationsRequired: number;
    /** The fewest confirmations among transfers seen but not yet confirmed; null when there are none. */
    confirmations: number | null;
  };
};

export const hostedCryptoView = (session: HostedCryptoCheckout): HostedCryptoView => {
  const asset = session.quoteAsset && session.quoteAmountDue !== null ? session.quoteAsset : null;
  const { evaluation } = session;
  const network = cryptoNetwork(session.mode);
  const unconfirmed = session.transfers.filter((transfer) => transfer.status === "seen");
  return {
    secret: session.secret,
    testMode: session.mode === "test",
    status: session.status,
    live: hostedCryptoState(session),
    productName: session.productName,
    productDescription: session.productDescription,
    price: { amount: session.amount, currency: session.currency },
    successUrl: session.successUrl,
    cancelUrl: session.cancelUrl,
    flags: { overpaid: session.overpaid, underpaid: session.underpaid, paidLate: session.paidLate },
    assetsOffered: session.assetsOffered,
    quote: asset
      ? {
          asset,
          rate: session.quoteRate,
          expiresAt: session.quoteExpiresAt,
          toSend: session.status === "pending" ? evaluation.amountRemaining : (toBigInt(session.quoteAmountDue) ?? 0n),
          seen: evaluation.amountReceived + evaluation.amountPending,
          remaining: evaluation.amountRemaining,
        }
      : null,
    network: {
      address: session.address,
      chainId: session.chainId,
      chainName: chainName(session.chainId),
      tokenContract: asset && asset !== "ETH" ? (network.tokens[asset] ?? null) : null,
      confirmationsRequired: network.confirmations,
      confirmations: unconfirmed.length ? Math.min(...unconfirmed.map((transfer) => transfer.confirmations)) : null,
    },
  };
};
