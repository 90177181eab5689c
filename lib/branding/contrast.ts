import "server-only";

// WCAG 2.2 contrast for the merchant's colours (README "Hosted pages:
// branding"): text on a brand or button colour is black or white, whichever
// reads better (for any colour one of them reaches 4.5:1, AA for normal text),
// and focus rings keep 3:1 against the page (non-text contrast).

/** WCAG relative luminance of `#RRGGBB`. */
export const relativeLuminance = (hex: string): number => {
  const channel = (offset: number) => {
    const value = Number.parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
};

export const contrastRatio = (a: string, b: string): number => {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
};

export const BLACK = "#000000";
export const WHITE = "#FFFFFF";

/** Black or white text on `background`, whichever contrasts more. */
export const readableTextOn = (background: string): string =>
  contrastRatio(background, BLACK) >= contrastRatio(background, WHITE) ? BLACK : WHITE;

/** `color` where it stands out from `page` by 3:1, else `fallback` (a ring nobody could see helps nobody). */
export const visibleAgainst = (color: string, page: string, fallback: string): string =>
  contrastRatio(color, page) >= 3 ? color : fallback;

/** `color` moved `amount` (0–1) of the way to `toward`, in sRGB: a hover shade. */
export const mixColors = (color: string, toward: string, amount: number): string => {
  const channel = (hex: string, offset: number) => Number.parseInt(hex.slice(offset, offset + 2), 16);
  const mixed = [1, 3, 5].map((offset) =>
    Math.round(channel(color, offset) * (1 - amount) + channel(toward, offset) * amount)
      .toString(16)
      .padStart(2, "0"),
  );
  return `#${mixed.join("")}`.toUpperCase();
};
