import type { CatalogLocale } from "./locales";
import type en from "./messages/en.json";

export type Messages = typeof en;

type Leaves<T, Prefix extends string = ""> = {
  [Key in keyof T & string]: T[Key] extends string ? `${Prefix}${Key}` : Leaves<T[Key], `${Prefix}${Key}.`>;
}[keyof T & string];

/** A key of the catalogs, e.g. "card.paid": what zod messages and error mappings name instead of English text. */
export type MessageKey = Leaves<Messages>;

/**
 * One locale's catalog. The import's path is a template so the bundler makes
 * one chunk per catalog (and next-intl's loader precompiles each): a page
 * loads only its own language.
 */
export const loadMessages = async (locale: CatalogLocale): Promise<Messages> =>
  (await import(`./messages/${locale}.json`)).default;

/** The translator a hosted page's server components pass down (next-intl's, over the whole catalog). */
export type PageTranslator = Awaited<ReturnType<typeof import("next-intl/server").getTranslations<never>>>;
