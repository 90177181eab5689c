import { z } from "zod";
import { toMinorUnits } from "@/lib/money";
import { cursorListQuery } from "@/lib/pagination";
import { localeSchema } from "./locale";
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
};

export const createSubscriptionConfigBody = z.strictObject({
  ...subscriptionConfigFields,
  included_credit: subscriptionConfigFields.included_credit.default(0n),
  billing_interval: subscriptionConfigFields.billing_interval.default("month"),
  rollover_type: rolloverType.default("none"),
  bundle_rollover_type: rolloverType.default("full"),
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

export const listSubscriptionsQuery = cursorListQuery.extend({
  status: z.enum(["active", "cancelled", "all"]).default("active"),
  connection_id: objectId("con").optional(),
});
