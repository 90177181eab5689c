import "server-only";
import type { z } from "zod";
import type { DbClient } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
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

/**
 * Every id a meter of this merchant and mode, or a 404 naming the first that is not: the one check that a plan
 * links only its own merchant's meters of its mode (the link table's keys do not say).
 */
const assertMeters = async (db: DbClient, scope: MerchantScope, ids: string[]) => {
  if (ids.length === 0) return;
  const found = new Set(
    (await db.meter.findMany({ where: { ...scope, id: { in: ids } }, select: { id: true } })).map(({ id }) => id),
  );
  const missing = ids.findIndex((id) => !found.has(id));
  if (missing >= 0) {
    throw new DomainError("not_found", `linked_meter_ids.${missing}: no such meter.`, {
      param: `linked_meter_ids.${missing}`,
    });
  }
};

const links = (ids: string[]) => ({ create: ids.map((meterId) => ({ meterId })) });

export const createSubscriptionConfig = async (db: DbClient, scope: MerchantScope, input: CreateInput) => {
  await assertMeters(db, scope, input.linked_meter_ids);
  return db.subscriptionConfig.create({
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
      linkedMeters: links(input.linked_meter_ids),
    },
    include: subscriptionConfigInclude,
  });
};

/**
 * Changes apply to new subscriptions and to the next cycle of current ones;
 * what a subscriber already paid for stays as it was.
 */
export const updateSubscriptionConfig = async (db: DbClient, scope: MerchantScope, id: string, input: UpdateInput) => {
  await getSubscriptionConfigOrThrow(db, scope, id);
  if (input.linked_meter_ids) await assertMeters(db, scope, input.linked_meter_ids);
  // One update: the plan's columns and its new set of meters together (Prisma runs nested writes as one).
  const linkedMeters = input.linked_meter_ids && { deleteMany: {}, ...links(input.linked_meter_ids) };
  return db.subscriptionConfig.update({
    where: { id },
    data: { ...columns(input), linkedMeters },
    include: subscriptionConfigInclude,
  });
};
