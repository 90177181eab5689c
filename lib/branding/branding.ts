import "server-only";
import type { Db } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { UpdateBrandingCommand } from "@/lib/schemas/branding";
import type { MerchantScope } from "@/lib/scope";
import { brandLogoFileName, normalizeBrandLogo } from "./brand-logo";

// The merchant's branding of the hosted pages (README "Hosted pages:
// branding"), one set for both modes, as the API, the CLI and the dashboard
// read and write it. A field that is null is Tillpoint's default.

export const BRANDING_SELECT = {
  displayName: true,
  brandColor: true,
  buttonColor: true,
  cornerStyle: true,
  theme: true,
  showPoweredBy: true,
  defaultLocale: true,
  logo: { select: { sha256: true, contentType: true } },
} as const satisfies Prisma.MerchantSelect;

export type BrandingRow = Prisma.MerchantGetPayload<{ select: typeof BRANDING_SELECT }>;

/** Where a logo is served (app/branding/logos/[file]): named by its content hash. */
export const brandLogoPath = (logo: { sha256: string; contentType: string }) =>
  `/branding/logos/${brandLogoFileName(logo)}`;

/** The same as an absolute URL of ours, as the API gives it. */
export const brandLogoUrl = (logo: { sha256: string; contentType: string }, publicBaseUrl: string) =>
  `${publicBaseUrl}${brandLogoPath(logo)}`;

export const brandingJson = (row: BrandingRow, publicBaseUrl: string) => ({
  object: "branding",
  display_name: row.displayName,
  logo: row.logo ? brandLogoUrl(row.logo, publicBaseUrl) : null,
  brand_color: row.brandColor,
  button_color: row.buttonColor,
  corner_style: row.cornerStyle,
  theme: row.theme,
  show_powered_by: row.showPoweredBy,
  default_locale: row.defaultLocale,
});

export const getBranding = async (db: Db, scope: MerchantScope): Promise<BrandingRow> => {
  const branding = await db.merchant.findUnique({ where: { id: scope.merchantId }, select: BRANDING_SELECT });
  if (!branding) throw new DomainError("not_found", `No merchant ${scope.merchantId}.`);
  return branding;
};

/**
 * Changes the fields the command names (null resets one); a logo is checked
 * and encoded again first. A logo no merchant wears any more is deleted with
 * the change, so its URL ends with it.
 */
export const updateBranding = async (db: Db, scope: MerchantScope, command: UpdateBrandingCommand) => {
  const logo = command.logo ? await normalizeBrandLogo(command.logo) : command.logo;
  const data: Prisma.MerchantUncheckedUpdateInput = {
    displayName: command.display_name,
    brandColor: command.brand_color,
    buttonColor: command.button_color,
    cornerStyle: command.corner_style,
    theme: command.theme,
    showPoweredBy: command.show_powered_by,
    defaultLocale: command.default_locale,
    logoSha256: logo === undefined ? undefined : (logo?.sha256 ?? null),
  };
  return db.$transaction(async (tx) => {
    const before = await tx.merchant.findUnique({ where: { id: scope.merchantId }, select: { logoSha256: true } });
    if (!before) throw new DomainError("not_found", `No merchant ${scope.merchantId}.`);
    if (logo) {
      // Content-addressed: the same picture again is the same row.
      const { sha256, bytes, ...file } = logo;
      await tx.brandLogo.upsert({
        where: { sha256 },
        create: { sha256, bytes: new Uint8Array(bytes), ...file },
        update: {},
      });
    }
    const branding = await tx.merchant.update({ where: { id: scope.merchantId }, data, select: BRANDING_SELECT });
    if (before.logoSha256 && before.logoSha256 !== branding.logo?.sha256) {
      await tx.brandLogo.deleteMany({ where: { sha256: before.logoSha256, merchants: { none: {} } } });
    }
    return branding;
  });
};

/** A logo's bytes, for serving; null when no logo has this hash. */
export const getBrandLogo = (db: Db, sha256: string) =>
  db.brandLogo.findUnique({ where: { sha256 }, select: { contentType: true, bytes: true } });
