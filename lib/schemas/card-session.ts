import countries from "i18n-iso-countries";
import { z } from "zod";
import { formatMinorUnits, isCurrency, toMinorUnits } from "@/lib/money";
import { pageListQuery } from "@/lib/pagination";
import { localeSchema } from "./locale";
import { redirectUrlSchema } from "./redirect-url";

// The Kadosei dialect's fields (contract "Card payment sessions (Kadosei dialect)"). Amounts are JSON numbers in
// major units of `currency`; every one is checked against the currency's
// decimals, and the schema's output (the command) has them in minor units,
// converted exactly (lib/money.ts).

const text = (max: number) =>
  z.string().trim().min(1, "must not be empty").max(max, `must have at most ${max} characters`);
const optionalText = (max: number) => z.string().trim().max(max, `must have at most ${max} characters`).optional();

/** Far above any checkout, and far below what integer minor units can hold. */
export const MAX_AMOUNT = 1_000_000_000;

const majorAmount = z
  .number({ error: "must be a number in major units, e.g. 140.76" })
  .nonnegative("must not be negative")
  .max(MAX_AMOUNT, `must be at most ${MAX_AMOUNT}`);

export const countryCode = z
  .string()
  .refine(
    (value) => /^[A-Z]{2}$/.test(value) && countries.isValid(value),
    "must be an ISO 3166-1 alpha-2 code such as AU",
  );

const addressSchema = z.strictObject({
  line1: text(200),
  line2: optionalText(200),
  city: text(100),
  state: optionalText(100),
  postalCode: optionalText(20),
  country: countryCode,
});

/** `customer` of a card session (the Kadosei body). */
export const cardSessionCustomer = z.strictObject({
  firstName: text(100),
  lastName: text(100),
  email: z.email("must be an e-mail address").max(254),
  phone: z
    .string()
    .regex(/^\+[1-9]\d{6,14}$/, "must be an E.164 phone number such as +61412345678")
    .optional(),
  billingAddress: addressSchema.optional(),
  shippingAddress: addressSchema.optional(),
});

export const ADDITIONAL_INFORMATION_LIMITS = { keys: 50, keyLength: 40, valueLength: 500, bytes: 4096 } as const;

const additionalInformationSchema = z
  .record(
    z.string().min(1, "keys must not be empty").max(ADDITIONAL_INFORMATION_LIMITS.keyLength),
    z.union([z.string().max(ADDITIONAL_INFORMATION_LIMITS.valueLength), z.number(), z.boolean(), z.null()], {
      error: `values must be strings (at most ${ADDITIONAL_INFORMATION_LIMITS.valueLength} characters), numbers, booleans or null`,
    }),
    { error: "must be an object" },
  )
  .refine(
    (value) => Object.keys(value).length <= ADDITIONAL_INFORMATION_LIMITS.keys,
    `has at most ${ADDITIONAL_INFORMATION_LIMITS.keys} keys`,
  )
  .refine(
    (value) => Buffer.byteLength(JSON.stringify(value)) <= ADDITIONAL_INFORMATION_LIMITS.bytes,
    `must be at most ${ADDITIONAL_INFORMATION_LIMITS.bytes} bytes as JSON`,
  );

const orderItemSchema = z.strictObject({
  name: text(200),
  sku: optionalText(100),
  quantity: z.number().int("must be a whole number").min(1).max(10_000),
  unitPrice: majorAmount,
});

/** The amount in minor units, or undefined when it does not fit the currency (the issue is reported elsewhere). */
const minorOrUndefined = (amount: unknown, currency: string): bigint | undefined => {
  if (typeof amount !== "number") return undefined;
  try {
    return toMinorUnits(amount, currency);
  } catch {
    return undefined;
  }
};

export const createCardSessionBody = z
  .strictObject({
    orderReference: text(255),
    paymentMethod: z.literal("card", { error: 'must be "card"' }),
    currency: z
      .string()
      .refine((value) => /^[A-Z]{3}$/.test(value) && isCurrency(value), "must be an ISO 4217 code such as AUD"),
    locale: localeSchema.optional(),
    amount: z.strictObject({
      total: majorAmount.positive("must be greater than zero"),
      shipping: majorAmount.optional(),
      tax: majorAmount.optional(),
    }),
    orderItems: z.array(orderItemSchema).min(1, "must list at least one item when given").max(100).optional(),
    customer: cardSessionCustomer,
    shipping: z.strictObject({ type: text(50), method: optionalText(100) }).optional(),
    additionalInformation: additionalInformationSchema.optional(),
    redirectUrls: z.strictObject({ success: redirectUrlSchema, failure: redirectUrlSchema }),
  })
  .superRefine((body, context) => {
    if (typeof body.currency !== "string" || !isCurrency(body.currency)) return;
    const { currency } = body;
    // Every amount must fit the currency's decimals (JPY none, AUD 2, KWD 3).
    const amounts: [path: (string | number)[], value: unknown][] = [
      [["amount", "total"], body.amount?.total],
      [["amount", "shipping"], body.amount?.shipping],
      [["amount", "tax"], body.amount?.tax],
      ...(Array.isArray(body.orderItems) ? body.orderItems : []).map((item, index): [(string | number)[], unknown] => [
        ["orderItems", index, "unitPrice"],
        item?.unitPrice,
      ]),
    ];
    let fits = true;
    for (const [path, value] of amounts) {
      if (typeof value === "number" && minorOrUndefined(value, currency) === undefined) {
        fits = false;
        context.addIssue({ code: "custom", path, message: `has more decimal places than ${currency} allows` });
      }
    }
    if (!fits || !Array.isArray(body.orderItems) || typeof body.amount?.total !== "number") return;
    // contract "Conventions shared by every API": with items, the total is exactly their sum plus shipping and tax.
    const items = body.orderItems.reduce(
      (sum, item) => sum + BigInt(item.quantity) * (minorOrUndefined(item.unitPrice, currency) ?? 0n),
      0n,
    );
    const shipping = minorOrUndefined(body.amount.shipping ?? 0, currency) ?? 0n;
    const tax = minorOrUndefined(body.amount.tax ?? 0, currency) ?? 0n;
    const expected = items + shipping + tax;
    if (minorOrUndefined(body.amount.total, currency) !== expected) {
      const show = (minor: bigint) => formatMinorUnits(minor, currency);
      context.addIssue({
        code: "custom",
        path: ["amount", "total"],
        message: `must equal the items (${show(items)}) + shipping (${show(shipping)}) + tax (${show(tax)}) = ${show(expected)}`,
      });
    }
  })
  // The command: every amount in minor units of the currency (checked to fit above).
  .transform(({ amount, orderItems, ...body }) => {
    const minor = (value: number) => toMinorUnits(value, body.currency);
    return {
      ...body,
      amount: {
        total: minor(amount.total),
        shipping: amount.shipping === undefined ? null : minor(amount.shipping),
        tax: amount.tax === undefined ? null : minor(amount.tax),
      },
      orderItems: orderItems?.map((item) => ({ ...item, unitPrice: minor(item.unitPrice) })),
    };
  });
export type CreateCardSessionCommand = z.output<typeof createCardSessionBody>;

export const CARD_SESSION_STATUSES = [
  "PENDING",
  "PROCESSING",
  "SUCCEEDED",
  "FAILED",
  "EXPIRED",
  "CANCELLED",
  "PARTIALLY_REFUNDED",
  "REFUNDED",
] as const;
export type CardSessionStatus = (typeof CARD_SESSION_STATUSES)[number];

/**
 * The list's `total` is exact up to this many sessions; beyond it, PostgreSQL's estimate (README "The API
 * conventions", Lists), so a list costs the same at a million sessions as at a thousand. Counting is the list's
 * dearest part: 0.3 ms (vacuumed) to 3 ms (fresh rows) of PostgreSQL's time per thousand sessions, on every page.
 */
export const EXACT_TOTAL_CAP = 1_000;

export const listCardSessionsQuery = pageListQuery.extend({
  status: z.enum(CARD_SESSION_STATUSES, { error: `must be one of ${CARD_SESSION_STATUSES.join(", ")}` }).optional(),
});

/**
 * `amount` in major units of the session's currency; omitted means everything
 * not yet refunded. Only the session knows the currency, so the refund turns it
 * into minor units.
 */
export const createCardRefundBody = z.strictObject({
  amount: majorAmount.positive("must be greater than zero").optional(),
});

export const cardAuthenticationBody = z.strictObject({
  attemptId: z.string().min(1).max(100),
  authenticated: z.boolean(),
});

export const authTokenBody = z.strictObject({
  /** Seconds; at most an hour (contract "Conventions shared by every API"). */
  expiresIn: z.number().int().min(60).max(3600).optional(),
});
