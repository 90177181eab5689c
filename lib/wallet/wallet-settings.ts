import "server-only";
import type { z } from "zod";
import type { DbClient } from "@/lib/db/client";
import { formatMinorUnits } from "@/lib/money";
import { WALLET_CURRENCY, type walletSettingsBody } from "@/lib/schemas/wallet";
import type { MerchantScope } from "@/lib/scope";

// A merchant's wallet settings per mode (ours: GET/PATCH /v1/wallet_settings). Without a row, every default.

const lowBalanceThreshold = async (db: DbClient, scope: MerchantScope) =>
  (await db.walletSettings.findUnique({ where: { merchantId_mode: scope } }))?.lowBalanceThreshold ?? null;

const settingsJson = (threshold: bigint | null) => ({
  low_balance_threshold: threshold === null ? null : formatMinorUnits(threshold, WALLET_CURRENCY),
  currency: WALLET_CURRENCY,
});

export const walletSettings = async (db: DbClient, scope: MerchantScope) =>
  settingsJson(await lowBalanceThreshold(db, scope));

export const updateWalletSettings = async (
  db: DbClient,
  scope: MerchantScope,
  input: z.output<typeof walletSettingsBody>,
) => {
  const row = await db.walletSettings.upsert({
    where: { merchantId_mode: scope },
    create: { ...scope, lowBalanceThreshold: input.low_balance_threshold },
    update: { lowBalanceThreshold: input.low_balance_threshold },
  });
  return settingsJson(row.lowBalanceThreshold);
};
