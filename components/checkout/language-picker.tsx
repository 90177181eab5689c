"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useId, useTransition } from "react";
import { type CatalogLocale, LOCALES, PSEUDO_LOCALE, SUPPORTED_LOCALES } from "@/lib/i18n/locales";

type Props = { catalog: CatalogLocale; tag: string; dir: "ltr" | "rtl" };

/**
 * The page's language. Choosing one asks the server for the page again in it
 * (`?locale=`, which wins over everything else) without leaving the page, so
 * whatever the customer has typed stays where it is. Without JavaScript the
 * form is an ordinary GET with a button.
 */
export function LanguagePicker({ catalog, tag, dir }: Props) {
  const t = useTranslations();
  const id = useId();
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [pending, startTransition] = useTransition();

  // The root layout is not rendered again on this navigation: its <html lang dir> follows here.
  useEffect(() => {
    document.documentElement.lang = tag;
    document.documentElement.dir = dir;
  }, [tag, dir]);

  const choose = (locale: string) => {
    const params = new URLSearchParams(searchParams);
    params.set("locale", locale);
    startTransition(() => router.replace(`${pathname}?${params}`, { scroll: false }));
  };

  const kept = [...searchParams.entries()].filter(([name]) => name !== "locale");
  return (
    <form method="get" className="flex items-center gap-1.5 text-xs" aria-busy={pending || undefined}>
      {kept.map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <label htmlFor={id} className="text-slate-600 dark:text-slate-400">
        {t("frame.language")}
      </label>
      <select
        id={id}
        name="locale"
        // Uncontrolled: the choice shows at once; the server's answer renders the picker again with it.
        key={catalog}
        defaultValue={catalog}
        onChange={(event) => choose(event.target.value)}
        className="max-w-[9rem] rounded-control border border-slate-300 dark:border-slate-600 bg-white dark:bg-slate-900 px-1.5 py-1 text-xs text-slate-900 dark:text-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-focus"
      >
        {catalog === PSEUDO_LOCALE ? <option value={PSEUDO_LOCALE}>Pseudo (en-XA)</option> : null}
        {SUPPORTED_LOCALES.map((locale) => (
          <option key={locale} value={locale} lang={locale}>
            {LOCALES[locale]}
          </option>
        ))}
      </select>
      <noscript>
        <button
          type="submit"
          className="rounded-control border border-slate-300 dark:border-slate-600 px-2 py-1 font-semibold text-slate-800 dark:text-slate-200"
        >
          {t("frame.changeLanguage")}
        </button>
      </noscript>
    </form>
  );
}
