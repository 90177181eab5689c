import { match } from "@formatjs/intl-localematcher";
import { type CatalogLocale, DEFAULT_LOCALE, isCatalogLocale, PSEUDO_LOCALE, SUPPORTED_LOCALES } from "./locales";

/**
 * The catalog a page's texts come from, and the tag its `<html lang>`,
 * numbers, money and dates follow. They differ when the request names a
 * region we have no catalog of: `de_CH` reads German (`de`) and formats Swiss
 * (`de-CH`).
 */
export type ResolvedLocale = { catalog: CatalogLocale; tag: string };

export type LocaleCandidates = {
  /** `?locale=` on the page's URL: the customer's own choice (the picker). */
  query?: string | null;
  /** The session's locale: the card dialect's `locale`, or the `locale` given to a crypto or wallet session. */
  session?: string | null;
  /** The browser's `Accept-Language` header. */
  acceptLanguage?: string | null;
  /** The merchant's default locale. */
  merchantDefault?: string | null;
};

const NO_MATCH = "und";

/** Languages another catalog serves: Norwegian (and Nynorsk) reads Bokmål, Tagalog reads Filipino. */
const MACROLANGUAGE: Record<string, string> = { no: "nb", nn: "nb", tl: "fil" };

/**
 * One tag as a catalog locale and its canonical form (language, script and
 * region: a `-u-nu-thai` extension does not get to change how prices read),
 * or undefined when it is malformed or no catalog fits. The pseudo-locale
 * matches only where `pseudo` allows it (a customer's own `?locale=`).
 */
export const matchLocale = (tag: string | null | undefined, { pseudo = false } = {}): ResolvedLocale | undefined => {
  if (!tag || tag.length > 64) return undefined;
  let canonical: string;
  try {
    const { language, script, region } = new Intl.Locale(tag.trim().replaceAll("_", "-"));
    canonical = [language, script, region].filter(Boolean).join("-");
  } catch {
    return undefined;
  }
  if (canonical === PSEUDO_LOCALE) return pseudo ? { catalog: PSEUDO_LOCALE, tag: PSEUDO_LOCALE } : undefined;
  if (isCatalogLocale(canonical)) return { catalog: canonical, tag: canonical };
  // CLDR's language distance: de-AT is de, pt-PT is pt, zh-HK is zh-TW, no is nb. Its fallback
  // to English for a language it does not know is not ours to make: that source passes on.
  const matched = match([canonical], SUPPORTED_LOCALES, NO_MATCH, { algorithm: "best fit" });
  if (!isCatalogLocale(matched)) return undefined;
  const language = new Intl.Locale(canonical).language;
  const sameLanguage = language === new Intl.Locale(matched).language;
  if (!sameLanguage && MACROLANGUAGE[language] !== matched) return undefined;
  // Formatting keeps the region asked for, as long as it is the same language.
  return { catalog: matched, tag: sameLanguage ? canonical : matched };
};

/** Enough for any browser; a header of thousands of tags is not worth thousands of matches. */
const MAX_ACCEPTED_LANGUAGES = 12;

/** The tags of an Accept-Language header, most preferred first (q=0 means "not this one"). */
export const acceptedLanguages = (header: string | null | undefined): string[] =>
  (header ?? "")
    .slice(0, 1024)
    .split(",", MAX_ACCEPTED_LANGUAGES)
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((param) => param.trim()).find((param) => param.startsWith("q="));
      const quality = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter(({ tag, quality }) => tag && tag !== "*" && quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index)
    .map(({ tag }) => tag);

/**
 * The hosted pages' locale, in this order: `?locale=`, the session's locale,
 * Accept-Language, the merchant's default, English. A candidate we have no
 * catalog for is passed over, not an error: the customer still gets a page.
 */
export const resolveLocale = ({
  query,
  session,
  acceptLanguage,
  merchantDefault,
}: LocaleCandidates): ResolvedLocale => {
  const fromQuery = matchLocale(query, { pseudo: true });
  if (fromQuery) return fromQuery;
  for (const candidate of [session, ...acceptedLanguages(acceptLanguage), merchantDefault]) {
    const resolved = matchLocale(candidate);
    if (resolved) return resolved;
  }
  return { catalog: DEFAULT_LOCALE, tag: DEFAULT_LOCALE };
};
