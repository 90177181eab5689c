"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { type ActionState, field, ownerAction } from "@/lib/dashboard/action";
import { changeOwnPassword } from "@/lib/dashboard/change-password";
import { dashboardContext } from "@/lib/dashboard/context";
import { db } from "@/lib/db/client";
import { createDashboardUser } from "@/lib/merchants/create-dashboard-user";
import { removeDashboardUser } from "@/lib/merchants/remove-dashboard-user";
import { renameMerchant } from "@/lib/merchants/rename-merchant";
import type { NewDashboardUser } from "@/lib/schemas/dashboard-user";

const SETTINGS = "/dashboard/settings";

export const saveMerchantName = ownerAction(async ({ user }, form) => {
  const merchant = await renameMerchant(db(), user.merchantId, field(form, "name"));
  revalidatePath("/dashboard", "layout");
  return { notice: `Saved: customers now see "${merchant.name}".` };
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
