"use server";

import { revalidatePath } from "next/cache";
import { field, filledFields, ownerAction } from "@/lib/dashboard/action";
import { db } from "@/lib/db/client";
import { parseInput } from "@/lib/errors";
import {
  createCreditBundleBody,
  createSubscriptionConfigBody,
  updateCreditBundleBody,
  updateSubscriptionConfigBody,
} from "@/lib/schemas/wallet";
import { createCreditBundle, updateCreditBundle } from "@/lib/wallet/save-credit-bundle";
import { createSubscriptionConfig, updateSubscriptionConfig } from "@/lib/wallet/save-subscription-config";

// Plans and bundles, through the /v1/ API's schemas: the form fields carry
// the API's names and its decimal strings, so the rules are the API's.

const CATALOGUE = "/dashboard/catalogue";
const PLAN_FIELDS = [
  "name",
  "period_amount",
  "included_credit",
  "billing_interval",
  "rollover_type",
  "bundle_rollover_type",
] as const;
const BUNDLE_FIELDS = ["name", "cost", "credit_amount"] as const;

export const createPlan = ownerAction(async ({ scope }, form) => {
  const plan = await createSubscriptionConfig(
    db(),
    scope,
    parseInput(createSubscriptionConfigBody, filledFields(form, PLAN_FIELDS)),
  );
  revalidatePath(CATALOGUE);
  return { notice: `Plan ${plan.id} created.` };
});

export const updatePlan = ownerAction(async ({ scope }, form) => {
  const body = parseInput(updateSubscriptionConfigBody, filledFields(form, PLAN_FIELDS));
  await updateSubscriptionConfig(db(), scope, field(form, "id"), body);
  revalidatePath(CATALOGUE);
  return { notice: "Saved. It applies to new subscriptions and to current ones from their next cycle." };
});

export const createBundle = ownerAction(async ({ scope }, form) => {
  const body = parseInput(createCreditBundleBody, filledFields(form, [...BUNDLE_FIELDS, "subscription_config_id"]));
  const bundle = await createCreditBundle(db(), scope, body);
  revalidatePath(CATALOGUE);
  return { notice: `Bundle ${bundle.id} created.` };
});

export const updateBundle = ownerAction(async ({ scope }, form) => {
  const body = parseInput(updateCreditBundleBody, filledFields(form, BUNDLE_FIELDS));
  await updateCreditBundle(db(), scope, field(form, "id"), body);
  revalidatePath(CATALOGUE);
  return { notice: "Saved." };
});
