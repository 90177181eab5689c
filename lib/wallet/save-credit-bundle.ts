import "server-only";
import type { z } from "zod";
import type { DbClient } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import { type createCreditBundleBody, type updateCreditBundleBody, WALLET_CURRENCY } from "@/lib/schemas/wallet";
import type { MerchantScope } from "@/lib/scope";
import { getCreditBundleOrThrow, getSubscriptionConfigOrThrow } from "./get-wallet-objects";

type CreateInput = z.output<typeof createCreditBundleBody>;
type UpdateInput = z.output<typeof updateCreditBundleBody>;

/** A bundle belongs to one plan: only that plan's subscribers can buy it. */
export const createCreditBundle = async (db: DbClient, scope: MerchantScope, input: CreateInput) => {
  await getSubscriptionConfigOrThrow(db, scope, input.subscription_config_id, { param: "subscription_config_id" });
  return db.creditBundle.create({
    data: {
      id: newId("creditBundle"),
      ...scope,
      subscriptionConfigId: input.subscription_config_id,
      name: input.name,
      currency: WALLET_CURRENCY,
      cost: input.cost,
      creditAmount: input.credit_amount,
    },
  });
};

export const updateCreditBundle = async (db: DbClient, scope: MerchantScope, id: string, input: UpdateInput) => {
  await getCreditBundleOrThrow(db, scope, id);
  return db.creditBundle.update({
    where: { id },
    data: { name: input.name, cost: input.cost, creditAmount: input.credit_amount },
  });
};
