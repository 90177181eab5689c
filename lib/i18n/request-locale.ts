import { DEFAULT_LOCALE, directionOf } from "./locales";
import { matchLocale, type ResolvedLocale } from "./resolve-locale";

// proxy.ts decides each page's locale once, before anything renders (the
// layout's <html lang dir> and the page's texts must agree), and hands it on
// in this request header, which it always overwrites: a client cannot set it.
export const LOCALE_HEADER = "x-tillpoint-locale";

export type RequestLocale = ResolvedLocale & { dir: "ltr" | "rtl" };

/** The locale proxy.ts chose for this request (English for pages that are not localized). */
export const requestLocale = (headers: Headers): RequestLocale => {
  // proxy.ts decided, the pseudo-locale included.
  const resolved = matchLocale(headers.get(LOCALE_HEADER), { pseudo: true }) ?? {
    catalog: DEFAULT_LOCALE,
    tag: DEFAULT_LOCALE,
  };
  return { ...resolved, dir: directionOf(resolved.catalog) };
};
