import { z } from "zod";
import { toMinorUnits } from "@/lib/money";
import { cursorListQuery } from "@/lib/pagination";
import { cardSchema } from "./card";
import { redirectUrlSchema } from "./redirect-url";

// The Lava dialect's fields, shared by the /v1/ API and the hosted wallet
// forms. Money is a decimal string in dollars ("10.00"), never a number; each
// schema turns it into integer cents once, so the domain sees only cents.

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

// ── Hosted forms ───────────────────────────────────────────────────────────

export const WALLET_FUNDING_LIMITS = { min: "1.00", max: "10000.00" } as const;

const fundingAmount = z
  .string({ error: "Enter an amount" })
  .trim()
  .min(1, "Enter an amount")
  .regex(/^\d{1,9}(\.\d{1,2})?$/, "Enter an amount in dollars and cents, such as 25.00")
  .refine((value) => {
    // zod runs every check: this one sees the values the regex refused too.
    if (!/^\d{1,9}(\.\d{1,2})?$/.test(value)) return true;
    const cents = toMinorUnits(value, WALLET_CURRENCY);
    return (
      cents >= toMinorUnits(WALLET_FUNDING_LIMITS.min, WALLET_CURRENCY) &&
      cents <= toMinorUnits(WALLET_FUNDING_LIMITS.max, WALLET_CURRENCY)
    );
  }, `Enter an amount from $${WALLET_FUNDING_LIMITS.min} to $${WALLET_FUNDING_LIMITS.max}`)
  .transform((value) => toMinorUnits(value, WALLET_CURRENCY));

/** The customer a wallet onboarding or a first subscription asks for (the hosted form's fields). */
export const walletCustomerFields = z.object({
  first_name: z.string().trim().min(1, "Enter your first name").max(100),
  last_name: z.string().trim().min(1, "Enter your last name").max(100),
  email: z.email("Enter a valid e-mail address").max(254),
  phone: z
    .string()
    .trim()
    .regex(/^\+[1-9]\d{6,14}$/, "Enter the phone number with its country code, e.g. +14155550123"),
});

export const onboardingForm = walletCustomerFields.extend({ card: cardSchema, amount: fundingAmount });
export const topupForm = z.object({ amount: fundingAmount });
/** A subscription without a connection also creates one: it needs the customer too. */
export const newSubscriberForm = walletCustomerFields.extend({ card: cardSchema });
export const subscriptionForm = z.object({ card: cardSchema });
export const creditBundleForm = z.object({});
