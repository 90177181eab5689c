"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { useMessageText } from "./use-message-text";

// Pieces every hosted form shares.

/**
 * False until React has hydrated. Buttons start disabled: before hydration
 * they do nothing useful (a native submit would even put a card number in the URL).
 */
export const useHydrated = () => {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
};

/** The form's own error (a decline, a network failure), announced to screen readers. */
export function FormRootError({ message }: { message?: string }) {
  const text = useMessageText()(message);
  if (!text) return null;
  return (
    <p
      role="alert"
      data-testid="payment-error"
      className="rounded-control bg-red-50 dark:bg-red-950 p-3 text-sm font-medium text-red-800 dark:text-red-200"
    >
      {text}
    </p>
  );
}

/** The pay button: disabled until hydrated and while the payment runs. */
export function SubmitButton({ label, submitting }: { label: string; submitting: boolean }) {
  const t = useTranslations();
  const hydrated = useHydrated();
  return (
    <button
      type="submit"
      disabled={!hydrated || submitting}
      className="w-full rounded-control bg-button px-4 py-3 font-semibold text-button-text hover:bg-button-hover focus:outline-none focus-visible:ring-2 focus-visible:ring-focus focus-visible:ring-offset-2 dark:ring-offset-slate-900 disabled:opacity-60"
    >
      {submitting ? t("common.processing") : label}
    </button>
  );
}
