import "server-only";
import { BRANDING_SELECT, type BrandingRow, brandLogoPath } from "./branding";
import { BLACK, mixColors, readableTextOn, visibleAgainst, WHITE } from "./contrast";

/**
 * How a hosted page wears the merchant's brand, decided here for every
 * family's view: the name and logo in the header, colours with the text that
 * reads on them (black or white, AA), focus rings that stay visible, corners,
 * light or dark, and whether "Secure checkout by Tillpoint" shows.
 */
export type HostedBrand = {
  name: string;
  logoUrl: string | null;
  brandColor: string;
  brandText: string;
  buttonColor: string;
  buttonText: string;
  /** Moved away from the text's colour, so hovering only ever adds contrast. */
  buttonHover: string;
  /** Focus rings: the brand colour where it stands out from the page, else a neutral one. */
  focusLight: string;
  focusDark: string;
  corners: "rounded" | "square" | "pill";
  theme: "light" | "dark" | "auto";
  showPoweredBy: boolean;
};

export const HOSTED_BRAND_SELECT = { name: true, ...BRANDING_SELECT } as const;

export const DEFAULT_BRAND_COLOR = "#1F4FD1";
/** The hosted pages' surfaces: the light card is white, the dark one slate-900. */
const LIGHT_SURFACE = WHITE;
const DARK_SURFACE = "#0F172A";

/** The name customers see: the display name the merchant chose, else its own. */
export const brandName = (merchant: { name: string; displayName: string | null }) =>
  merchant.displayName ?? merchant.name;

/** The merchant's stored branding (written only through lib/schemas/branding.ts, so its colours are #RRGGBB). */
export const hostedBrand = (merchant: BrandingRow & { name: string }): HostedBrand => {
  const brandColor = merchant.brandColor ?? DEFAULT_BRAND_COLOR;
  const buttonColor = merchant.buttonColor ?? brandColor;
  const buttonText = readableTextOn(buttonColor);
  return {
    name: brandName(merchant),
    // Same-origin by path: the page's own host, whatever name the customer reached it by.
    logoUrl: merchant.logo ? brandLogoPath(merchant.logo) : null,
    brandColor,
    brandText: readableTextOn(brandColor),
    buttonColor,
    buttonText,
    buttonHover: mixColors(buttonColor, buttonText === BLACK ? WHITE : BLACK, 0.15),
    focusLight: visibleAgainst(brandColor, LIGHT_SURFACE, BLACK),
    focusDark: visibleAgainst(brandColor, DARK_SURFACE, WHITE),
    corners: merchant.cornerStyle ?? "rounded",
    theme: merchant.theme ?? "light",
    showPoweredBy: merchant.showPoweredBy ?? true,
  };
};
