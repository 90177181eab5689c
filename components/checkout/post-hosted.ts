"use client";

import { CHECKOUT_LOCALE_HEADER } from "@/lib/i18n/checkout-locale-header";

// What every hosted form does with its own endpoint (`/api/hosted/{family}/{secret}/…`):
// post JSON in the page's language (the endpoint answers in it), and turn an
// error answer into messages on the form.

export type HostedResult = { ok: boolean; status: number; payload: Record<string, unknown> };

/** The endpoint's answer, or undefined (after telling the form) when the server could not be reached. */
export const postHosted = async (
  url: string,
  body: unknown,
  onUnreachable: () => void,
): Promise<HostedResult | undefined> => {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      // The language the page was rendered in: the hosted endpoints word their answers in it.
      headers: { "Content-Type": "application/json", [CHECKOUT_LOCALE_HEADER]: document.documentElement.lang },
      body: JSON.stringify(body),
    });
  } catch {
    onUnreachable();
    return undefined;
  }
  const payload = await response.json().catch(() => ({}));
  return { ok: response.ok, status: response.status, payload };
};

type ShowOptions = {
  setError: (name: string, error: { message: string }, options?: { shouldFocus: boolean }) => void;
  /** Field paths the form can show an error beside (`card.number`, …). */
  fields: ReadonlySet<string>;
  refresh: () => void;
  t: (key: "errors.changed" | "errors.generic") => string;
};

/** A 409 (paid, expired, being paid elsewhere) reloads the page, which knows what to show; others go beside their field and on top. */
export const showHostedError = (result: HostedResult, { setError, fields, refresh, t }: ShowOptions) => {
  const error = (result.payload.error ?? {}) as { message?: string; param?: unknown };
  if (result.status === 409) {
    setError("root", { message: error.message ?? t("errors.changed") });
    refresh();
    return;
  }
  if (typeof error.param === "string" && fields.has(error.param)) {
    // Hosted endpoints word their messages for the customer: no field path in front.
    setError(error.param, { message: String(error.message ?? "") }, { shouldFocus: true });
  }
  setError("root", { message: error.message ?? t("errors.generic") });
};
