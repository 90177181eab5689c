"use server";

import { revalidatePath } from "next/cache";
import { field, filledFields, ownerAction } from "@/lib/dashboard/action";
import { db } from "@/lib/db/client";
import { DomainError, parseInput } from "@/lib/errors";
import {
  createCreditBundleBody,
  createMeterBody,
  createSubscriptionConfigBody,
  updateCreditBundleBody,
  updateMeterBody,
  updateSubscriptionConfigBody,
} from "@/lib/schemas/wallet";
import { createCreditBundle, updateCreditBundle } from "@/lib/wallet/save-credit-bundle";
import { createMeter, updateMeter } from "@/lib/wallet/save-meter";
import { createSubscriptionConfig, updateSubscriptionConfig } from "@/lib/wallet/save-subscription-config";

// Plans, bundles and meters, through the /v1/ API's schemas: the form fields
// carry the API's names and its decimal strings, so the rules are the API's.

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
const METER_FIELDS = [
  "meter_slug",
  "name",
  "rate_type",
  "token_basis",
  "base_cost_payer",
  "service_charge_payer",
] as const;

/** A plan form's fields; its meters when the form showed their checkboxes (none ticked: none). */
const planBody = (form: FormData) => ({
  ...filledFields(form, PLAN_FIELDS),
  ...(field(form, "linked_meters_shown") ? { linked_meter_ids: form.getAll("linked_meter_ids").map(String) } : {}),
});

/**
 * A meter form's fields, its tiers as the API takes them: each line "start rate" of the unit chosen. A line of
 * other than two words is refused by its place; the API's schema checks the rest (`tiers.1.rate`).
 */
const meterBody = (form: FormData) => {
  const type = field(form, "tier_type");
  const tiers = field(form, "tiers")
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line, i) => {
      const words = line.split(/\s+/);
      const [start = "", rate] = words;
      if (words.length !== 2) {
        throw new DomainError("parameter_invalid", `tiers.${i}: each line is a start and a rate, such as "0 2.50".`, {
          param: `tiers.${i}`,
        });
      }
      return { start: /^\d+$/.test(start) ? Number(start) : start, rate, type };
    });
  return { ...filledFields(form, METER_FIELDS), tiers };
};

export const createPlan = ownerAction(async ({ scope }, form) => {
  const plan = await createSubscriptionConfig(db(), scope, parseInput(createSubscriptionConfigBody, planBody(form)));
  revalidatePath(CATALOGUE);
  return { notice: `Plan ${plan.id} created.` };
});

export const updatePlan = ownerAction(async ({ scope }, form) => {
  const body = parseInput(updateSubscriptionConfigBody, planBody(form));
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

export const createMeterAction = ownerAction(async ({ scope }, form) => {
  const meter = await createMeter(db(), scope, parseInput(createMeterBody, meterBody(form)));
  revalidatePath(CATALOGUE);
  return { notice: `Meter ${meter.id} created.` };
});

export const updateMeterAction = ownerAction(async ({ scope }, form) => {
  await updateMeter(db(), scope, field(form, "id"), parseInput(updateMeterBody, meterBody(form)));
  revalidatePath(CATALOGUE);
  return { notice: "Saved." };
});
