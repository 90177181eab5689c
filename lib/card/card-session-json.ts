import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { toMajorNumber } from "@/lib/money";
import { hostedCheckoutUrl } from "@/lib/security/checkout-token";
import { cardSessionStatus } from "./card-session-state";
import type { StoredRoutingDecision } from "./decide-card-routing";

// The Kadosei session object (contract "Card payment sessions (Kadosei dialect)"). Amounts are JSON numbers in major
// units, as the original Kadosei API sends them. A card appears as brand and last four only.

export const cardSessionInclude = {
  attempts: { orderBy: { number: "asc" }, include: { charges: { orderBy: { id: "asc" } } } },
  refunds: { orderBy: { id: "asc" } },
} satisfies Prisma.CardSessionInclude;

export type CardSessionRow = Prisma.CardSessionGetPayload<{ include: typeof cardSessionInclude }>;
/** A card session's own fields, without its relations (a new session's row). */
export type CardSessionFields = Prisma.CardSessionGetPayload<object>;

/** Stored order items: unit prices in minor units, as strings (JSON has no bigint). */
export type StoredOrderItem = { name: string; sku?: string; quantity: number; unitPrice: string };

const money = (minor: bigint | null, currency: string) => (minor === null ? undefined : toMajorNumber(minor, currency));

const redirectUrlWithSession = (url: string, sessionId: string) => {
  const target = new URL(url);
  target.searchParams.set("sessionId", sessionId);
  return target.toString();
};

/** Where the hosted page sends the customer when the session ends: the merchant's URL with `sessionId` appended. */
export const cardRedirectUrl = (
  session: Pick<CardSessionRow, "id" | "successUrl" | "failureUrl">,
  succeeded: boolean,
) => redirectUrlWithSession(succeeded ? session.successUrl : session.failureUrl, session.id);

const routingSummary = (routing: StoredRoutingDecision) => ({
  strategy: routing.strategy,
  decidedAt: routing.decidedAt,
  ranked: routing.ranked,
  excluded: routing.excluded,
  weights: routing.weights,
  prior: routing.prior,
  context: routing.context,
});

/** The 201 of `POST /api/v1/sessions`, exactly the original API's fields. */
export const createdCardSessionJson = (row: CardSessionFields, publicBaseUrl: string) => {
  const routing = row.routing as StoredRoutingDecision;
  return {
    sessionId: row.id,
    checkoutUrl: hostedCheckoutUrl(row.secret, publicBaseUrl),
    status: row.status,
    routing: { selectedProvider: row.selectedProvider, score: routing.ranked[0]?.score ?? null },
    expiresAt: row.expiresAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
  };
};

export const cardSessionJson = (row: CardSessionRow, publicBaseUrl: string, now = new Date()) => {
  const { currency } = row;
  const routing = row.routing as StoredRoutingDecision;
  const items = (row.orderItems ?? null) as StoredOrderItem[] | null;
  const status = cardSessionStatus(row, now);
  return {
    ...createdCardSessionJson(row, publicBaseUrl),
    status,
    orderReference: row.orderReference,
    paymentMethod: row.paymentMethod,
    currency,
    locale: row.locale,
    amount: {
      total: money(row.amountTotal, currency),
      shipping: money(row.amountShipping, currency),
      tax: money(row.amountTax, currency),
      captured: money(row.capturedAmount, currency),
      refunded: money(row.refundedAmount, currency),
    },
    orderItems: items?.map((item) => ({ ...item, unitPrice: money(BigInt(item.unitPrice), currency) })) ?? null,
    customer: row.customer,
    shipping: row.shipping,
    additionalInformation: row.additionalInformation,
    redirectUrls: { success: row.successUrl, failure: row.failureUrl },
    routing: {
      selectedProvider: row.selectedProvider,
      score: routing.ranked[0]?.score ?? null,
      ...routingSummary(routing),
    },
    payment:
      row.provider && row.cardBrand && row.cardLast4
        ? { provider: row.provider, providerReference: row.providerReference, card: cardOf(row) }
        : null,
    maxAttempts: row.maxAttempts,
    attemptsRemaining: Math.max(0, row.maxAttempts - row.attemptCount),
    attempts: row.attempts.map((attempt) => ({
      attemptId: attempt.id,
      number: attempt.number,
      outcome: attempt.status,
      provider: attempt.provider,
      declineCode: attempt.declineCode,
      message: attempt.message,
      card: cardOf(attempt),
      routing: routingSummary(attempt.routing as StoredRoutingDecision),
      providerCalls: attempt.charges.map((charge) => ({
        provider: charge.provider,
        outcome: charge.status,
        declineCode: charge.declineCode,
        latencyMs: charge.latencyMs,
        at: charge.createdAt.toISOString(),
      })),
      createdAt: attempt.createdAt.toISOString(),
      finishedAt: attempt.finishedAt?.toISOString() ?? null,
    })),
    refunds: row.refunds.map((refund) => cardRefundJson(refund)),
    completedAt: row.completedAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
  };
};

const cardOf = (row: { cardBrand: string | null; cardLast4: string | null }) =>
  row.cardBrand && row.cardLast4 ? { brand: row.cardBrand, last4: row.cardLast4 } : null;

export const cardRefundJson = (refund: CardSessionRow["refunds"][number]) => ({
  refundId: refund.id,
  sessionId: refund.sessionId,
  amount: toMajorNumber(refund.amount, refund.currency),
  currency: refund.currency,
  status: refund.status.toUpperCase(),
  provider: refund.provider,
  createdAt: refund.createdAt.toISOString(),
  completedAt: refund.completedAt?.toISOString() ?? null,
});
