import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { formatMinorUnits } from "@/lib/money";
import { encodeCheckoutToken } from "@/lib/security/checkout-token";
import type { WithBalances } from "./connection-balances";
import { formatDecimal, parseDecimal, spendableOf, type Tier } from "./meter-pricing";

// The Lava dialect's wire shapes (`Rest*` types of @lavapayments/nodejs@8).
// Money is a decimal string, timestamps ISO 8601 UTC, absent values null.

const iso = (date: Date | null) => date?.toISOString() ?? null;

export type CheckoutSessionRow = Prisma.WalletCheckoutSessionGetPayload<object>;

/** `locked`: too many failed payment attempts; it can no longer be paid (an extension of the dialect's states). */
export const checkoutStatus = (
  session: Pick<CheckoutSessionRow, "status" | "expiresAt" | "lockedAt">,
  now = new Date(),
) => {
  if (session.status !== "open") return session.status;
  if (session.lockedAt) return "locked" as const;
  return session.expiresAt <= now ? "expired" : session.status;
};

export const checkoutSessionJson = (session: CheckoutSessionRow, publicBaseUrl: string) => ({
  checkout_session_id: session.id,
  checkout_session_token: encodeCheckoutToken(session.secret, publicBaseUrl),
  checkout_mode: session.checkoutMode,
  status: checkoutStatus(session),
  origin_url: session.originUrl,
  connection_id: session.connectionId,
  subscription_config_id: session.subscriptionConfigId,
  credit_bundle_id: session.creditBundleId,
  reference_id: session.referenceId,
  locale: session.locale,
  amount: session.amount === null ? null : formatMinorUnits(session.amount, session.currency),
  currency: session.currency,
  created_at: iso(session.createdAt),
  expires_at: iso(session.expiresAt),
  completed_at: iso(session.completedAt),
});

type CreditBundleRow = Prisma.CreditBundleGetPayload<object>;

export const creditBundleJson = (bundle: CreditBundleRow) => ({
  credit_bundle_id: bundle.id,
  subscription_config_id: bundle.subscriptionConfigId,
  name: bundle.name,
  cost: formatMinorUnits(bundle.cost, bundle.currency),
  credit_amount: formatMinorUnits(bundle.creditAmount, bundle.currency),
  created_at: iso(bundle.createdAt),
});

export type MeterRow = Prisma.MeterGetPayload<object>;
/** A meter's tiers as stored (lib/schemas/wallet.ts checked them): by `start`, the rate exact. */
export type MeterTier = Tier;
/** Prisma's enum spells `input+output` input_output (prisma/schema.prisma MeterTokenBasis). */
export const tokenBasisOf = (column: MeterRow["tokenBasis"]) =>
  column === "input_output" ? ("input+output" as const) : column;

/** The dialect's RestMeter. */
export const meterJson = (meter: MeterRow) => ({
  meter_id: meter.id,
  meter_slug: meter.slug,
  name: meter.name,
  rate_type: meter.rateType,
  token_basis: tokenBasisOf(meter.tokenBasis),
  base_cost_payer: meter.baseCostPayer,
  service_charge_payer: meter.serviceChargePayer,
  tiers: meter.tiers as MeterTier[],
  created_at: iso(meter.createdAt),
});

export const subscriptionConfigInclude = {
  creditBundles: { orderBy: { id: "asc" } },
  linkedMeters: { include: { meter: { select: { id: true, name: true } } }, orderBy: { meterId: "asc" } },
} satisfies Prisma.SubscriptionConfigInclude;
type SubscriptionConfigRow = Prisma.SubscriptionConfigGetPayload<{ include: typeof subscriptionConfigInclude }>;

const planJson = (config: Prisma.SubscriptionConfigGetPayload<object>) => ({
  name: config.name,
  period_amount: formatMinorUnits(config.periodAmount, config.currency),
  included_credit: formatMinorUnits(config.includedCredit, config.currency),
  billing_interval: config.billingInterval,
  rollover_type: config.rolloverType,
  bundle_rollover_type: config.bundleRolloverType,
});

export const subscriptionConfigJson = (config: SubscriptionConfigRow) => ({
  subscription_config_id: config.id,
  merchant_id: config.merchantId,
  ...planJson(config),
  linked_meters: config.linkedMeters.map(({ meter }) => ({ meter_id: meter.id, name: meter.name })),
  credit_bundles: config.creditBundles.map((bundle) => {
    const { subscription_config_id: _, created_at: __, ...summary } = creditBundleJson(bundle);
    return summary;
  }),
  created_at: iso(config.createdAt),
});

export const subscriptionInclude = {
  subscriptionConfig: true,
  connection: true,
} satisfies Prisma.SubscriptionInclude;
export type SubscriptionRow = WithBalances<Prisma.SubscriptionGetPayload<{ include: typeof subscriptionInclude }>>;

const customerJson = (connection: Prisma.ConnectionGetPayload<object>) => ({
  phone: connection.phone,
  email: connection.email,
  first_name: connection.firstName,
  last_name: connection.lastName,
});

/** GET /v1/connections/{id}/subscription's shape. */
export const subscriptionBaseJson = (subscription: SubscriptionRow) => {
  const { balances } = subscription;
  const currency = subscription.subscriptionConfig.currency;
  return {
    subscription_id: subscription.id,
    subscription_config_id: subscription.subscriptionConfigId,
    status: subscription.status,
    started_at: iso(subscription.startedAt),
    cancelled_at: iso(subscription.cancelledAt),
    cycle_start_at: iso(subscription.cycleStartAt),
    cycle_end_at: iso(subscription.cycleEndAt),
    plan: planJson(subscription.subscriptionConfig),
    credits: {
      total_remaining: formatMinorUnits(balances.cycle_credit + balances.bundle_credit, currency),
      cycle_remaining: formatMinorUnits(balances.cycle_credit, currency),
      bundle_remaining: formatMinorUnits(balances.bundle_credit, currency),
    },
    // Cancellation is immediate and plans change only for new cycles: nothing is ever pending.
    pending_change: null,
  };
};

/** GET /v1/subscriptions' shape: the base plus whose subscription it is. */
export const subscriptionJson = (subscription: SubscriptionRow) => ({
  ...subscriptionBaseJson(subscription),
  connection_id: subscription.connectionId,
  customer: customerJson(subscription.connection),
});

export const connectionInclude = {
  subscriptions: { where: { status: "active" }, include: { subscriptionConfig: true } },
} satisfies Prisma.ConnectionInclude;
export type ConnectionRow = WithBalances<Prisma.ConnectionGetPayload<{ include: typeof connectionInclude }>>;

export const connectionJson = (connection: ConnectionRow) => {
  const { balances } = connection;
  const [active] = connection.subscriptions;
  return {
    connection_id: connection.id,
    // Anything a metered request can spend: wallet, the cycle's included credit, bundle credit.
    has_lava_credit_balance: spendableOf(balances) > 0n,
    customer: customerJson(connection),
    subscription: active
      ? {
          subscription_id: active.id,
          subscription_config_id: active.subscriptionConfigId,
          name: active.subscriptionConfig.name,
          status: active.status,
        }
      : null,
    balance: formatMinorUnits(balances.wallet, connection.currency),
    currency: connection.currency,
    created_at: iso(connection.createdAt),
  };
};

export type MeteredRequestRow = Prisma.MeteredRequestGetPayload<object>;
/** One line of fee.breakdown as stored: what the request answered. */
export type BreakdownLineJson = {
  tier: Tier;
  tokens: number;
  characters: number;
  seconds: number;
  cost: string;
};

/** A stored exact amount (numeric(38,12)) in 10^-12 of the currency, as lib/wallet/meter-pricing.ts counts. */
const picosOf = (value: Prisma.Decimal) => parseDecimal(value.toFixed(12));

/** A stored exact amount as the dialect writes money: "0.00015". */
export const decimalText = (value: Prisma.Decimal) => formatDecimal(picosOf(value));

/** The dialect's RestRequest: a metered request as recorded (README "Metered requests"). */
export const requestJson = (request: MeteredRequestRow) => {
  const seconds = (milliseconds: bigint) => Number(milliseconds) / 1000;
  const baseCost = picosOf(request.inputCost) + picosOf(request.outputCost);
  return {
    request_id: request.requestId,
    status: "completed" as const,
    connection_id: request.connectionId,
    meter_id: request.meterId,
    // Recorded by the merchant, not forwarded by us: no provider of ours was called.
    provider: "merchant",
    provider_key_type: "unmanaged" as const,
    endpoint: "/v1/requests",
    model_usage: {
      input_tokens: Number(request.inputTokens),
      output_tokens: Number(request.outputTokens),
      total_tokens: Number(request.inputTokens + request.outputTokens),
      input_characters: Number(request.inputCharacters),
      output_characters: Number(request.outputCharacters),
      total_characters: Number(request.inputCharacters + request.outputCharacters),
      input_seconds: seconds(request.inputMilliseconds),
      output_seconds: seconds(request.outputMilliseconds),
      total_seconds: seconds(request.inputMilliseconds + request.outputMilliseconds),
      input_cost: decimalText(request.inputCost),
      output_cost: decimalText(request.outputCost),
      total_cost: formatDecimal(baseCost),
      payer: request.baseCostPayer,
    },
    fee: {
      amount: decimalText(request.feeAmount),
      rate_type: request.rateType,
      token_basis: tokenBasisOf(request.tokenBasis),
      breakdown: request.breakdown as BreakdownLineJson[],
    },
    service_charge: { amount: decimalText(request.serviceCharge), payer: request.serviceChargePayer },
    total_request_cost: formatDecimal(picosOf(request.walletCost) + picosOf(request.merchantCost)),
    total_wallet_cost: decimalText(request.walletCost),
    total_merchant_cost: decimalText(request.merchantCost),
    currency: request.currency,
    metadata: request.metadata as Record<string, string>,
    timestamp: iso(request.createdAt),
    created_at: iso(request.createdAt),
  };
};
