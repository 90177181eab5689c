import "server-only";
import { cardSessionStatus, refundConflict } from "@/lib/card/card-session-state";
import type { StoredRoutingDecision } from "@/lib/card/decide-card-routing";
import { getCardSessionOrThrow } from "@/lib/card/get-card-sessions";
import { getCryptoSessionOrThrow } from "@/lib/crypto/get-crypto-sessions";
import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { DomainError } from "@/lib/errors";
import { formatMinorUnits, formatMoney } from "@/lib/money";
import type { PaymentFamily } from "@/lib/schemas/payment-filters";
import type { MerchantScope } from "@/lib/scope";
import { hostedCheckoutUrl } from "@/lib/security/checkout-token";
import { getCheckoutSessionOrThrow } from "@/lib/wallet/get-wallet-objects";
import { checkoutStatus } from "@/lib/wallet/wallet-json";
import { eventsWithDeliveries } from "./events";

// A payment's detail page as a view model (README "Merchant dashboard"):
// its facts, a timeline of what happened, the routing decisions explained,
// its events with their webhook deliveries, and what may be done to it now.
// Each family is read through its own scoped getter, so another merchant's
// id is not found, exactly as over the API.

export type TimelineEntry = { at: Date; title: string; lines: string[]; tone: "info" | "good" | "bad" };

export type RoutingView = {
  title: string;
  strategy: string;
  ranked: { provider: string; score: number; reliability: number; cost: number; speed: number; detail: string }[];
  excluded: { provider: string; reason: string }[];
};

export type PaymentDetail = {
  family: PaymentFamily;
  id: string;
  title: string;
  nativeStatus: string;
  amount: string;
  facts: [string, string][];
  timeline: TimelineEntry[];
  routing: RoutingView[];
  eventObjectIds: string[];
  actions: { refundable?: { remaining: string; currency: string }; cancel?: boolean; expire?: boolean };
  /** The hosted page's address, while the customer can still pay there (a payment link). */
  link?: string;
};

const EXCLUSION_REASONS: Record<string, string> = {
  currency_not_supported: "does not take this currency",
  brand_not_supported: "does not take this card brand",
  circuit_open: "paused by its circuit breaker after repeated failures",
};

const percent = (value: number | null) => (value === null ? "no calls yet" : `${(value * 100).toFixed(1)} %`);

const routingView = (title: string, routing: StoredRoutingDecision): RoutingView => ({
  title,
  strategy:
    routing.strategy === "scored"
      ? "Scored: reliability, cost and speed, weighted"
      : routing.strategy === "only_eligible"
        ? "Only one provider could take it"
        : "No provider could take it",
  ranked: routing.ranked.map((scored) => ({
    provider: scored.provider,
    score: scored.score,
    reliability: scored.components.reliability,
    cost: scored.components.cost,
    speed: scored.components.speed,
    detail: `authorization ${percent(scored.inputs.authorizationRate)} over ${scored.inputs.observedCalls} calls, ${scored.inputs.latencyMs} ms (${scored.inputs.latencySource}), fee ${formatMinorUnits(BigInt(scored.inputs.fee), routing.context.currency)} ${routing.context.currency}`,
  })),
  excluded: routing.excluded.map((excluded) => ({
    provider: excluded.provider,
    reason: `${EXCLUSION_REASONS[excluded.reason] ?? excluded.reason}${excluded.until ? ` until ${excluded.until}` : ""}`,
  })),
});

const cardDetail = async (db: Db, scope: MerchantScope, id: string): Promise<PaymentDetail> => {
  const session = await getCardSessionOrThrow(db, scope, id);
  const money = (minor: bigint) => formatMoney(minor, session.currency);
  const customer = session.customer as { email?: string; firstName?: string; lastName?: string };
  const timeline: TimelineEntry[] = [
    {
      at: session.createdAt,
      title: "Created",
      lines: [
        `${money(session.amountTotal)} for order ${session.orderReference}`,
        `routed to ${session.selectedProvider}`,
      ],
      tone: "info",
    },
  ];
  const routing = [routingView("At creation", session.routing as StoredRoutingDecision)];
  for (const attempt of session.attempts) {
    routing.push(routingView(`Attempt ${attempt.number}`, attempt.routing as StoredRoutingDecision));
    const calls = attempt.charges.map((charge, index) => {
      const what = charge.purpose === "card_authentication" ? "3-D Secure" : index === 0 ? "charge" : "cascade";
      const outcome = `${charge.status}${charge.declineCode ? ` (${charge.declineCode})` : ""}`;
      return `${what} at ${charge.provider}: ${outcome}${charge.latencyMs === null ? "" : `, ${charge.latencyMs} ms`}`;
    });
    timeline.push({
      at: attempt.createdAt,
      title: `Attempt ${attempt.number}: ${attempt.status}`,
      lines: [
        `${attempt.cardBrand} •••• ${attempt.cardLast4}${attempt.provider ? ` at ${attempt.provider}` : ""}`,
        ...(attempt.message ? [attempt.message] : []),
        ...calls,
      ],
      tone: attempt.status === "succeeded" ? "good" : attempt.status === "declined" ? "bad" : "info",
    });
  }
  for (const refund of session.refunds) {
    timeline.push({
      at: refund.createdAt,
      title: `Refund ${refund.status}`,
      lines: [`${money(refund.amount)} at ${refund.provider}`, refund.id],
      tone: refund.status === "failed" ? "bad" : "info",
    });
  }
  const status = cardSessionStatus(session);
  const remaining = session.capturedAmount - session.refundedAmount - session.refundPendingAmount;
  return {
    family: "card",
    id: session.id,
    title: `Card order ${session.orderReference}`,
    nativeStatus: status,
    amount: money(session.amountTotal),
    facts: [
      ["Customer", [customer.firstName, customer.lastName, customer.email].filter(Boolean).join(" · ") || "—"],
      ["Order reference", session.orderReference],
      ["Captured", money(session.capturedAmount)],
      ["Refunded", money(session.refundedAmount)],
      ["Card", session.cardBrand ? `${session.cardBrand} •••• ${session.cardLast4}` : "—"],
      ["Provider", session.provider ?? session.selectedProvider],
      ["Expires", session.expiresAt.toISOString()],
    ],
    timeline: sortTimeline(timeline, session.completedAt, status),
    routing,
    eventObjectIds: [session.id, ...session.refunds.map((refund) => refund.id)],
    actions: {
      refundable:
        refundConflict(session.status) === undefined && remaining > 0n
          ? { remaining: formatMinorUnits(remaining, session.currency), currency: session.currency }
          : undefined,
      cancel: status === "PENDING",
    },
    link: status === "PENDING" ? hostedCheckoutUrl(session.secret, env().publicBaseUrl) : undefined,
  };
};

const cryptoDetail = async (db: Db, scope: MerchantScope, id: string): Promise<PaymentDetail> => {
  const session = await getCryptoSessionOrThrow(db, scope, id);
  const timeline: TimelineEntry[] = [
    {
      at: session.createdAt,
      title: "Created",
      lines: [
        `${formatMoney(session.amount, session.currency)} for ${session.productName}`,
        `deposit address ${session.address}`,
      ],
      tone: "info",
    },
  ];
  if (session.quotedAt && session.quoteAsset) {
    timeline.push({
      at: session.quotedAt,
      title: `Quoted in ${session.quoteAsset}`,
      lines: [
        `${session.quoteAmountDue?.toString() ?? "?"} base units due at ${session.quoteRate} (${session.quoteSource})`,
        `locked until ${session.quoteExpiresAt?.toISOString() ?? "?"}`,
      ],
      tone: "info",
    });
  }
  for (const transfer of session.transfers) {
    timeline.push({
      at: transfer.createdAt,
      title: `Transfer ${transfer.status}${transfer.simulated ? " (simulated)" : ""}`,
      lines: [
        `${transfer.amount.toString()} ${transfer.asset} base units, ${transfer.confirmations} confirmation${transfer.confirmations === 1 ? "" : "s"}`,
        `tx ${transfer.txHash}${transfer.blockNumber === null ? "" : ` in block ${transfer.blockNumber}`}`,
        ...(transfer.afterClose ? ["arrived after the session closed"] : []),
      ],
      tone: transfer.status === "confirmed" ? "good" : "info",
    });
  }
  return {
    family: "crypto",
    id: session.id,
    title: session.productName,
    nativeStatus: session.status,
    amount: formatMoney(session.amount, session.currency),
    facts: [
      ["Customer", `${session.name} · ${session.email}`],
      ["Product", `${session.productName} (${session.productId})`],
      [
        "Received",
        `${session.amountReceived.toString()} base units${session.underpaid ? " (underpaid)" : ""}${session.overpaid ? " (overpaid)" : ""}`,
      ],
      ["Network", `chain ${session.chainId}`],
      ["Expires", session.expiresAt.toISOString()],
    ],
    timeline: sortTimeline(timeline, session.completedAt, session.status),
    routing: [],
    eventObjectIds: [session.id],
    actions: { cancel: session.status === "open", expire: session.status === "open" },
    link: session.status === "open" ? hostedCheckoutUrl(session.secret, env().publicBaseUrl) : undefined,
  };
};

const walletDetail = async (db: Db, scope: MerchantScope, id: string): Promise<PaymentDetail> => {
  const session = await getCheckoutSessionOrThrow(db, scope, id);
  const amount = session.amount === null ? "—" : formatMoney(session.amount, session.currency);
  return {
    family: "wallet",
    id: session.id,
    title: `Wallet ${session.checkoutMode.replace("_", " ")}`,
    nativeStatus: checkoutStatus(session),
    amount,
    facts: [
      [
        "Customer",
        [session.customerFirstName, session.customerLastName, session.customerEmail].filter(Boolean).join(" · ") || "—",
      ],
      ["Reference", session.referenceId ?? "—"],
      ["Connection", session.connectionId ?? "—"],
      ["Expires", session.expiresAt.toISOString()],
    ],
    timeline: sortTimeline(
      [
        {
          at: session.createdAt,
          title: "Created",
          lines: [`${session.checkoutMode} for ${session.originUrl}`],
          tone: "info",
        },
      ],
      session.completedAt,
      checkoutStatus(session),
    ),
    routing: [],
    eventObjectIds: [session.id],
    actions: {},
  };
};

const sortTimeline = (entries: TimelineEntry[], completedAt: Date | null, status: string) => {
  if (completedAt) entries.push({ at: completedAt, title: `Closed: ${status}`, lines: [], tone: "info" });
  return entries.sort((a, b) => a.at.getTime() - b.at.getTime());
};

const READERS: Record<PaymentFamily, (db: Db, scope: MerchantScope, id: string) => Promise<PaymentDetail>> = {
  card: cardDetail,
  crypto: cryptoDetail,
  wallet: walletDetail,
};

/** One payment of the scope, or `not_found` (another merchant's or mode's id included). */
export const getPaymentDetail = async (db: Db, scope: MerchantScope, family: string, id: string) => {
  const read = READERS[family as PaymentFamily];
  if (!read) throw new DomainError("not_found", "No such payment.");
  return read(db, scope, id);
};

/** The events of a payment's objects, newest first, each with its webhook deliveries and their last answer. */
export const paymentEvents = (db: Db, scope: MerchantScope, objectIds: string[]) =>
  eventsWithDeliveries(db, scope, { objectIds, take: 100 });
