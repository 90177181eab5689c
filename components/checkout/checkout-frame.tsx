import { useLocale, useTranslations } from "next-intl";
import type { CSSProperties, ReactNode } from "react";
import type { HostedBrand } from "@/lib/branding/hosted-brand";
import { DEFAULT_LOCALE, directionOf } from "@/lib/i18n/locales";
import { matchLocale } from "@/lib/i18n/resolve-locale";
import { LanguagePicker } from "./language-picker";

type Props = { brand: HostedBrand; title: string; testMode: boolean; children: ReactNode };

const RADII = {
  rounded: { control: "0.5rem", card: "1rem" },
  square: { control: "0", card: "0" },
  pill: { control: "9999px", card: "1.5rem" },
} as const;

/** The merchant's brand as the CSS variables tailwind.config.ts names (button, focus, control, card). */
const brandStyle = (brand: HostedBrand) =>
  ({
    "--tp-button": brand.buttonColor,
    "--tp-button-text": brand.buttonText,
    "--tp-button-hover": brand.buttonHover,
    "--tp-focus-light": brand.focusLight,
    "--tp-focus-dark": brand.focusDark,
    "--tp-radius-control": RADII[brand.corners].control,
    "--tp-radius-card": RADII[brand.corners].card,
  }) as CSSProperties;

/**
 * The shell of every hosted checkout page: who is asking for money, and what
 * for, in the customer's language and the merchant's brand. The header band
 * wears the brand colour with the text colour that reads on it.
 */
export function CheckoutFrame({ brand, title, testMode, children }: Props) {
  const t = useTranslations();
  const tag = useLocale();
  const catalog = matchLocale(tag)?.catalog ?? DEFAULT_LOCALE;
  return (
    <main
      data-theme={brand.theme}
      style={brandStyle(brand)}
      className="flex min-h-screen items-start justify-center bg-slate-50 px-4 py-8 sm:py-16 dark:bg-slate-950"
    >
      <div className="w-full max-w-md overflow-hidden rounded-card bg-white shadow-lg ring-1 ring-slate-200 dark:bg-slate-900 dark:ring-slate-700">
        <div
          data-testid="brand-header"
          style={{ backgroundColor: brand.brandColor, color: brand.brandText }}
          className="flex flex-wrap items-center justify-between gap-3 px-6 py-3 sm:px-8"
        >
          <div className="flex min-w-0 items-center gap-3">
            {brand.logoUrl ? (
              // The name beside it says who it is: the logo is decoration to a screen reader.
              // biome-ignore lint/performance/noImgElement: a merchant's logo of any size, served by us with its own cache headers
              <img src={brand.logoUrl} alt="" className="h-8 w-auto max-w-[8rem] object-contain" />
            ) : null}
            <p className="min-w-0 text-sm font-semibold [overflow-wrap:anywhere]">{brand.name}</p>
          </div>
          {testMode ? (
            <span className="rounded-full bg-amber-100 px-2.5 py-0.5 text-xs font-semibold text-amber-900">
              {t("frame.testMode")}
            </span>
          ) : null}
        </div>
        <div className="p-6 sm:p-8">
          <h1 className="text-2xl font-bold tracking-tight text-slate-900 dark:text-slate-100">{title}</h1>
          <div className="mt-6">{children}</div>
          <div className="mt-8 flex flex-wrap items-center justify-between gap-3">
            {brand.showPoweredBy ? (
              <p className="text-xs text-slate-600 dark:text-slate-400">{t("frame.poweredBy")}</p>
            ) : (
              <span />
            )}
            <LanguagePicker catalog={catalog} tag={tag} dir={directionOf(catalog)} />
          </div>
        </div>
      </div>
    </main>
  );
}

/** Label/value lines of an order summary. */
export function SummaryList({ items }: { items: [label: string, value: string][] }) {
  return (
    <dl className="divide-y divide-slate-100 rounded-control bg-slate-50 px-4 text-sm dark:divide-slate-700 dark:bg-slate-800">
      {items.map(([label, value]) => (
        <div key={label} className="flex justify-between gap-4 py-2.5">
          <dt className="text-slate-700 dark:text-slate-300">{label}</dt>
          <dd className="text-end font-semibold text-slate-900 dark:text-slate-100">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A payment of this session is running (another tab, or this one a moment ago): the page reloads until it ends. */
export function PaymentInProgress(frame: Omit<Props, "title" | "children">) {
  const t = useTranslations();
  return (
    <CheckoutFrame {...frame} title={t("common.processingTitle")}>
      <meta httpEquiv="refresh" content="3" />
      <p role="status" className="text-slate-700 dark:text-slate-300">
        {t("common.processingText")}
      </p>
    </CheckoutFrame>
  );
}
