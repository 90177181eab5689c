import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { brandingJson, getBranding, updateBranding } from "@/lib/branding/branding";
import { env } from "@/lib/env";
import { parseInput } from "@/lib/errors";
import { LOGO_FORMATS, LOGO_TYPES, updateBrandingBody } from "@/lib/schemas/branding";
import { type CliValues, merchantScope, print, UsageError, withDb } from "./output";

// `branding …`: the hosted pages' look and default language, as GET/PATCH
// /api/v1/branding, through the same schema. "none" resets a field.

const FIELDS = {
  "display-name": "display_name",
  "brand-color": "brand_color",
  "button-color": "button_color",
  "corner-style": "corner_style",
  theme: "theme",
  "show-powered-by": "show_powered_by",
  "default-locale": "default_locale",
} as const;

/** A file's type by its extension (the domain then checks the bytes). */
const typeOfFile = (path: string) => {
  const extension = extname(path).slice(1).toLowerCase().replace("jpeg", "jpg");
  return LOGO_TYPES.find((type) => LOGO_FORMATS[type].extension === extension);
};

const value = (option: string, text: string) => {
  if (text === "none") return null;
  if (option !== "show-powered-by") return text;
  if (text === "true" || text === "false") return text === "true";
  throw new UsageError(`--show-powered-by is true, false or none, not "${text}".`);
};

/** A logo file as the data: URL the API takes; its type is its extension's, and the domain checks the bytes. */
const logoDataUrl = async (path: string) => {
  const type = typeOfFile(path);
  if (!type) throw new UsageError(`--logo takes a .png, .jpg or .webp file, not "${path}".`);
  return `data:${type};base64,${(await readFile(path)).toString("base64")}`;
};

const summary = (branding: ReturnType<typeof brandingJson>) =>
  Object.entries(branding)
    .filter(([name]) => name !== "object")
    .map(([name, setting]) => `${name}: ${setting === null ? "(default)" : String(setting)}`)
    .join("\n");

export const runBrandingCommand = async ([action]: string[], values: CliValues) => {
  const scope = merchantScope(values);
  switch (action) {
    case "show": {
      const branding = brandingJson(await withDb((db) => getBranding(db, scope)), env().publicBaseUrl);
      return print(values.json, branding, summary(branding));
    }
    case "set": {
      const body: Record<string, unknown> = {};
      for (const [option, field] of Object.entries(FIELDS)) {
        const text = values[option as keyof CliValues];
        if (typeof text === "string") body[field] = value(option, text);
      }
      if (typeof values.logo === "string") body.logo = values.logo === "none" ? null : await logoDataUrl(values.logo);
      if (Object.keys(body).length === 0)
        throw new UsageError(`Name something to set: --${[...Object.keys(FIELDS), "logo"].join(", --")}.`);
      const command = parseInput(updateBrandingBody, body);
      const branding = brandingJson(await withDb((db) => updateBranding(db, scope, command)), env().publicBaseUrl);
      return print(values.json, branding, summary(branding));
    }
    default:
      throw new UsageError(`Unknown branding action "${action ?? ""}": use show or set.`);
  }
};
