import type { Metadata } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { requestLocale } from "@/lib/i18n/request-locale";
import { inter } from "./fonts";
import "./globals.css";

// Every page is rendered per request: its scripts carry that request's CSP
// nonce (proxy.ts), which a page prerendered at build time could not have.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Tillpoint", template: "%s · Tillpoint" },
  description: "Self-hostable hosted checkout speaking the Lava, WeWire and Kadosei API dialects.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The hosted pages' language, chosen by proxy.ts; English everywhere else.
  const { tag, dir } = requestLocale(await headers());
  return (
    <html lang={tag} dir={dir} className={inter.variable}>
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">{children}</body>
    </html>
  );
}
