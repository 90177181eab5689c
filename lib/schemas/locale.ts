import { z } from "zod";
import { PSEUDO_LOCALE } from "@/lib/i18n/locales";

// A BCP 47 language tag as the dialects send it: a language, optionally a
// script and a region, with "-" or the Kadosei dialect's "_" ("en_AU",
// "zh-Hant-TW"). Any well-formed tag is kept; the hosted page uses the
// nearest language it has and otherwise passes on to the next source
// (README "Hosted pages: languages").
const LOCALE_PATTERN = /^[a-z]{2,3}(?:[_-][A-Z][a-z]{3})?(?:[_-](?:[A-Z]{2}|\d{3}))?$/;

export const localeSchema = z
  .string()
  .max(35)
  .refine((value) => {
    if (!LOCALE_PATTERN.test(value)) return false;
    try {
      // en-XA is our pseudo-locale for layout tests: no session or merchant may choose it.
      const [tag] = Intl.getCanonicalLocales(value.replaceAll("_", "-"));
      return tag !== undefined && tag !== PSEUDO_LOCALE;
    } catch {
      return false;
    }
  }, "must be a locale such as en_AU or de-CH");
