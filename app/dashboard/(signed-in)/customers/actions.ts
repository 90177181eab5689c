"use server";

import { revalidatePath } from "next/cache";
import { field, ownerAction } from "@/lib/dashboard/action";
import { db } from "@/lib/db/client";
import { cancelSubscription } from "@/lib/wallet/cancel-subscription";

export const cancelCustomerSubscription = ownerAction(async ({ scope }, form) => {
  const subscription = await cancelSubscription(db(), scope, field(form, "id"));
  revalidatePath(`/dashboard/customers/${subscription.connectionId}`);
  return { notice: "Cancelled: no further renewals. Credit already granted stays." };
});
