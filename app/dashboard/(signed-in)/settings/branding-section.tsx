import { ActionForm } from "@/components/dashboard/action-form";
import { Field, inputClass, Section, SelectField, TextField } from "@/components/dashboard/ui";
import type { brandingJson } from "@/lib/branding/branding";
import { LOCALES, SUPPORTED_LOCALES } from "@/lib/i18n/locales";
import { CORNER_STYLES, LOGO_MAX_BYTES, LOGO_TYPES, THEMES } from "@/lib/schemas/branding";
import { saveBranding } from "./actions";

/** The branding as the API shows it (brandingJson), which is what this form edits. */
type Props = { branding: ReturnType<typeof brandingJson>; canAct: boolean };

const DEFAULT = ["", "Default"] as const;

/** The hosted pages' branding and language (README "Hosted pages: branding"), as GET/PATCH /api/v1/branding has it. */
export function BrandingSection({ branding: current, canAct }: Props) {
  // The API's URL names PUBLIC_BASE_URL; the page shows the logo from its own host.
  const logoPath = current.logo ? new URL(current.logo).pathname : null;
  // A tag the API took that no catalog is named by (de-CH) stays selected, so saving keeps it.
  const locales: [string, string][] = SUPPORTED_LOCALES.map((locale) => [locale, LOCALES[locale]]);
  if (current.default_locale && !locales.some(([locale]) => locale === current.default_locale)) {
    locales.unshift([current.default_locale, current.default_locale]);
  }
  if (!canAct) {
    return (
      <Section title="Branding" testId="branding">
        <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm">
          {Object.entries(current)
            .filter(([name]) => name !== "object")
            .map(([name, value]) => (
              <div key={name} className="contents">
                <dt className="text-slate-600">{name}</dt>
                <dd className="break-all">{value === null ? "default" : String(value)}</dd>
              </div>
            ))}
        </dl>
      </Section>
    );
  }
  return (
    <Section title="Branding" testId="branding">
      <div className="max-w-md">
        <ActionForm action={saveBranding} label="Save branding" testId="branding-form">
          <TextField
            label="Display name"
            name="display_name"
            idPrefix="branding-"
            maxLength={100}
            defaultValue={current.display_name ?? ""}
            hint="Empty: the business name above."
          />
          <Field
            label="Logo"
            id="branding-logo"
            hint={`PNG, JPEG or WebP, at most ${LOGO_MAX_BYTES / 1024} KB. Empty: keep the current one.`}
          >
            <input id="branding-logo" name="logo" type="file" accept={LOGO_TYPES.join(",")} className={inputClass} />
          </Field>
          {logoPath ? (
            <div className="flex items-center gap-3 text-sm">
              {/* biome-ignore lint/performance/noImgElement: the merchant's own logo, served by us */}
              <img src={logoPath} alt="Current logo" className="h-8 w-auto max-w-[8rem] object-contain" />
              <label className="flex items-center gap-1.5">
                <input type="checkbox" name="remove_logo" /> Remove the logo
              </label>
            </div>
          ) : null}
          <TextField
            label="Brand colour (#RRGGBB)"
            name="brand_color"
            idPrefix="branding-"
            pattern="#[0-9A-Fa-f]{6}"
            placeholder="#1F4FD1"
            defaultValue={current.brand_color ?? ""}
            hint="The page's header. Text on it is black or white, whichever reads."
          />
          <TextField
            label="Button colour (#RRGGBB)"
            name="button_color"
            idPrefix="branding-"
            pattern="#[0-9A-Fa-f]{6}"
            placeholder="the brand colour"
            defaultValue={current.button_color ?? ""}
          />
          <SelectField
            label="Corners"
            id="branding-corner_style"
            name="corner_style"
            defaultValue={current.corner_style ?? ""}
            options={[DEFAULT, ...CORNER_STYLES]}
          />
          <SelectField
            label="Theme"
            id="branding-theme"
            name="theme"
            defaultValue={current.theme ?? ""}
            options={[
              DEFAULT,
              ...THEMES.map((theme) => [theme, theme === "auto" ? "auto (the customer's system)" : theme] as const),
            ]}
          />
          <SelectField
            label={'"Secure checkout by Tillpoint"'}
            id="branding-show_powered_by"
            name="show_powered_by"
            defaultValue={current.show_powered_by === null ? "" : String(current.show_powered_by)}
            options={[DEFAULT, ["true", "shown"], ["false", "hidden"]]}
          />
          <SelectField
            label="Default language of the hosted pages"
            id="branding-default_locale"
            name="default_locale"
            defaultValue={current.default_locale ?? ""}
            options={[["", "English (default)"], ...locales]}
          />
        </ActionForm>
      </div>
    </Section>
  );
}
