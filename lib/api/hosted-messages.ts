import { createTranslator } from "use-intl/core";
import { CHECKOUT_LOCALE_HEADER } from "@/lib/i18n/checkout-locale-header";
import { FORMATS } from "@/lib/i18n/formats";
import type { MessageValues } from "@/lib/i18n/message-ref";
import { loadMessages, type MessageKey } from "@/lib/i18n/messages";
import { matchLocale, resolveLocale } from "@/lib/i18n/resolve-locale";
import type { ApiError } from "./errors";

// The hosted pages' own endpoints answer in the customer's language: the page
// names the locale it was rendered in (X-Checkout-Locale), else the browser's
// Accept-Language decides. Merchant APIs stay in English.

export type Translate = (key: MessageKey, values?: MessageValues) => string;

export const hostedTranslator = async (request: Request): Promise<Translate> => {
  const resolved =
    // The page's own locale, which may be the pseudo-locale its URL asked for.
    matchLocale(request.headers.get(CHECKOUT_LOCALE_HEADER), { pseudo: true }) ??
    resolveLocale({ acceptLanguage: request.headers.get("accept-language") });
  const translate = createTranslator({
    locale: resolved.tag,
    messages: await loadMessages(resolved.catalog),
    formats: FORMATS,
  });
  return (key, values) => translate(key, values);
};

/** An error for the customer: its own catalog message, or the one its code stands for. */
export const hostedErrorMessage =
  (t: Translate) =>
  (error: ApiError): string => {
    if (error.messageKey) return t(error.messageKey, error.messageValues);
    switch (error.code) {
      case "rate_limited":
        return t("errors.rateLimited", { seconds: Number(error.headers?.["Retry-After"] ?? 60) });
      case "state_conflict":
      case "idempotency_key_in_use":
        return t("errors.stateConflict");
      case "service_unavailable":
        return t("errors.unavailable");
      case "not_found":
        return t("errors.notFound");
      case "card_declined":
        return t("decline.card_declined");
      case "internal_error":
        return t("errors.generic");
      default:
        return t("errors.invalidInput");
    }
  };
