import type { Metadata } from "next";
import type { ReactNode } from "react";
import { DashboardShell } from "@/components/dashboard/shell";
import { dashboardContext } from "@/lib/dashboard/context";
import { db } from "@/lib/db/client";
import { getMerchantOrThrow } from "@/lib/merchants/get-merchant";
import { signOut, signOutEverywhere, switchMode } from "../actions";

export const metadata: Metadata = {
  title: { default: "Dashboard", template: "%s · Dashboard · Tillpoint" },
  robots: { index: false },
};

const NAV = [
  { href: "/dashboard", label: "Overview" },
  { href: "/dashboard/payments", label: "Payments" },
  { href: "/dashboard/payment-links", label: "Payment links" },
  { href: "/dashboard/customers", label: "Customers" },
  { href: "/dashboard/catalogue", label: "Catalogue" },
  { href: "/dashboard/developers", label: "Developers" },
  { href: "/dashboard/settings", label: "Settings" },
];

// A layout is no security boundary (an action or a page may run without it):
// every page and action asks lib/dashboard/context.ts itself.
export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const { user, scope } = await dashboardContext();
  const merchant = await getMerchantOrThrow(db(), user.merchantId);
  return (
    <DashboardShell
      merchantName={merchant.name}
      email={user.email}
      role={user.role}
      mode={scope.mode}
      nav={NAV}
      actions={{ switchMode, signOut, signOutEverywhere }}
    >
      {children}
    </DashboardShell>
  );
}
