"use client";

import { useTranslations } from "next-intl";
import type { FieldErrors, UseFormRegister, UseFormWatch } from "react-hook-form";
import { CARD_BRAND_LABELS, cardDigits, detectCardBrand } from "@/lib/card-number";
import { CardBrandIcon } from "./card-brand-icon";
import { FormField } from "./form-field";
import { useMessageText } from "./use-message-text";

type CardValues = { card?: { number: string; expiry: string; cvc: string } };

type Props<Values extends CardValues> = {
  register: UseFormRegister<Values>;
  watch: UseFormWatch<Values>;
  errors: FieldErrors<CardValues>;
};

/** Card number (with the brand it belongs to), expiry and security code. */
export function CardFields<Values extends CardValues>({ register, watch, errors }: Props<Values>) {
  const t = useTranslations();
  const text = useMessageText();
  const reg = register as unknown as UseFormRegister<CardValues>;
  const number = (watch as unknown as UseFormWatch<CardValues>)("card.number") ?? "";
  const brand = detectCardBrand(cardDigits(number));
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-semibold text-slate-900 dark:text-slate-100">{t("fields.card")}</legend>
      <FormField
        label={t("fields.cardNumber")}
        autoComplete="cc-number"
        dir="ltr"
        inputMode="numeric"
        placeholder="4242 4242 4242 4242"
        error={text(errors.card?.number?.message)}
        trailing={
          brand === "unknown" ? null : (
            <span className="ms-2 flex shrink-0 items-center gap-1.5">
              <CardBrandIcon brand={brand} />
              <span data-testid="card-brand" className="text-xs font-semibold text-slate-700 dark:text-slate-300">
                {CARD_BRAND_LABELS[brand]}
              </span>
            </span>
          )
        }
        {...reg("card.number")}
      />
      <div className="grid grid-cols-2 gap-3">
        <FormField
          label={t("fields.expiry")}
          autoComplete="cc-exp"
          dir="ltr"
          inputMode="numeric"
          placeholder="12/34"
          error={text(errors.card?.expiry?.message)}
          {...reg("card.expiry")}
        />
        <FormField
          label={t("fields.securityCode")}
          autoComplete="cc-csc"
          dir="ltr"
          inputMode="numeric"
          placeholder={brand === "amex" ? "1234" : "123"}
          error={text(errors.card?.cvc?.message)}
          {...reg("card.cvc")}
        />
      </div>
    </fieldset>
  );
}
