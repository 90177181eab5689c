// The languages of the hosted checkout pages: one ICU catalog each in
// lib/i18n/messages/<locale>.json, English the source. Names are written in
// their own language, as a picker shows them.

export const DEFAULT_LOCALE = "en";

export const LOCALES = {
  ar: "العربية",
  bg: "Български",
  cs: "Čeština",
  da: "Dansk",
  de: "Deutsch",
  el: "Ελληνικά",
  en: "English",
  es: "Español",
  et: "Eesti",
  fi: "Suomi",
  fil: "Filipino",
  fr: "Français",
  he: "עברית",
  hr: "Hrvatski",
  hu: "Magyar",
  id: "Bahasa Indonesia",
  it: "Italiano",
  ja: "日本語",
  ko: "한국어",
  lt: "Lietuvių",
  lv: "Latviešu",
  ms: "Bahasa Melayu",
  nb: "Norsk bokmål",
  nl: "Nederlands",
  pl: "Polski",
  pt: "Português",
  "pt-BR": "Português (Brasil)",
  ro: "Română",
  ru: "Русский",
  sk: "Slovenčina",
  sl: "Slovenščina",
  sv: "Svenska",
  th: "ไทย",
  tr: "Türkçe",
  uk: "Українська",
  vi: "Tiếng Việt",
  "zh-CN": "简体中文",
  "zh-TW": "繁體中文",
} as const;

export type Locale = keyof typeof LOCALES;

/**
 * A pseudo-locale for layout tests: English made about 40 % longer and
 * accented (lib/i18n/pseudo-locale.ts). Reachable only as `?locale=en-XA`;
 * no picker offers it.
 */
export const PSEUDO_LOCALE = "en-XA";

export type CatalogLocale = Locale | typeof PSEUDO_LOCALE;

export const SUPPORTED_LOCALES = Object.keys(LOCALES) as Locale[];

const RIGHT_TO_LEFT = new Set<string>(["ar", "he"]);

export const isCatalogLocale = (value: string): value is CatalogLocale =>
  value === PSEUDO_LOCALE || Object.hasOwn(LOCALES, value);

export const directionOf = (locale: string): "ltr" | "rtl" =>
  RIGHT_TO_LEFT.has(locale.split("-")[0] ?? "") ? "rtl" : "ltr";
