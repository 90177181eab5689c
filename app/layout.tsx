import type { Metadata } from "next";
import type { ReactNode } from "react";
import { inter } from "./fonts";
import "./globals.css";

// Every page is rendered per request: its scripts carry that request's CSP
// nonce (proxy.ts), which a page prerendered at build time could not have.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Tillpoint", template: "%s · Tillpoint" },
  description: "Self-hostable hosted checkout speaking the Lava, WeWire and Kadosei API dialects.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" className={inter.variable}>
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">{children}</body>
    </html>
  );
}
