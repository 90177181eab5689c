import type { DbClient } from "@/lib/db/client";
import type { MerchantScope } from "@/lib/merchants/scope";
import type { ChargeResult } from "@/lib/providers/types";

export type ChargeRecord = MerchantScope & {
  id: string;
  provider: string;
  amount: bigint;
  currency: string;
  connectionId?: string;
  checkoutSessionId?: string;
};

/** Every provider answer becomes a `charges` row, declines included: brand and last four, never the number. */
export const recordCharge = (db: DbClient, charge: ChargeRecord, result: ChargeResult) =>
  db.charge.create({
    data: {
      ...charge,
      providerReference: result.status === "succeeded" ? result.reference : null,
      status: result.status,
      declineCode: result.status === "declined" ? result.code : null,
      cardBrand: result.card.brand,
      cardLast4: result.card.last4,
    },
  });
