"use client";

import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { CardFields } from "./card-fields";
import { FormRootError, SubmitButton, useHydrated } from "./form-controls";
import { FormField } from "./form-field";
import { lazyResolver, preloadResolvers } from "./lazy-resolver";
import { notifyParent } from "./notify-parent";
import { postHosted, showHostedError } from "./post-hosted";
import { useMessageText } from "./use-message-text";

// Each form validates with the server's own schema (lib/schemas/wallet-forms.ts, through ./lazy-resolver.ts): what
// the browser accepts, the API accepts, with the same messages.
const FORMS = {
  onboarding: { customer: true, card: true, amount: true },
  topup: { customer: false, card: false, amount: true },
  subscription: { customer: false, card: true, amount: false },
  new_subscriber: { customer: true, card: true, amount: false },
  credit_bundle: { customer: false, card: false, amount: false },
} as const;

export type WalletFormKind = keyof typeof FORMS;

type Values = {
  first_name?: string;
  last_name?: string;
  email?: string;
  phone?: string;
  amount?: string;
  card?: { number: string; expiry: string; cvc: string };
};

const FIELDS = new Set([
  "first_name",
  "last_name",
  "email",
  "phone",
  "amount",
  "card.number",
  "card.expiry",
  "card.cvc",
]);

type Props = {
  kind: WalletFormKind;
  secret: string;
  checkoutSessionId: string;
  submitLabel: string;
  /** The currency amounts are typed in, and its symbol. */
  currency: { code: string; symbol: string };
  /** Embedded in Lava's iframe: results go to the parent window at this origin. */
  embed: { parentOrigin: string } | null;
  cancelHref: string;
};

export function WalletCheckoutForm({
  kind,
  secret,
  checkoutSessionId,
  submitLabel,
  currency,
  embed,
  cancelHref,
}: Props) {
  const t = useTranslations();
  const format = useFormatter();
  const text = useMessageText();
  const form = FORMS[kind];
  const router = useRouter();
  const [done, setDone] = useState(false);
  const hydrated = useHydrated();
  const {
    register,
    handleSubmit,
    watch,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<Values>({
    resolver: lazyResolver<Values>(kind),
    mode: "onTouched",
  });

  const onSubmit = handleSubmit(async (values) => {
    const result = await postHosted(`/api/hosted/wallet/${encodeURIComponent(secret)}`, values, () =>
      setError("root", { message: t("errors.unreachable") }),
    );
    if (!result) return;
    if (result.ok && result.payload.status === "processing") {
      // No answer from the card provider yet: the page shows the payment being confirmed.
      router.refresh();
      return;
    }
    if (result.ok) {
      setDone(true);
      if (embed) {
        notifyParent(embed.parentOrigin, {
          type: "lava_checkout_success",
          checkoutSessionId,
          connectionId: String(result.payload.connection_id),
        });
      } else {
        router.refresh();
      }
      return;
    }
    showHostedError(result, {
      setError: setError as (name: string, error: { message: string }) => void,
      fields: FIELDS,
      refresh: router.refresh,
      t,
    });
  });

  if (done) {
    return (
      <p
        role="status"
        className="rounded-control bg-emerald-50 dark:bg-emerald-950 p-4 font-semibold text-emerald-900 dark:text-emerald-100"
      >
        {t("wallet.thanks")}
      </p>
    );
  }

  return (
    <form onSubmit={onSubmit} onFocus={preloadResolvers} method="post" noValidate className="space-y-5">
      {form.customer ? (
        <fieldset className="space-y-3">
          <legend className="text-sm font-semibold text-slate-900 dark:text-slate-100">
            {t("common.yourDetails")}
          </legend>
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
            <FormField
              label={t("fields.firstName")}
              autoComplete="given-name"
              error={text(errors.first_name?.message)}
              {...register("first_name")}
            />
            <FormField
              label={t("fields.lastName")}
              autoComplete="family-name"
              error={text(errors.last_name?.message)}
              {...register("last_name")}
            />
          </div>
          <FormField
            label={t("fields.email")}
            type="email"
            dir="ltr"
            autoComplete="email"
            error={text(errors.email?.message)}
            {...register("email")}
          />
          <FormField
            label={t("fields.phone")}
            type="tel"
            dir="ltr"
            autoComplete="tel"
            placeholder="+14155550123"
            error={text(errors.phone?.message)}
            {...register("phone")}
          />
        </fieldset>
      ) : null}
      {form.amount ? (
        <FormField
          label={t("fields.amount", { currency: currency.code })}
          inputMode="decimal"
          prefix={currency.symbol}
          placeholder={format.number(25, "amount")}
          error={text(errors.amount?.message)}
          {...register("amount")}
        />
      ) : null}
      {form.card ? <CardFields register={register} watch={watch} errors={errors} /> : null}
      <FormRootError message={errors.root?.message} />
      <SubmitButton label={submitLabel} submitting={isSubmitting} />
      {embed ? (
        <button
          type="button"
          disabled={!hydrated}
          onClick={() => notifyParent(embed.parentOrigin, { type: "lava_checkout_cancel", checkoutSessionId })}
          className="w-full rounded-control px-4 py-2 font-semibold text-slate-700 dark:text-slate-300 hover:bg-slate-100 dark:hover:bg-slate-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-focus"
        >
          {t("common.cancel")}
        </button>
      ) : (
        <a
          href={cancelHref}
          className="block w-full rounded-control px-4 py-2 text-center font-semibold text-slate-700 dark:text-slate-300 hover:bg-slate-100 dark:hover:bg-slate-800"
        >
          {t("common.cancel")}
        </a>
      )}
    </form>
  );
}
