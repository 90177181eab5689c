import "server-only";
import type { z } from "zod";
import type { DbClient } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import {
  type createSubscriptionConfigBody,
  type updateSubscriptionConfigBody,
  WALLET_CURRENCY,
} from "@/lib/schemas/wallet";
import type { MerchantScope } from "@/lib/scope";
import { getSubscriptionConfigOrThrow } from "./get-wallet-objects";
import { subscriptionConfigInclude } from "./wallet-json";

type CreateInput = z.output<typeof createSubscriptionConfigBody>;
type UpdateInput = z.output<typeof updateSubscriptionConfigBody>;

const columns = (input: UpdateInput) => ({
  name: input.name,
  periodAmount: input.period_amount,
  includedCredit: input.included_credit,
  billingInterval: input.billing_interval,
  rolloverType: input.rollover_type,
  bundleRolloverType: input.bundle_rollover_type,
});

export const createSubscriptionConfig = (db: DbClient, scope: MerchantScope, input: CreateInput) =>
  db.subscriptionConfig.create({
    data: {
      id: newId("subscriptionConfig"),
      ...scope,
      currency: WALLET_CURRENCY,
      name: input.name,
      periodAmount: input.period_amount,
      includedCredit: input.included_credit,
      billingInterval: input.billing_interval,
      rolloverType: input.rollover_type,
      bundleRolloverType: input.bundle_rollover_type,
    },
    include: subscriptionConfigInclude,
  });

/**
 * Changes apply to new subscriptions and to the next cycle of current ones;
 * what a subscriber already paid for stays as it was.
 */
export const updateSubscriptionConfig = async (db: DbClient, scope: MerchantScope, id: string, input: UpdateInput) => {
  await getSubscriptionConfigOrThrow(db, scope, id);
  return db.subscriptionConfig.update({ where: { id }, data: columns(input), include: subscriptionConfigInclude });
};
