import { z } from "zod";
import { localeSchema } from "./locale";

// PATCH /api/v1/branding (README "Hosted pages: branding"): every field is
// optional, and null resets it to Tillpoint's default. Unknown fields are
// refused. A logo comes as a data: URL; whether its bytes really are the image
// they claim is the domain's to check (lib/branding/brand-logo.ts).

/** `#RRGGBB`. */
export const HEX_COLOR = /^#[0-9A-Fa-f]{6}$/;

/** The logo types we take, with their names, sharp's format and the file extension they are served with. */
export const LOGO_FORMATS = {
  "image/png": { name: "PNG", format: "png", extension: "png" },
  "image/jpeg": { name: "JPEG", format: "jpeg", extension: "jpg" },
  "image/webp": { name: "WebP", format: "webp", extension: "webp" },
} as const;
export type LogoType = keyof typeof LOGO_FORMATS;
export const LOGO_TYPES = Object.keys(LOGO_FORMATS) as LogoType[];
export const LOGO_MAX_BYTES = 512 * 1024;

export const CORNER_STYLES = ["rounded", "square", "pill"] as const;
export const THEMES = ["light", "dark", "auto"] as const;

const DATA_URL = /^data:([a-z]+\/[a-z0-9.+-]+)(?:;[a-z-]+=[^;,]*)*;base64,([A-Za-z0-9+/]*={0,2})$/i;

const logoDataUrl = z.string().transform((value, context) => {
  const match = DATA_URL.exec(value);
  const fail = (message: string) => {
    context.addIssue({ code: "custom", message });
    return z.NEVER;
  };
  if (!match) return fail("must be a data: URL of a PNG, JPEG or WebP image, such as data:image/png;base64,iVBOR…");
  const contentType = (match[1] ?? "").toLowerCase();
  if (!(LOGO_TYPES as readonly string[]).includes(contentType)) {
    return fail(`must be a PNG, JPEG or WebP image, not ${contentType}`);
  }
  const bytes = Buffer.from(match[2] ?? "", "base64");
  if (bytes.length === 0) return fail("is empty");
  if (bytes.length > LOGO_MAX_BYTES)
    return fail(`must be at most ${LOGO_MAX_BYTES / 1024} KB (this one is ${Math.ceil(bytes.length / 1024)} KB)`);
  return { contentType: contentType as LogoType, bytes };
});

const hexColor = z
  .string()
  .regex(HEX_COLOR, 'must be a colour as #RRGGBB, such as "#1F4FD1"')
  .transform((value) => value.toUpperCase());

export const updateBrandingBody = z.strictObject({
  display_name: z
    .string()
    .trim()
    // Bidi overrides and invisible characters would let a name pose as another.
    .refine((value) => !/[\p{Cc}\p{Cf}]/u.test(value), "must not contain control or invisible formatting characters")
    .min(1, "must not be empty")
    .max(100, "must be at most 100 characters")
    .nullable()
    .optional(),
  logo: logoDataUrl.nullable().optional(),
  brand_color: hexColor.nullable().optional(),
  button_color: hexColor.nullable().optional(),
  corner_style: z
    .enum(CORNER_STYLES, { error: `must be one of ${CORNER_STYLES.join(", ")}` })
    .nullable()
    .optional(),
  theme: z
    .enum(THEMES, { error: `must be one of ${THEMES.join(", ")}` })
    .nullable()
    .optional(),
  show_powered_by: z.boolean({ error: "must be true or false" }).nullable().optional(),
  // The hosted pages' language when neither the session nor the browser names one we have.
  default_locale: localeSchema.nullable().optional(),
});
export type UpdateBrandingCommand = z.output<typeof updateBrandingBody>;
