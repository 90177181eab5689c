"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { updateBranding } from "@/lib/branding/branding";
import { type ActionState, field, ownerAction } from "@/lib/dashboard/action";
import { changeOwnPassword } from "@/lib/dashboard/change-password";
import { dashboardContext } from "@/lib/dashboard/context";
import { db } from "@/lib/db/client";
import { parseInput } from "@/lib/errors";
import { createDashboardUser } from "@/lib/merchants/create-dashboard-user";
import { removeDashboardUser } from "@/lib/merchants/remove-dashboard-user";
import { renameMerchant } from "@/lib/merchants/rename-merchant";
import { updateBrandingBody } from "@/lib/schemas/branding";
import type { NewDashboardUser } from "@/lib/schemas/dashboard-user";
import { walletSettingsBody } from "@/lib/schemas/wallet";
import { updateWalletSettings } from "@/lib/wallet/wallet-settings";

const SETTINGS = "/dashboard/settings";

export const saveMerchantName = ownerAction(async ({ user }, form) => {
  const merchant = await renameMerchant(db(), user.merchantId, field(form, "name"));
  revalidatePath("/dashboard", "layout");
  return { notice: `Saved: customers now see "${merchant.name}".` };
});

/**
 * The hosted pages' branding, through the API's schema: an empty field is
 * Tillpoint's default (null); a chosen file replaces the logo, "remove" drops it.
 */
export const saveBranding = ownerAction(async ({ scope }, form) => {
  const body: Record<string, unknown> = {};
  for (const name of ["display_name", "brand_color", "button_color", "corner_style", "theme", "default_locale"]) {
    body[name] = field(form, name).trim() || null;
  }
  const poweredBy = field(form, "show_powered_by");
  body.show_powered_by = poweredBy === "" ? null : poweredBy === "true";
  const logo = form.get("logo");
  if (field(form, "remove_logo") === "on") body.logo = null;
  else if (logo instanceof File && logo.size > 0) {
    const type = logo.type || "application/octet-stream"; // the schema names what it takes
    body.logo = `data:${type};base64,${Buffer.from(await logo.arrayBuffer()).toString("base64")}`;
  }
  await updateBranding(db(), scope, parseInput(updateBrandingBody, body));
  revalidatePath(SETTINGS);
  return { notice: "Saved: the hosted pages wear it from now on." };
});

/** The mode's low-balance threshold, through the API's schema: an empty field turns the event off. */
export const saveWalletSettings = ownerAction(async ({ scope }, form) => {
  const threshold = field(form, "low_balance_threshold").trim() || null;
  const saved = await updateWalletSettings(
    db(),
    scope,
    parseInput(walletSettingsBody, { low_balance_threshold: threshold }),
  );
  revalidatePath(SETTINGS);
  return {
    notice: saved.low_balance_threshold
      ? `Saved: wallet.low_balance below $${saved.low_balance_threshold}.`
      : "Saved: no low-balance event.",
  };
});

export const addTeamMember = ownerAction(async ({ user }, form) => {
  const added = await createDashboardUser(db(), user.merchantId, {
    email: field(form, "email"),
    password: field(form, "password"),
    role: field(form, "role") as NewDashboardUser["role"], // checked by the schema
  });
  revalidatePath(SETTINGS);
  return { notice: `${added.email} can sign in now, as ${added.role}. Give them the password by a safe channel.` };
});

export const removeTeamMember = ownerAction(async ({ user }, form) => {
  const removed = await removeDashboardUser(db(), user.merchantId, field(form, "id"), user.id);
  revalidatePath(SETTINGS);
  return { notice: `${removed.email} was removed and signed out everywhere.` };
});

/** Every user's own, a viewer's too: it changes nothing of the merchant's. */
export async function changePassword(_previous: ActionState, form: FormData): Promise<ActionState> {
  const { user } = await dashboardContext();
  return changeOwnPassword(
    user,
    { current: field(form, "current"), next: field(form, "next"), repeat: field(form, "repeat") },
    await headers(),
  );
}
