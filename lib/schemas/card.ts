import { z } from "zod";
import { cardDigits, cvcLength, detectCardBrand, isExpired, luhnValid, parseExpiry } from "@/lib/card-number";

// The card fields of every hosted form. The same schema validates in the
// browser (react-hook-form) and on the server, which never trusts the browser.
export const cardSchema = z
  .object({
    number: z
      .string({ error: "Enter the card number" })
      .min(1, "Enter the card number")
      .refine((value) => /^[\d\s-]+$/.test(value), "A card number has digits only")
      .refine((value) => luhnValid(cardDigits(value)), "This card number is not valid"),
    expiry: z
      .string({ error: "Enter the expiry date" })
      .min(1, "Enter the expiry date")
      .refine((value) => parseExpiry(value) !== undefined, "Use the MM/YY format")
      .refine((value) => {
        const expiry = parseExpiry(value);
        return expiry === undefined || !isExpired(expiry);
      }, "This card has expired"),
    cvc: z.string({ error: "Enter the security code" }).regex(/^\d{3,4}$/, "The security code has 3 or 4 digits"),
  })
  .superRefine((card, context) => {
    const brand = detectCardBrand(cardDigits(card.number));
    if (/^\d{3,4}$/.test(card.cvc) && card.cvc.length !== cvcLength(brand)) {
      context.addIssue({
        code: "custom",
        path: ["cvc"],
        message: `The security code of this card has ${cvcLength(brand)} digits`,
      });
    }
  });

export type CardInput = z.infer<typeof cardSchema>;

/** The hosted card page's form (card sessions). Kept here, away from server-only schemas, for the browser bundle. */
export const cardPaymentForm = z.strictObject({ card: cardSchema });
export type CardPaymentForm = z.infer<typeof cardPaymentForm>;
