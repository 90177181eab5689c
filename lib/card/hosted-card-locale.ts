import "server-only";

// contract "Hosted checkout pages": the hosted page formats for the session's `locale` (Kadosei's
// "en_AU"), else for the customer's browser (Accept-Language), else en-US.

const canonical = (tag: string | undefined) => {
  if (!tag) return undefined;
  try {
    return Intl.getCanonicalLocales(tag.replace("_", "-"))[0];
  } catch {
    return undefined;
  }
};

export const hostedCardLocale = (sessionLocale: string | null, acceptLanguage: string | null): string =>
  canonical(sessionLocale ?? undefined) ?? canonical(acceptLanguage?.split(",")[0]?.split(";")[0]?.trim()) ?? "en-US";
