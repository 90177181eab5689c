import "server-only";
import type { HostedCryptoCheckout } from "./get-hosted-crypto-checkout";

/**
 * What the hosted page's live status polls: the status, where to go when it is
 * final, and a fingerprint that changes whenever anything shown changes (a
 * transfer, a confirmation, a new quote), so the page re-renders only then.
 */
export type HostedCryptoState = {
  status: HostedCryptoCheckout["status"];
  redirectUrl: string | null;
  fingerprint: string;
};

export const hostedCryptoState = (session: HostedCryptoCheckout): HostedCryptoState => ({
  status: session.status,
  redirectUrl: session.status === "completed" ? session.successUrl : null,
  fingerprint: [
    session.status,
    session.quoteAsset,
    session.quoteExpiresAt?.toISOString(),
    ...session.transfers.map((transfer) => `${transfer.id}:${transfer.status}:${transfer.confirmations}`),
  ].join("|"),
});
