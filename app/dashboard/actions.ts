"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { field } from "@/lib/dashboard/action";
import { dashboardAuth } from "@/lib/dashboard/auth";
import { dashboardContext, MODE_COOKIE, SIGN_IN_PATH } from "@/lib/dashboard/context";
import { env } from "@/lib/env";

// The shell's actions, open to every signed-in user (a viewer too).

export async function signOut() {
  const auth = await dashboardAuth();
  await auth.api.signOut({ headers: await headers() });
  redirect(SIGN_IN_PATH);
}

/** Deletes every session of this user, on every device, this one included. */
export async function signOutEverywhere() {
  await dashboardContext();
  const auth = await dashboardAuth();
  const requestHeaders = await headers();
  await auth.api.revokeSessions({ headers: requestHeaders });
  await auth.api.signOut({ headers: requestHeaders }).catch(() => undefined); // clears this browser's cookie
  redirect(SIGN_IN_PATH);
}

/** The test/live switch: a cookie of this browser, read by every page (the page re-renders in the new mode). */
export async function switchMode(form: FormData) {
  await dashboardContext();
  (await cookies()).set(MODE_COOKIE, field(form, "mode") === "live" ? "live" : "test", {
    httpOnly: true,
    sameSite: "lax",
    secure: env().publicBaseUrl.startsWith("https://"),
    path: "/dashboard",
    maxAge: 365 * 24 * 3600,
  });
}
