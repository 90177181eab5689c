import { z } from "zod";
import { toMinorUnits } from "@/lib/money";
import { cursorListQuery } from "@/lib/pagination";
import { localeSchema } from "./locale";
import { METADATA_LIMITS, metadataSchema } from "./metadata";
import { redirectUrlSchema } from "./redirect-url";

// The Lava dialect's fields of the /v1/ API (the hosted wallet forms' are in
// wallet-forms.ts, for the browser). Money is a decimal string in dollars
// ("10.00"), never a number; each schema turns it into integer cents once, so
// the domain sees only cents.

export const WALLET_CURRENCY = "USD";

/** "10", "10.5", "10.00": a USD amount with at most two decimals, as cents; zero only where `allowZero`. */
export const usdAmount = ({ allowZero = false } = {}) =>
  z
    .string({ error: 'must be a decimal string such as "10.00"' })
    .trim()
    .regex(/^\d{1,9}(\.\d+)?$/, 'must be a decimal string such as "10.00"')
    .refine((value) => !/\.\d{3,}$/.test(value.replace(/0+$/, "")), "allows at most 2 decimal places")
    .refine((value) => allowZero || /[1-9]/.test(value), "must be greater than zero")
    .transform((value) => toMinorUnits(value, WALLET_CURRENCY));

export const CHECKOUT_MODES = ["onboarding", "topup", "subscription", "credit_bundle"] as const;
export type CheckoutMode = (typeof CHECKOUT_MODES)[number];

const objectId = (prefix: string) =>
  z
    .string()
    .min(1)
    .max(100)
    .refine((value) => value.startsWith(`${prefix}_`), `must be an id starting with ${prefix}_`);

export const createCheckoutSessionBody = z.strictObject({
  checkout_mode: z.enum(CHECKOUT_MODES, {
    error: `checkout_mode must be one of ${CHECKOUT_MODES.join(", ")}`,
  }),
  origin_url: redirectUrlSchema.describe("Origin of the page that opens the checkout."),
  connection_id: objectId("con").optional(),
  subscription_config_id: objectId("sc").optional(),
  credit_bundle_id: objectId("cb").optional(),
  reference_id: z.string().trim().min(1).max(255).optional().describe("Your own reference, e.g. an order id."),
  // An extension of the dialect: the hosted page's language (README "Hosted pages: languages").
  locale: localeSchema.optional(),
});
export type CreateCheckoutSessionBody = z.infer<typeof createCheckoutSessionBody>;

export const listCheckoutSessionsQuery = cursorListQuery.extend({
  reference_id: z.string().min(1).max(255).optional(),
});

export const BILLING_INTERVALS = ["day", "week", "month", "year"] as const;
const rolloverType = z.enum(["full", "none"]);

export const subscriptionConfigFields = {
  name: z.string().trim().min(1).max(200),
  period_amount: usdAmount(),
  included_credit: usdAmount({ allowZero: true }),
  billing_interval: z.enum(BILLING_INTERVALS),
  rollover_type: rolloverType,
  bundle_rollover_type: rolloverType,
  // Ours: the plan's meters (`linked_meters`), all of them (an edit replaces the set).
  linked_meter_ids: z
    .array(objectId("mtr"))
    .max(20)
    .refine((ids) => new Set(ids).size === ids.length, "lists a meter twice"),
};

export const createSubscriptionConfigBody = z.strictObject({
  ...subscriptionConfigFields,
  included_credit: subscriptionConfigFields.included_credit.default(0n),
  billing_interval: subscriptionConfigFields.billing_interval.default("month"),
  rollover_type: rolloverType.default("none"),
  bundle_rollover_type: rolloverType.default("full"),
  linked_meter_ids: subscriptionConfigFields.linked_meter_ids.default([]),
});
export const updateSubscriptionConfigBody = z.strictObject(subscriptionConfigFields).partial();

export const creditBundleFields = {
  name: z.string().trim().min(1).max(200),
  cost: usdAmount(),
  credit_amount: usdAmount(),
};
export const createCreditBundleBody = z.strictObject({
  ...creditBundleFields,
  subscription_config_id: objectId("sc"),
});
export const updateCreditBundleBody = z.strictObject(creditBundleFields).partial();

export const listCreditBundlesQuery = cursorListQuery.extend({ subscription_config_id: objectId("sc").optional() });

// ── Meters (what a metered request is priced by; README "Meters") ──────────

export const METER_TIER_TYPES = ["tokens_1m", "characters_1m", "minutes", "requests"] as const;
export const METER_RATE_TYPES = ["fixed", "percentage"] as const;
export const METER_TOKEN_BASES = ["input+output", "output"] as const;
export const METER_PAYERS = ["wallet", "merchant"] as const;
export const MAX_METER_TIERS = 20;

/** A non-negative decimal string with at most 12 places ("2.50", "0.000001"): a tier's rate, exact. */
const rate = z
  .string({ error: 'must be a decimal string such as "2.50"' })
  .trim()
  .regex(/^\d{1,12}(\.\d{1,12})?$/, 'must be a decimal string such as "2.50", with at most 12 decimal places');

const meterTier = z.strictObject({
  start: z.int().min(0).max(Number.MAX_SAFE_INTEGER),
  rate,
  type: z.enum(METER_TIER_TYPES),
});

const tiers = z
  .array(meterTier)
  .min(1)
  .max(MAX_METER_TIERS)
  .superRefine((list, context) => {
    if (list[0] && list[0].start !== 0)
      context.addIssue({ code: "custom", path: [0, "start"], message: "the first tier must start at 0" });
    list.forEach((tier, i) => {
      const previous = list[i - 1];
      if (previous && tier.start <= previous.start)
        context.addIssue({ code: "custom", path: [i, "start"], message: "tiers must start in increasing order" });
      if (tier.type !== list[0]?.type)
        context.addIssue({
          code: "custom",
          path: [i, "type"],
          message: "every tier of a meter has the first tier's type",
        });
    });
  });

export const meterFields = {
  meter_slug: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[a-z0-9][a-z0-9_.-]*$/, "must be lower-case letters, digits, and . _ -"),
  name: z.string().trim().min(1).max(200),
  rate_type: z.enum(METER_RATE_TYPES),
  token_basis: z.enum(METER_TOKEN_BASES),
  base_cost_payer: z.enum(METER_PAYERS),
  service_charge_payer: z.enum(METER_PAYERS),
  tiers,
};
export const createMeterBody = z.strictObject({
  ...meterFields,
  rate_type: meterFields.rate_type.default("fixed"),
  token_basis: meterFields.token_basis.default("input+output"),
  base_cost_payer: meterFields.base_cost_payer.default("wallet"),
  service_charge_payer: meterFields.service_charge_payer.default("wallet"),
});
export const updateMeterBody = z.strictObject(meterFields).partial();

export const listMetersQuery = cursorListQuery;

// ── Metered requests and usage (README "Metered requests") ─────────────────

/** A count of tokens or characters: a whole number, at most 10^12 per request. */
const unitCount = z.int().min(0).max(1_000_000_000_000).default(0);
/** Seconds, to the thousandth, at most 10^9 per request; kept as thousandths. */
const seconds = z
  .number()
  .min(0)
  .max(1_000_000_000)
  // A JSON number's shortest text is the literal sent: "12.5" passes, "12.3456" does not.
  .refine((value) => /^\d+(\.\d{1,3})?$/.test(String(value)), "allows at most 3 decimal places")
  .default(0);
/** A base cost in USD: a decimal string of at most 12 places, as `rate`. */
const baseCost = rate.default("0");

export const createRequestBody = z.strictObject({
  // Also a path segment (GET /v1/requests/{request_id}): no whitespace, "/", "?", "#" or "%".
  request_id: z
    .string()
    .min(1)
    .max(255)
    .regex(/^[^\s/?#%]+$/, 'must not contain whitespace, "/", "?", "#" or "%"'),
  connection_id: objectId("con"),
  meter_slug: meterFields.meter_slug,
  metadata: metadataSchema.default({}),
  input_tokens: unitCount,
  output_tokens: unitCount,
  input_characters: unitCount,
  output_characters: unitCount,
  input_seconds: seconds,
  output_seconds: seconds,
  // Ours: what the request cost you upstream (a provider's price), in USD; a percentage meter's basis.
  input_cost: baseCost,
  output_cost: baseCost,
});
export type CreateRequestBody = z.output<typeof createRequestBody>;

/**
 * `metadata_filters` as the Lava SDK sends it: `JSON.stringify(Object.entries(filters))`, a JSON array of
 * [key, value] string pairs. Every pair must match (a request's metadata holds each key with that value).
 */
const metadataPairs = z
  .array(z.tuple([z.string().min(1).max(METADATA_LIMITS.keyLength), z.string().max(METADATA_LIMITS.valueLength)]))
  .max(METADATA_LIMITS.keys);

const metadataFilters = z
  .string()
  .max(10_000)
  .transform((text, context) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const pairs = metadataPairs.safeParse(parsed);
    if (!pairs.success) {
      context.addIssue({
        code: "custom",
        message: 'must be a JSON array of [key, value] string pairs, such as [["team","a"]]',
      });
      return z.NEVER;
    }
    const filters = Object.fromEntries(pairs.data) as Record<string, string>;
    if (Object.keys(filters).length !== pairs.data.length) {
      context.addIssue({ code: "custom", message: "names a key twice (a request's metadata holds one value per key)" });
      return z.NEVER;
    }
    return filters;
  });

const requestFilters = {
  connection_id: objectId("con").optional(),
  meter_id: objectId("mtr").optional(),
  metadata_filters: metadataFilters.optional(),
};

export const listRequestsQuery = cursorListQuery.extend(requestFilters);

/** The longest `GET /v1/usage` range: a year and a day of daily items. */
export const MAX_USAGE_DAYS = 366;

/** An ISO 8601 date ("2026-12-01") or date-time with its offset. */
const instant = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })], {
    error: 'must be an ISO 8601 date or date-time, such as "2026-12-01" or "2026-12-01T00:00:00Z"',
  })
  .transform((text) => new Date(text));

export const usageQuery = z
  .object({ start: instant, end: instant.optional(), ...requestFilters })
  .superRefine((query, context) => {
    const end = query.end ?? new Date();
    if (end.getTime() <= query.start.getTime())
      context.addIssue(
        query.end
          ? { code: "custom", path: ["end"], message: "must be after start" }
          : { code: "custom", path: ["start"], message: "must be in the past when end is not given (end is now)" },
      );
    else if (end.getTime() - query.start.getTime() > MAX_USAGE_DAYS * 86_400_000)
      context.addIssue({
        code: "custom",
        path: ["end"],
        message: `must be at most ${MAX_USAGE_DAYS} days after start`,
      });
  });
export type UsageQuery = z.output<typeof usageQuery>;

// ── Wallet settings (ours; README "Metered requests") ───────────────────────

export const walletSettingsBody = z.strictObject({
  // `wallet.low_balance` below this; null turns it off.
  low_balance_threshold: usdAmount().nullable(),
});

export const listSubscriptionsQuery = cursorListQuery.extend({
  status: z.enum(["active", "cancelled", "all"]).default("active"),
  connection_id: objectId("con").optional(),
});
