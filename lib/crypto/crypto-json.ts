import "server-only";
import type { CryptoAsset } from "@/lib/crypto-assets";
import { env } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import { toMajorNumber } from "@/lib/money";
import { hostedCheckoutUrl } from "@/lib/security/checkout-token";
import { chainName, cryptoNetwork } from "./network";
import { formatAssetAmount } from "./quote";
import { evaluateCryptoSession } from "./session-state";

// The WeWire session object (contract "Crypto checkout (WeWire dialect)"): the original API's list item, plus `status`,
// `checkoutUrl` and, once the customer has picked an asset, `payment`.
// On-chain amounts are decimal strings: wei do not fit a JSON number.

export const cryptoSessionInclude = {
  customer: true,
  transfers: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
} satisfies Prisma.CryptoCheckoutSessionInclude;

export type CryptoSessionRow = Prisma.CryptoCheckoutSessionGetPayload<{ include: typeof cryptoSessionInclude }>;

export const toBigInt = (value: Prisma.Decimal | null): bigint | null =>
  value === null ? null : BigInt(value.toFixed(0));

export const evaluationOf = (row: CryptoSessionRow) =>
  evaluateCryptoSession(
    { status: row.status, quoteAsset: row.quoteAsset, quoteAmountDue: toBigInt(row.quoteAmountDue) },
    row.transfers.map((transfer) => ({
      asset: transfer.asset,
      amount: toBigInt(transfer.amount) ?? 0n,
      status: transfer.status,
      afterClose: transfer.afterClose,
    })),
    env().crypto.underpaymentToleranceBps,
  );

const amounts = (asset: CryptoAsset, values: Record<string, bigint>) => ({
  decimal: Object.fromEntries(Object.entries(values).map(([name, value]) => [name, formatAssetAmount(value, asset)])),
  baseUnits: Object.fromEntries(Object.entries(values).map(([name, value]) => [name, value.toString()])),
});

const paymentJson = (row: CryptoSessionRow) => {
  if (!row.quoteAsset || row.quoteAmountDue === null) return null;
  const asset = row.quoteAsset;
  const evaluation = evaluationOf(row);
  const { decimal, baseUnits } = amounts(asset, {
    amountDue: toBigInt(row.quoteAmountDue) ?? 0n,
    amountReceived: evaluation.amountReceived,
    amountPending: evaluation.amountPending,
    amountRemaining: evaluation.amountRemaining,
  });
  const network = cryptoNetwork(row.mode);
  return {
    asset,
    network: { chainId: row.chainId, name: chainName(row.chainId) },
    tokenContract: asset === "ETH" ? null : (network.tokens[asset] ?? null),
    address: row.address,
    ...decimal,
    baseUnits,
    rate: row.quoteRate,
    rateSource: row.quoteSource,
    quotedAt: row.quotedAt?.toISOString() ?? null,
    quoteExpiresAt: row.quoteExpiresAt?.toISOString() ?? null,
    confirmationsRequired: network.confirmations,
    overpaid: row.overpaid,
    underpaid: row.underpaid,
    paidLate: row.paidLate,
    transactions: row.transfers.map((transfer) => ({
      hash: transfer.txHash,
      logIndex: transfer.logIndex < 0 ? null : transfer.logIndex,
      asset: transfer.asset,
      amount: formatAssetAmount(toBigInt(transfer.amount) ?? 0n, transfer.asset),
      from: transfer.fromAddress,
      blockNumber: transfer.blockNumber === null ? null : Number(transfer.blockNumber),
      confirmations: transfer.confirmations,
      status: transfer.status,
      simulated: transfer.simulated,
      seenAt: transfer.createdAt.toISOString(),
    })),
  };
};

export const cryptoSessionJson = (row: CryptoSessionRow, publicBaseUrl: string) => ({
  id: row.id,
  status: row.status,
  currency: row.currency,
  amount: toMajorNumber(row.amount, row.currency),
  email: row.email,
  name: row.name,
  productId: row.productId,
  productName: row.productName,
  productDescription: row.productDescription,
  locale: row.locale,
  allowedAssets: row.allowedAssets,
  expiresAt: row.expiresAt.toISOString(),
  metadata: row.metadata,
  customerId: row.customerId,
  redirectUrl: row.successUrl,
  successUrl: row.successUrl,
  cancelUrl: row.cancelUrl,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
  completedAt: row.completedAt?.toISOString() ?? null,
  customer: {
    id: row.customer.id,
    email: row.customer.email,
    name: row.customer.name,
    createdAt: row.customer.createdAt.toISOString(),
  },
  livemode: row.mode === "live",
  checkoutUrl: hostedCheckoutUrl(row.secret, publicBaseUrl),
  payment: paymentJson(row),
});
