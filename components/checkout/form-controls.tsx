"use client";

import { useEffect, useState } from "react";

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
  if (!message) return null;
  return (
    <p role="alert" data-testid="payment-error" className="rounded-lg bg-red-50 p-3 text-sm font-medium text-red-800">
      {message}
    </p>
  );
}

/** The pay button: disabled until hydrated and while the payment runs. */
export function SubmitButton({ label, submitting }: { label: string; submitting: boolean }) {
  const hydrated = useHydrated();
  return (
    <button
      type="submit"
      disabled={!hydrated || submitting}
      className="w-full rounded-lg bg-brand px-4 py-3 font-semibold text-white hover:bg-brand-dark focus:outline-none focus-visible:ring-2 focus-visible:ring-brand focus-visible:ring-offset-2 disabled:opacity-60"
    >
      {submitting ? "Processing…" : label}
    </button>
  );
}
