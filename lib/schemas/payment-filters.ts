import { z } from "zod";
import { isCurrency, MoneyError, toMinorUnits } from "@/lib/money";

// The dashboard's payments list: one list over the three families, filtered
// by family, status, date range and amount, searched by id, reference or
// customer e-mail, in keyset pages. The same filters drive the CSV export.

export const PAYMENT_FAMILIES = ["wallet", "crypto", "card"] as const;
export type PaymentFamily = (typeof PAYMENT_FAMILIES)[number];

/** One status vocabulary over the families' own (each row keeps its native status too). */
export const PAYMENT_STATUSES = [
  "open",
  "processing",
  "succeeded",
  "failed",
  "expired",
  "canceled",
  "refunded",
] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

const blankToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Write a date as YYYY-MM-DD.");
const cursor = z.string().regex(/^[A-Za-z0-9_-]{1,200}$/, "This page link is not valid.");

export const paymentFilters = z
  .object({
    family: optional(z.enum(PAYMENT_FAMILIES, "Family is wallet, crypto or card.")),
    status: optional(z.enum(PAYMENT_STATUSES, `Status is one of ${PAYMENT_STATUSES.join(", ")}.`)),
    from: optional(day),
    to: optional(day),
    currency: optional(z.string().trim().toUpperCase().refine(isCurrency, "Currency is an ISO 4217 code such as USD.")),
    min: optional(z.string().trim()),
    max: optional(z.string().trim()),
    q: optional(z.string().trim().max(200, "Search for at most 200 characters.")),
    after: optional(cursor),
    before: optional(cursor),
  })
  .transform((filters, context) => {
    const amount = (bound: "min" | "max") => {
      const text = filters[bound];
      if (text === undefined) return undefined;
      if (!filters.currency) {
        context.addIssue({ code: "custom", path: [bound], message: "Choose a currency to filter by amount." });
        return undefined;
      }
      try {
        const minor = toMinorUnits(text, filters.currency);
        if (minor >= 0n) return minor;
      } catch (error) {
        if (!(error instanceof MoneyError)) throw error;
      }
      context.addIssue({
        code: "custom",
        path: [bound],
        message: `Write the ${bound === "min" ? "minimum" : "maximum"} amount as a positive number such as 10.00.`,
      });
      return undefined;
    };
    const date = (text: string | undefined, endOfDay: boolean) => {
      if (!text) return undefined;
      const at = new Date(`${text}T00:00:00.000Z`);
      if (Number.isNaN(at.getTime()) || at.toISOString().slice(0, 10) !== text) {
        context.addIssue({ code: "custom", path: [endOfDay ? "to" : "from"], message: `${text} is not a date.` });
        return undefined;
      }
      return endOfDay ? new Date(at.getTime() + 24 * 3600 * 1000) : at;
    };
    return {
      family: filters.family,
      status: filters.status,
      createdFrom: date(filters.from, false), // inclusive, UTC
      createdBefore: date(filters.to, true), // the whole "to" day, UTC
      currency: filters.currency,
      minAmount: amount("min"),
      maxAmount: amount("max"),
      q: filters.q,
      after: filters.after,
      before: filters.before,
    };
  });
export type PaymentFilters = z.output<typeof paymentFilters>;
