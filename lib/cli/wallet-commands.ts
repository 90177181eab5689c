import { parseInput } from "@/lib/errors";
import {
  createCreditBundleBody,
  createMeterBody,
  createSubscriptionConfigBody,
  updateCreditBundleBody,
  updateMeterBody,
  updateSubscriptionConfigBody,
} from "@/lib/schemas/wallet";
import type { MerchantScope } from "@/lib/scope";
import { listCreditBundles, listMeters, listSubscriptionConfigs } from "@/lib/wallet/list-wallet-objects";
import { createCreditBundle, updateCreditBundle } from "@/lib/wallet/save-credit-bundle";
import { createMeter, updateMeter } from "@/lib/wallet/save-meter";
import { createSubscriptionConfig, updateSubscriptionConfig } from "@/lib/wallet/save-subscription-config";
import { creditBundleJson, meterJson, subscriptionConfigJson } from "@/lib/wallet/wallet-json";
import { type CliValues, merchantScope, print, requireOption, UsageError, withDb } from "./output";

// `plan …`, `bundle …` and `meter …`: the merchant's subscription configs,
// credit bundles and meters, with the API's own validation (lib/schemas/wallet.ts).

const defined = (fields: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));

const planFields = (values: CliValues) =>
  defined({
    name: values.name,
    period_amount: values.price,
    included_credit: values["included-credit"],
    billing_interval: values.interval,
    linked_meter_ids: listOption(values.meters),
  });

/** `a,b` → ["a", "b"]; "none" → [] (unlinks every one). */
const listOption = (value: string | undefined) =>
  value === undefined ? undefined : value === "none" ? [] : value.split(",").map((item) => item.trim());

const meterFields = (values: CliValues) =>
  defined({
    meter_slug: values.slug,
    name: values.name,
    rate_type: values["rate-type"],
    token_basis: values["token-basis"],
    base_cost_payer: values["base-cost-payer"],
    service_charge_payer: values["service-charge-payer"],
    tiers: values.tiers === undefined ? undefined : jsonOption(values.tiers, "tiers"),
  });

const jsonOption = (text: string, name: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    throw new UsageError(`--${name} must be JSON, e.g. '[{"start":0,"rate":"2.50","type":"tokens_1m"}]'.`);
  }
};

const meterLine = (meter: ReturnType<typeof meterJson>) =>
  `${meter.meter_id}  ${meter.meter_slug}  ${meter.name}  ${meter.rate_type}: ` +
  meter.tiers.map((tier) => `from ${tier.start} ${tier.rate}/${tier.type}`).join(", ");

const bundleFields = (values: CliValues) =>
  defined({ name: values.name, cost: values.cost, credit_amount: values.credit });

const planLine = (plan: ReturnType<typeof subscriptionConfigJson>) =>
  `${plan.subscription_config_id}  ${plan.name}  $${plan.period_amount}/${plan.billing_interval}, $${plan.included_credit} credit`;
const bundleLine = (bundle: ReturnType<typeof creditBundleJson>) =>
  `${bundle.credit_bundle_id}  ${bundle.name}  $${bundle.cost} → $${bundle.credit_amount} credit (${bundle.subscription_config_id})`;

/** The scope an existing object lives in: the CLI edits any merchant's objects by id. */
const scopeOfObject = async (find: () => Promise<MerchantScope | null>, id: string) => {
  const scope = await find();
  if (!scope) throw new UsageError(`No such object ${id}.`);
  return scope;
};

export const runPlanCommand = async ([action, id]: string[], values: CliValues) => {
  switch (action) {
    case "create": {
      const scope = merchantScope(values);
      const input = parseInput(createSubscriptionConfigBody, planFields(values));
      const plan = subscriptionConfigJson(await withDb((db) => createSubscriptionConfig(db, scope, input)));
      return print(values.json, plan, `Created plan ${planLine(plan)}`);
    }
    case "update": {
      if (!id) throw new UsageError("Name the plan: plan update <sc_…> [options].");
      const input = parseInput(updateSubscriptionConfigBody, planFields(values));
      const plan = subscriptionConfigJson(
        await withDb(async (db) => {
          const scope = await scopeOfObject(
            () => db.subscriptionConfig.findUnique({ where: { id }, select: { merchantId: true, mode: true } }),
            id,
          );
          return updateSubscriptionConfig(db, scope, id, input);
        }),
      );
      return print(values.json, plan, `Updated plan ${planLine(plan)}`);
    }
    case "list": {
      const scope = merchantScope(values);
      const plans = (await withDb((db) => listSubscriptionConfigs(db, scope, { take: 100 }))).map(
        subscriptionConfigJson,
      );
      return print(values.json, plans, plans.map(planLine).join("\n") || "No plans yet.");
    }
    default:
      throw new UsageError(`Unknown plan action "${action ?? ""}".`);
  }
};

export const runMeterCommand = async ([action, id]: string[], values: CliValues) => {
  switch (action) {
    case "create": {
      const scope = merchantScope(values);
      const input = parseInput(createMeterBody, meterFields(values));
      const meter = meterJson(await withDb((db) => createMeter(db, scope, input)));
      return print(values.json, meter, `Created meter ${meterLine(meter)}`);
    }
    case "update": {
      if (!id) throw new UsageError("Name the meter: meter update <mtr_…> [options].");
      const input = parseInput(updateMeterBody, meterFields(values));
      const meter = meterJson(
        await withDb(async (db) => {
          const scope = await scopeOfObject(
            () => db.meter.findUnique({ where: { id }, select: { merchantId: true, mode: true } }),
            id,
          );
          return updateMeter(db, scope, id, input);
        }),
      );
      return print(values.json, meter, `Updated meter ${meterLine(meter)}`);
    }
    case "list": {
      const scope = merchantScope(values);
      const meters = (await withDb((db) => listMeters(db, scope, { take: 100 }))).map(meterJson);
      return print(values.json, meters, meters.map(meterLine).join("\n") || "No meters yet.");
    }
    default:
      throw new UsageError(`Unknown meter action "${action ?? ""}".`);
  }
};

export const runBundleCommand = async ([action, id]: string[], values: CliValues) => {
  switch (action) {
    case "create": {
      const planId = requireOption(values.plan, "plan");
      const input = parseInput(createCreditBundleBody, { ...bundleFields(values), subscription_config_id: planId });
      const bundle = creditBundleJson(
        await withDb(async (db) => {
          const scope = await scopeOfObject(
            () => db.subscriptionConfig.findUnique({ where: { id: planId }, select: { merchantId: true, mode: true } }),
            planId,
          );
          return createCreditBundle(db, scope, input);
        }),
      );
      return print(values.json, bundle, `Created bundle ${bundleLine(bundle)}`);
    }
    case "update": {
      if (!id) throw new UsageError("Name the bundle: bundle update <cb_…> [options].");
      const input = parseInput(updateCreditBundleBody, bundleFields(values));
      const bundle = creditBundleJson(
        await withDb(async (db) => {
          const scope = await scopeOfObject(
            () => db.creditBundle.findUnique({ where: { id }, select: { merchantId: true, mode: true } }),
            id,
          );
          return updateCreditBundle(db, scope, id, input);
        }),
      );
      return print(values.json, bundle, `Updated bundle ${bundleLine(bundle)}`);
    }
    case "list": {
      const scope = merchantScope(values);
      const bundles = (await withDb((db) => listCreditBundles(db, scope, { take: 100 }))).map(creditBundleJson);
      return print(values.json, bundles, bundles.map(bundleLine).join("\n") || "No bundles yet.");
    }
    default:
      throw new UsageError(`Unknown bundle action "${action ?? ""}".`);
  }
};
