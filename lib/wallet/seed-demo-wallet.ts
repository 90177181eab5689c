import "server-only";
import type { DbClient } from "@/lib/db/client";
import { createCreditBundleBody, createSubscriptionConfigBody } from "@/lib/schemas/wallet";
import type { MerchantScope } from "@/lib/scope";
import { createCreditBundle } from "./save-credit-bundle";
import { createSubscriptionConfig } from "./save-subscription-config";

/** A sample plan and credit bundle, so a new install can try every wallet checkout mode at once. */
export const seedDemoWallet = async (db: DbClient, scope: MerchantScope) => {
  const plan = await createSubscriptionConfig(
    db,
    scope,
    createSubscriptionConfigBody.parse({
      name: "Starter",
      period_amount: "10.00",
      included_credit: "10.00",
      billing_interval: "month",
    }),
  );
  const bundle = await createCreditBundle(
    db,
    scope,
    createCreditBundleBody.parse({
      name: "Credit pack",
      cost: "5.00",
      credit_amount: "5.00",
      subscription_config_id: plan.id,
    }),
  );
  return { plan, bundle };
};
