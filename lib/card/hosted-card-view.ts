import "server-only";
import type { z } from "zod";
import type { CardSessionStatus, cardSessionCustomer } from "@/lib/schemas/card-session";
import { cardRedirectUrl, type StoredOrderItem } from "./card-session-json";
import { cardSessionStatus } from "./card-session-state";
import type { HostedCardSession } from "./get-hosted-card-session";

export type CardSessionCustomer = z.output<typeof cardSessionCustomer>;

/**
 * What the hosted card page shows, decided here rather than in the page:
 * `paid` and `ended` are results, `in_progress` is a payment whose outcome is
 * not known yet, `payable` shows the form (with a 3-D Secure challenge to
 * finish when `pendingChallengeId` is set). Amounts are minor units.
 */
export type HostedCardView = {
  secret: string;
  testMode: boolean;
  status: CardSessionStatus;
  phase: "paid" | "ended" | "in_progress" | "payable";
  currency: string;
  orderReference: string;
  items: { name: string; quantity: number; lineTotal: bigint }[];
  shipping: bigint | null;
  tax: bigint | null;
  total: bigint;
  customer: CardSessionCustomer;
  delivery: { type: string; method?: string } | null;
  paidWith: { last4: string } | null;
  attemptsMade: number;
  attemptsLeft: number;
  pendingChallengeId: string | null;
  returnUrl: string;
};

export const hostedCardView = (session: HostedCardSession, now = new Date()): HostedCardView => {
  const status = cardSessionStatus(session, now);
  const challenge = session.attempts.find((attempt) => attempt.status === "requires_action");
  // A running attempt, or one whose outcome the reconciler is still learning (no deadline).
  const claimed = status === "PROCESSING" && (session.processingUntil === null || session.processingUntil > now);
  const paid = status === "SUCCEEDED" || status === "PARTIALLY_REFUNDED" || status === "REFUNDED";
  const ended = status === "FAILED" || status === "EXPIRED" || status === "CANCELLED";
  const items = (session.orderItems ?? []) as StoredOrderItem[];
  return {
    secret: session.secret,
    testMode: session.mode === "test",
    status,
    phase: paid ? "paid" : ended ? "ended" : claimed && !challenge ? "in_progress" : "payable",
    currency: session.currency,
    orderReference: session.orderReference,
    items: items.map((item) => ({
      name: item.name,
      quantity: item.quantity,
      lineTotal: BigInt(item.unitPrice) * BigInt(item.quantity),
    })),
    shipping: session.amountShipping,
    tax: session.amountTax,
    total: session.amountTotal,
    customer: session.customer as CardSessionCustomer,
    delivery: session.shipping as HostedCardView["delivery"],
    paidWith: session.cardBrand && session.cardLast4 ? { last4: session.cardLast4 } : null,
    attemptsMade: session.attemptCount,
    attemptsLeft: session.maxAttempts - session.attemptCount,
    pendingChallengeId: claimed ? (challenge?.id ?? null) : null,
    returnUrl: cardRedirectUrl(session, paid),
  };
};
