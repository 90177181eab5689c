import { z } from "zod";
import { messageRef } from "@/lib/i18n/message-ref";
import { toMinorUnits } from "@/lib/money";
import { cursorListQuery } from "@/lib/pagination";
import { cardSchema } from "./card";
import { localeSchema } from "./locale";
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

// ── Hosted forms ───────────────────────────────────────────────────────────

export const WALLET_FUNDING_LIMITS = { min: "1.00", max: "10000.00" } as const;

// The hosted forms' messages are catalog keys (lib/i18n/message-ref.ts), shown in the customer's language.
const fundingAmount = z
  .string({ error: messageRef("validation.enterAmount") })
  .trim()
  // "25,00" is how half the world writes 25.00.
  .overwrite((value) => value.replace(/^(\d+),(\d{1,2})$/, "$1.$2"))
  .min(1, messageRef("validation.enterAmount"))
  .regex(/^\d{1,9}(\.\d{1,2})?$/, messageRef("validation.amountFormat", { example: "25.00" }))
  .refine(
    (value) => {
      // zod runs every check: this one sees the values the regex refused too.
      if (!/^\d{1,9}(\.\d{1,2})?$/.test(value)) return true;
      const cents = toMinorUnits(value, WALLET_CURRENCY);
      return (
        cents >= toMinorUnits(WALLET_FUNDING_LIMITS.min, WALLET_CURRENCY) &&
        cents <= toMinorUnits(WALLET_FUNDING_LIMITS.max, WALLET_CURRENCY)
      );
    },
    messageRef("validation.amountRange", WALLET_FUNDING_LIMITS),
  )
  .transform((value) => toMinorUnits(value, WALLET_CURRENCY));

const personName = (missing: "validation.enterFirstName" | "validation.enterLastName") =>
  z
    .string({ error: messageRef(missing) })
    .trim()
    .min(1, messageRef(missing))
    .max(100, messageRef("validation.nameTooLong"));

/** The customer a wallet onboarding or a first subscription asks for (the hosted form's fields). */
export const walletCustomerFields = z.object({
  first_name: personName("validation.enterFirstName"),
  last_name: personName("validation.enterLastName"),
  email: z.email(messageRef("validation.enterEmail")).max(254, messageRef("validation.enterEmail")),
  phone: z
    .string({ error: messageRef("validation.phoneFormat") })
    .trim()
    .regex(/^\+[1-9]\d{6,14}$/, messageRef("validation.phoneFormat")),
});

export const onboardingForm = walletCustomerFields.extend({ card: cardSchema, amount: fundingAmount });
export const topupForm = z.object({ amount: fundingAmount });
/** A subscription without a connection also creates one: it needs the customer too. */
export const newSubscriberForm = walletCustomerFields.extend({ card: cardSchema });
export const subscriptionForm = z.object({ card: cardSchema });
export const creditBundleForm = z.object({});
