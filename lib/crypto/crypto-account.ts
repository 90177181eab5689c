import "server-only";
import type { Db, DbClient } from "@/lib/db/client";
import { queryRows } from "@/lib/db/prepared-rows";
import { DomainError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import type { MerchantScope } from "@/lib/scope";
import { ExtendedKeyError, parseExtendedPublicKey } from "./derive-address";

// A merchant's extended public key for one mode. Setting a new key retires the
// old one (its sessions keep their addresses); setting an old key again brings
// it back with its counter, so no deposit address is ever handed out twice.

export const getActiveCryptoAccount = (db: DbClient, scope: MerchantScope) =>
  db.cryptoAccount.findFirst({ where: { ...scope, retiredAt: null } });

/**
 * Takes the next derivation index of the merchant's active key, or undefined
 * when there is none. One statement: it locks the account row only for that
 * statement, so concurrent sessions get different indexes without queueing
 * behind each other's insert, and a key retired meanwhile is never used. A prepared statement
 * (lib/db/prepared-rows.ts): every crypto session takes one.
 */
export const takeNextDepositIndex = async (db: Db, scope: MerchantScope) => {
  const [taken] = await queryRows<{ id: string; xpub: string; index: number }>(
    db,
    `UPDATE crypto_accounts SET next_index = next_index + 1
     WHERE merchant_id = $1 AND mode = $2::"Mode" AND retired_at IS NULL
     RETURNING id, xpub, next_index - 1 AS index`,
    [scope.merchantId, scope.mode],
  );
  return taken;
};

export const setCryptoXpub = async (db: DbClient, scope: MerchantScope, xpub: string) => {
  try {
    parseExtendedPublicKey(xpub);
  } catch (error) {
    if (error instanceof ExtendedKeyError)
      throw new DomainError("parameter_invalid", `xpub ${error.message}.`, { param: "xpub" });
    throw error;
  }
  const run = async (tx: DbClient) => {
    // Serialises concurrent changes of one merchant's key in one mode.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`crypto_account:${scope.merchantId}:${scope.mode}`}))`;
    const active = await getActiveCryptoAccount(tx, scope);
    if (active?.xpub === xpub) return active;
    const now = new Date();
    if (active) await tx.cryptoAccount.update({ where: { id: active.id }, data: { retiredAt: now } });
    return tx.cryptoAccount.upsert({
      where: { merchantId_mode_xpub: { ...scope, xpub } },
      create: { id: newId("cryptoAccount"), ...scope, xpub },
      update: { retiredAt: null },
    });
  };
  return "$transaction" in db ? db.$transaction(run) : run(db);
};
