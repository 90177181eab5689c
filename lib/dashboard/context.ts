import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { DomainError } from "@/lib/errors";
import type { Mode } from "@/lib/ids";
import type { DashboardRole } from "@/lib/schemas/dashboard-user";
import type { MerchantScope } from "@/lib/scope";
import { dashboardAuth } from "./auth";

// Who is looking at the dashboard, and in which mode. Every page and every
// action asks here; nothing trusts what the HTML showed (a viewer's forms
// may be hidden, but the action checks the role again).

export const SIGN_IN_PATH = "/dashboard/sign-in";
export const MODE_COOKIE = "tillpoint_dashboard_mode";

export type DashboardUser = { id: string; email: string; name: string; role: DashboardRole; merchantId: string };
export type DashboardContext = { user: DashboardUser; scope: MerchantScope };

/** The signed-in user of this request, or undefined; read once per request. */
export const currentDashboardUser = cache(async () => {
  const auth = await dashboardAuth();
  const session = await auth.api.getSession({ headers: await headers() });
  if (!session) return undefined;
  const { user } = session;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    merchantId: user.merchantId,
  } as DashboardUser;
});

const currentMode = async (): Promise<Mode> => ((await cookies()).get(MODE_COOKIE)?.value === "live" ? "live" : "test");

/** For pages: the signed-in user and the scope they look at; signed out, the sign-in page. */
export const dashboardContext = cache(async (): Promise<DashboardContext> => {
  const user = await currentDashboardUser();
  if (!user) redirect(SIGN_IN_PATH);
  return { user, scope: { merchantId: user.merchantId, mode: await currentMode() } };
});

/** For actions that change anything: an owner's context, or `unauthorized`. */
export const ownerContext = async (): Promise<DashboardContext> => {
  const context = await dashboardContext();
  if (context.user.role !== "owner") {
    throw new DomainError("unauthorized", "Your role is viewer: only an owner can change anything.");
  }
  return context;
};
