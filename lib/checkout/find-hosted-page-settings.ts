import "server-only";
import type { Db } from "@/lib/db/client";
import { checkoutFamilyOf } from "@/lib/security/checkout-token";

/**
 * What a hosted page needs to know before it renders, found by the session's
 * secret with one query: the languages the session and its merchant ask for
 * (README "Hosted pages: languages") and, for a wallet session, the
 * `origin_url` that alone may frame its embed.
 */
export type HostedPageSettings = {
  sessionLocale: string | null;
  merchantLocale: string | null;
  originUrl: string | null;
};

const select = { locale: true, merchant: { select: { defaultLocale: true } } } as const;

const settings = (
  row: { locale: string | null; merchant: { defaultLocale: string | null } } | null,
  originUrl: string | null = null,
): HostedPageSettings | undefined =>
  row ? { sessionLocale: row.locale, merchantLocale: row.merchant.defaultLocale, originUrl } : undefined;

export const findHostedPageSettings = async (db: Db, secret: string): Promise<HostedPageSettings | undefined> => {
  switch (checkoutFamilyOf(secret)) {
    case "wallet": {
      const row = await db.walletCheckoutSession.findUnique({
        where: { secret },
        select: { ...select, originUrl: true },
      });
      return settings(row, row?.originUrl);
    }
    case "crypto":
      return settings(await db.cryptoCheckoutSession.findUnique({ where: { secret }, select }));
    case "card":
      return settings(await db.cardSession.findUnique({ where: { secret }, select }));
    case undefined:
      return undefined;
  }
};
