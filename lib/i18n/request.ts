import { headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { FORMATS } from "./formats";
import { DEFAULT_LOCALE } from "./locales";
import { loadMessages } from "./messages";
import { requestLocale } from "./request-locale";
import { matchLocale } from "./resolve-locale";

// next-intl's configuration per request: the locale proxy.ts chose (or one a
// caller names, as the hosted endpoints do for their error messages) and its
// catalog. Times are shown in UTC, as the API writes them.
export default getRequestConfig(async ({ locale: named }) => {
  const resolved = (named ? matchLocale(named, { pseudo: true }) : requestLocale(await headers())) ?? {
    catalog: DEFAULT_LOCALE,
    tag: DEFAULT_LOCALE,
  };
  return { locale: resolved.tag, messages: await loadMessages(resolved.catalog), formats: FORMATS, timeZone: "UTC" };
});
