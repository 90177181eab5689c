import Link from "next/link";
import { getTranslations } from "next-intl/server";

// Also the hosted pages' answer to a token that is malformed, another server's
// or unknown: in the customer's language there (proxy.ts), English elsewhere.
export default async function NotFound() {
  const t = await getTranslations();
  return (
    <main className="mx-auto max-w-xl px-6 py-24 text-center">
      <h1 className="text-3xl font-bold">{t("notFound.title")}</h1>
      <p className="mt-3 text-slate-700">{t("notFound.text")}</p>
      <Link href="/" className="mt-6 inline-block font-semibold text-brand underline underline-offset-4">
        {t("notFound.home")}
      </Link>
    </main>
  );
}
