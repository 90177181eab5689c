import type * as z from "zod/mini";
import { minLength, object, refine, regex, strictObject, string, superRefine } from "zod/mini";
import { cardDigits, cvcLength, detectCardBrand, isExpired, luhnValid, parseExpiry } from "@/lib/card-number";
import { messageRef } from "@/lib/i18n/message-ref";

// The card fields of every hosted form. The same schema validates in the
// browser (react-hook-form) and on the server, which never trusts the browser.
// zod/mini (its checks are functions, so a bundle keeps only what it uses:
// 17 KB gzip where classic zod took 45), and in the browser only once a form
// is first focused (components/checkout/lazy-resolver.ts; README "Performance").
// Its messages are catalog keys (lib/i18n/message-ref.ts): each side shows
// them in the customer's language.
export const cardSchema = object({
  number: string({ error: messageRef("validation.enterCardNumber") }).check(
    minLength(1, messageRef("validation.enterCardNumber")),
    refine((value) => /^[\d\s-]+$/.test(value), messageRef("validation.cardNumberDigits")),
    refine((value) => luhnValid(cardDigits(value)), messageRef("validation.cardNumberInvalid")),
  ),
  expiry: string({ error: messageRef("validation.enterExpiry") }).check(
    minLength(1, messageRef("validation.enterExpiry")),
    refine((value) => parseExpiry(value) !== undefined, messageRef("validation.expiryFormat")),
    refine((value) => {
      const expiry = parseExpiry(value);
      return expiry === undefined || !isExpired(expiry);
    }, messageRef("validation.cardExpired")),
  ),
  cvc: string({ error: messageRef("validation.enterSecurityCode") }).check(
    regex(/^\d{3,4}$/, messageRef("validation.securityCodeDigits")),
  ),
}).check(
  superRefine((card, context) => {
    const brand = detectCardBrand(cardDigits(card.number));
    if (/^\d{3,4}$/.test(card.cvc) && card.cvc.length !== cvcLength(brand)) {
      context.addIssue({
        code: "custom",
        path: ["cvc"],
        message: messageRef("validation.securityCodeLength", { digits: cvcLength(brand) }),
      });
    }
  }),
);

export type CardInput = z.infer<typeof cardSchema>;

/** The hosted card page's form (card sessions). Kept here, away from server-only schemas, for the browser bundle. */
export const cardPaymentForm = strictObject({ card: cardSchema });
export type CardPaymentForm = z.infer<typeof cardPaymentForm>;
