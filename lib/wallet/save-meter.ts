import "server-only";
import type { z } from "zod";
import type { DbClient } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { newId } from "@/lib/ids";
import type { createMeterBody, updateMeterBody } from "@/lib/schemas/wallet";
import type { MerchantScope } from "@/lib/scope";
import { getMeterOrThrow } from "./get-wallet-objects";

// Meters are the merchant's catalogue of what its customers' usage costs (README "Meters"). A meter's slug is
// how a metered request names it, so it is unique per merchant and mode; an edit changes only the fields sent.

type CreateInput = z.output<typeof createMeterBody>;
type UpdateInput = z.output<typeof updateMeterBody>;

// Prisma's enum spells `input+output` input_output (prisma/schema.prisma MeterTokenBasis).
const tokenBasisColumn = (basis: CreateInput["token_basis"]) => (basis === "input+output" ? "input_output" : basis);

/** The meter_slug's unique index said no: another meter of this merchant and mode has it. */
const slugTaken = (error: unknown, slug: string | undefined) => {
  if (slug === undefined || (error as { code?: string }).code !== "P2002") return error;
  return new DomainError("resource_exists", `meter_slug: another meter already has the slug ${JSON.stringify(slug)}.`, {
    param: "meter_slug",
  });
};

export const createMeter = async (db: DbClient, scope: MerchantScope, input: CreateInput) => {
  const data = {
    id: newId("meter"),
    ...scope,
    slug: input.meter_slug,
    name: input.name,
    rateType: input.rate_type,
    tokenBasis: tokenBasisColumn(input.token_basis),
    baseCostPayer: input.base_cost_payer,
    serviceChargePayer: input.service_charge_payer,
    tiers: input.tiers,
  } satisfies Prisma.MeterUncheckedCreateInput;
  return db.meter.create({ data }).catch((error: unknown) => {
    throw slugTaken(error, input.meter_slug);
  });
};

export const updateMeter = async (db: DbClient, scope: MerchantScope, id: string, input: UpdateInput) => {
  await getMeterOrThrow(db, scope, id);
  const data = {
    slug: input.meter_slug,
    name: input.name,
    rateType: input.rate_type,
    tokenBasis: input.token_basis && tokenBasisColumn(input.token_basis),
    baseCostPayer: input.base_cost_payer,
    serviceChargePayer: input.service_charge_payer,
    tiers: input.tiers,
  } satisfies Prisma.MeterUncheckedUpdateInput;
  return db.meter.update({ where: { id }, data }).catch((error: unknown) => {
    throw slugTaken(error, input.meter_slug);
  });
};
