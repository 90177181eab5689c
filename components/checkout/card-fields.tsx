"use client";

import type { FieldErrors, UseFormRegister, UseFormWatch } from "react-hook-form";
import { CARD_BRAND_LABELS, cardDigits, detectCardBrand } from "@/lib/card-number";
import { CardBrandIcon } from "./card-brand-icon";
import { FormField } from "./form-field";

type CardValues = { card?: { number: string; expiry: string; cvc: string } };

type Props<Values extends CardValues> = {
  register: UseFormRegister<Values>;
  watch: UseFormWatch<Values>;
  errors: FieldErrors<CardValues>;
};

/** Card number (with the brand it belongs to), expiry and security code. */
export function CardFields<Values extends CardValues>({ register, watch, errors }: Props<Values>) {
  const reg = register as unknown as UseFormRegister<CardValues>;
  const number = (watch as unknown as UseFormWatch<CardValues>)("card.number") ?? "";
  const brand = detectCardBrand(cardDigits(number));
  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-semibold text-slate-900">Card</legend>
      <FormField
        label="Card number"
        autoComplete="cc-number"
        inputMode="numeric"
        placeholder="4242 4242 4242 4242"
        error={errors.card?.number?.message}
        trailing={
          brand === "unknown" ? null : (
            <span className="ml-2 flex shrink-0 items-center gap-1.5">
              <CardBrandIcon brand={brand} />
              <span data-testid="card-brand" className="text-xs font-semibold text-slate-700">
                {CARD_BRAND_LABELS[brand]}
              </span>
            </span>
          )
        }
        {...reg("card.number")}
      />
      <div className="grid grid-cols-2 gap-3">
        <FormField
          label="Expiry (MM/YY)"
          autoComplete="cc-exp"
          inputMode="numeric"
          placeholder="12/34"
          error={errors.card?.expiry?.message}
          {...reg("card.expiry")}
        />
        <FormField
          label="Security code"
          autoComplete="cc-csc"
          inputMode="numeric"
          placeholder={brand === "amex" ? "1234" : "123"}
          error={errors.card?.cvc?.message}
          {...reg("card.cvc")}
        />
      </div>
    </fieldset>
  );
}
