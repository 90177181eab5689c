"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import type { CardPaymentForm as Values } from "@/lib/schemas/card";
import { CardFields } from "./card-fields";
import { FormRootError, SubmitButton } from "./form-controls";
import { lazyResolver, preloadResolvers } from "./lazy-resolver";
import { postHosted, showHostedError } from "./post-hosted";

// The hosted card form (contract "Card payment sessions (Kadosei dialect)"): the server's own zod schema checks the card
// as it is typed (fetched on the first focus: ./lazy-resolver.ts); the server checks it again. One attempt per submit; a
// decline with attempts left comes back as a 402 for the form, a 3-D Secure
// challenge as a step of its own, and the end of the session as a redirect.

const FIELDS = new Set(["card.number", "card.expiry", "card.cvc"]);
const NO_FIELDS = new Set<string>();

type Outcome =
  | { status: "SUCCEEDED" | "FAILED"; redirectUrl: string; message?: string }
  | { status: "REQUIRES_ACTION"; attemptId: string }
  | { status: "PROCESSING"; message: string };

type Props = {
  secret: string;
  payLabel: string;
  amountLabel: string;
  merchantName: string;
  /** A challenge already waiting when the page was (re)loaded. */
  pendingChallenge?: string;
};

export function CardPaymentForm({ secret, payLabel, amountLabel, merchantName, pendingChallenge }: Props) {
  const t = useTranslations();
  const router = useRouter();
  const [challenge, setChallenge] = useState(pendingChallenge);
  const [leaving, setLeaving] = useState<string>();
  const {
    register,
    handleSubmit,
    watch,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<Values>({ resolver: lazyResolver("card"), mode: "onTouched" });

  const post = async (path: string, body: unknown) => {
    const result = await postHosted(`/api/hosted/card/${encodeURIComponent(secret)}/${path}`, body, () =>
      setError("root", { message: t("errors.unreachable") }),
    );
    if (!result) return;
    setChallenge(undefined);
    if (result.ok) {
      const outcome = result.payload as Outcome;
      if (outcome.status === "REQUIRES_ACTION") {
        setChallenge(outcome.attemptId);
        return;
      }
      if (outcome.status === "PROCESSING") {
        // The provider did not answer: the page shows the payment in progress until it is confirmed.
        router.refresh();
        return;
      }
      setLeaving(
        outcome.status === "SUCCEEDED"
          ? t("card.leavingPaid", { merchant: merchantName })
          : t("card.leavingFailed", { message: outcome.message ?? t("card.paymentFailed"), merchant: merchantName }),
      );
      window.location.assign(outcome.redirectUrl);
      return;
    }
    // A decline names card.number for API clients; on the page it reads better once, above the button.
    showHostedError(result, {
      setError: setError as (name: string, error: { message: string }) => void,
      fields: result.status === 400 ? FIELDS : NO_FIELDS,
      refresh: router.refresh,
      t,
    });
  };

  if (leaving) {
    return (
      <p
        role="status"
        className="rounded-control bg-slate-50 dark:bg-slate-800 p-4 font-semibold text-slate-900 dark:text-slate-100"
      >
        {leaving}
      </p>
    );
  }
  if (challenge) {
    return (
      <ThreeDSecureChallenge
        amountLabel={amountLabel}
        merchantName={merchantName}
        onAnswer={(authenticated) => post("authenticate", { attemptId: challenge, authenticated })}
      />
    );
  }
  return (
    <form
      onSubmit={handleSubmit((values) => post("pay", values))}
      onFocus={preloadResolvers}
      method="post"
      noValidate
      className="space-y-5"
    >
      <CardFields register={register} watch={watch} errors={errors} />
      <FormRootError message={errors.root?.message} />
      <SubmitButton label={payLabel} submitting={isSubmitting} />
    </form>
  );
}

type ChallengeProps = {
  amountLabel: string;
  merchantName: string;
  onAnswer: (authenticated: boolean) => Promise<void>;
};

/**
 * The issuer's 3-D Secure challenge, as test mode simulates it (Stripe's test
 * page offers the same two answers). A live provider would show its issuer's page.
 */
function ThreeDSecureChallenge({ amountLabel, merchantName, onAnswer }: ChallengeProps) {
  const t = useTranslations();
  const heading = useRef<HTMLHeadingElement>(null);
  const [answering, setAnswering] = useState(false);
  useEffect(() => heading.current?.focus(), []);
  const answer = async (authenticated: boolean) => {
    setAnswering(true);
    try {
      await onAnswer(authenticated);
    } finally {
      setAnswering(false);
    }
  };
  return (
    <section
      aria-labelledby="three-d-secure-heading"
      className="space-y-4 rounded-control border border-slate-300 dark:border-slate-600 p-5"
    >
      <h2
        id="three-d-secure-heading"
        ref={heading}
        tabIndex={-1}
        className="text-lg font-bold text-slate-900 dark:text-slate-100"
      >
        {t("card.challengeTitle")}
      </h2>
      <p className="text-slate-700 dark:text-slate-300">
        {t("card.challengeText", { amount: amountLabel, merchant: merchantName })}
      </p>
      <div className="grid gap-3 sm:grid-cols-2">
        <button
          type="button"
          disabled={answering}
          onClick={() => answer(true)}
          className="rounded-control bg-button px-4 py-3 font-semibold text-button-text hover:bg-button-hover focus:outline-none focus-visible:ring-2 focus-visible:ring-focus focus-visible:ring-offset-2 dark:ring-offset-slate-900 disabled:opacity-60"
        >
          {t("card.challengeComplete")}
        </button>
        <button
          type="button"
          disabled={answering}
          onClick={() => answer(false)}
          className="rounded-control border border-slate-300 dark:border-slate-600 px-4 py-3 font-semibold text-slate-800 dark:text-slate-200 hover:bg-slate-100 dark:hover:bg-slate-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-focus disabled:opacity-60"
        >
          {t("card.challengeFail")}
        </button>
      </div>
    </section>
  );
}
