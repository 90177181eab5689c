import {
  email,
  extend,
  maxLength,
  minLength,
  object,
  overwrite,
  pipe,
  refine,
  regex,
  string,
  transform,
  trim,
} from "zod/mini";
import { messageRef } from "@/lib/i18n/message-ref";
import { cardSchema } from "./card";

// The hosted wallet forms, validated in the browser (react-hook-form) and again
// on the server. In zod/mini and apart from the API's schemas (wallet.ts), so
// the browser gets neither classic zod nor the ISO 4217 table (README
// "Performance"). Their messages are catalog keys (lib/i18n/message-ref.ts),
// shown in the customer's language.

export const WALLET_FUNDING_LIMITS = { min: "1.00", max: "10000.00" } as const;

const AMOUNT = /^\d{1,9}(\.\d{1,2})?$/;

/** A wallet amount the form accepted ("25", "25.5", "25.50": USD, at most two decimals) in cents, digit by digit. */
export const formCents = (value: string): bigint => {
  const [whole, fraction = ""] = value.split(".");
  return BigInt(whole + fraction.padEnd(2, "0"));
};

const fundingAmount = pipe(
  string({ error: messageRef("validation.enterAmount") }).check(
    trim(),
    // "25,00" is how half the world writes 25.00.
    overwrite((value) => value.replace(/^(\d+),(\d{1,2})$/, "$1.$2")),
    minLength(1, messageRef("validation.enterAmount")),
    regex(AMOUNT, messageRef("validation.amountFormat", { example: "25.00" })),
    refine(
      (value) => {
        // zod runs every check: this one sees the values the regex refused too.
        if (!AMOUNT.test(value)) return true;
        const cents = formCents(value);
        return cents >= formCents(WALLET_FUNDING_LIMITS.min) && cents <= formCents(WALLET_FUNDING_LIMITS.max);
      },
      messageRef("validation.amountRange", WALLET_FUNDING_LIMITS),
    ),
  ),
  transform(formCents),
);

const personName = (missing: "validation.enterFirstName" | "validation.enterLastName") =>
  string({ error: messageRef(missing) }).check(
    trim(),
    minLength(1, messageRef(missing)),
    maxLength(100, messageRef("validation.nameTooLong")),
  );

/** The customer a wallet onboarding or a first subscription asks for (the hosted form's fields). */
export const walletCustomerFields = object({
  first_name: personName("validation.enterFirstName"),
  last_name: personName("validation.enterLastName"),
  email: email(messageRef("validation.enterEmail")).check(maxLength(254, messageRef("validation.enterEmail"))),
  phone: string({ error: messageRef("validation.phoneFormat") }).check(
    trim(),
    regex(/^\+[1-9]\d{6,14}$/, messageRef("validation.phoneFormat")),
  ),
});

export const onboardingForm = extend(walletCustomerFields, { card: cardSchema, amount: fundingAmount });
export const topupForm = object({ amount: fundingAmount });
/** A subscription without a connection also creates one: it needs the customer too. */
export const newSubscriberForm = extend(walletCustomerFields, { card: cardSchema });
export const subscriptionForm = object({ card: cardSchema });
export const creditBundleForm = object({});
