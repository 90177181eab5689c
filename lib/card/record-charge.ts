import type { DbClient } from "@/lib/db/client";
import type { MerchantScope } from "@/lib/merchants/scope";
import type { ChargeResult, SavedCard } from "@/lib/providers/types";

export type ChargeRecord = MerchantScope & {
  id: string;
  provider: string;
  amount: bigint;
  currency: string;
  connectionId?: string;
  checkoutSessionId?: string;
  cardSessionId?: string;
  cardAttemptId?: string;
  latencyMs?: number;
};

/** A provider that could not be asked, or did not answer in time: we still know which card it was for. */
export type ChargeFailure = { status: "failed"; card: Omit<SavedCard, "token"> };

/** Every provider call becomes a `charges` row, declines and failures included: brand and last four, never the number. */
export const recordCharge = (db: DbClient, charge: ChargeRecord, result: ChargeResult | ChargeFailure) =>
  db.charge.create({
    data: {
      ...charge,
      providerReference: result.status === "succeeded" || result.status === "requires_action" ? result.reference : null,
      status: result.status,
      declineCode: result.status === "declined" ? result.code : null,
      cardBrand: result.card.brand,
      cardLast4: result.card.last4,
    },
  });
