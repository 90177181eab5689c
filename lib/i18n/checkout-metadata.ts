import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

/** The hosted pages' title, in the customer's language; search engines keep out. */
export const checkoutMetadata = async (): Promise<Metadata> => ({
  title: (await getTranslations())("common.pageTitle"),
  robots: { index: false },
});
