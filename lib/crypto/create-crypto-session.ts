import "server-only";
import pg from "pg";
import type { Db } from "@/lib/db/client";
import { insertable, jsonParameter, queryRows, selectable, sqlExpression, unprefixed } from "@/lib/db/prepared-rows";
import { env } from "@/lib/env";
import { DomainError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { newId } from "@/lib/ids";
import type { CreateCryptoSessionCommand } from "@/lib/schemas/crypto";
import { assertRedirectUrlMode } from "@/lib/schemas/redirect-url";
import type { MerchantScope } from "@/lib/scope";
import { newCheckoutSecret } from "@/lib/security/checkout-token";
import { takeNextDepositIndex } from "./crypto-account";
import type { CryptoSessionRow } from "./crypto-json";
import { deriveDepositAddress } from "./derive-address";
import { assertCryptoAvailable, availableAssets, cryptoNetwork } from "./network";

// Another account of this server (another merchant, or this merchant's other
// mode) may derive from the same key on the same chain: skip addresses taken.
const MAX_ADDRESS_SKIPS = 100;

const SESSION_PREFIX = "session.";
const CUSTOMER_PREFIX = "customer.";
const SESSION_WITH_CUSTOMER = [
  selectable(Prisma.CryptoCheckoutSessionScalarFieldEnum, {
    from: "new_session",
    prefix: SESSION_PREFIX,
    enumArrays: ["allowedAssets"],
  }),
  selectable(Prisma.CryptoCustomerScalarFieldEnum, { from: "new_customer", prefix: CUSTOMER_PREFIX }),
].join(", ");

export const createCryptoSession = async (db: Db, scope: MerchantScope, body: CreateCryptoSessionCommand) => {
  assertCryptoAvailable(scope.mode);
  const offered = availableAssets(scope.mode);
  const unavailable = body.allowedAssets.find((asset) => !offered.includes(asset));
  if (unavailable) {
    throw new DomainError(
      "parameter_invalid",
      `allowedAssets: ${unavailable} is not accepted in ${scope.mode} mode on this server (accepted: ${offered.join(", ")}).`,
      { param: "allowedAssets" },
    );
  }
  assertRedirectUrlMode(body.successUrl, scope.mode, "successUrl");
  assertRedirectUrlMode(body.cancelUrl, scope.mode, "cancelUrl");
  const { chainId } = cryptoNetwork(scope.mode);

  // The index is taken outside the session's statement: an index whose session is then not written stays
  // unused, like an unpaid session's (takeNextDepositIndex says why). An address another account of this
  // server already handed out (the unique index on chain and address) is skipped for the next index.
  for (let skipped = 0; ; skipped++) {
    const taken = await takeNextDepositIndex(db, scope);
    if (!taken) {
      throw new DomainError(
        "state_conflict",
        `Set your extended public key for ${scope.mode} mode first (PUT /api/v1/crypto/settings or \`tillpoint crypto set-xpub\`): deposit addresses are derived from it.`,
      );
    }
    const deposit = {
      accountId: taken.id,
      derivationIndex: taken.index,
      address: deriveDepositAddress(taken.xpub, taken.index),
    };
    try {
      return await insertSessionWithCustomer(db, scope, body, { chainId, deposit });
    } catch (error) {
      const addressTaken =
        error instanceof pg.DatabaseError && error.constraint === "crypto_checkout_sessions_chain_id_address_key";
      if (!addressTaken) throw error;
      if (skipped >= MAX_ADDRESS_SKIPS) throw new Error(`no unused deposit address after ${MAX_ADDRESS_SKIPS} tries`);
    }
  }
};

/**
 * The customer (by e-mail, its name the latest) and the session in one statement, so one transaction that
 * holds the customer's row only while it runs. Prepared (lib/db/prepared-rows.ts): the dialect's create.
 */
const insertSessionWithCustomer = async (
  db: Db,
  scope: MerchantScope,
  body: CreateCryptoSessionCommand,
  { chainId, deposit }: { chainId: number; deposit: { accountId: string; derivationIndex: number; address: string } },
): Promise<CryptoSessionRow> => {
  const values: unknown[] = [];
  const now = new Date();
  const customer = insertable(values, {
    id: newId("cryptoCustomer"),
    ...scope,
    email: body.email,
    name: body.name,
    updatedAt: now,
  } satisfies Prisma.CryptoCustomerUncheckedCreateInput);
  const session = insertable(values, {
    id: newId("cryptoCheckoutSession"),
    ...scope,
    secret: newCheckoutSecret("crypto", scope.mode),
    amount: body.amount,
    currency: body.currency,
    email: body.email,
    name: body.name,
    customerId: sqlExpression("(SELECT id FROM new_customer)"),
    metadata: jsonParameter(body.metadata),
    productId: body.productId,
    productName: body.productName,
    productDescription: body.productDescription,
    locale: body.locale,
    allowedAssets: body.allowedAssets,
    successUrl: body.successUrl,
    cancelUrl: body.cancelUrl,
    chainId,
    ...deposit,
    createdAt: now,
    updatedAt: now,
    expiresAt: new Date(now.getTime() + env().crypto.sessionTtlMs),
  } satisfies Partial<Record<keyof Prisma.CryptoCheckoutSessionUncheckedCreateInput, unknown>>);
  const [row] = await queryRows<Record<string, unknown>>(
    db,
    `WITH new_customer AS (
       INSERT INTO crypto_customers ${customer.columns} VALUES ${customer.parameters}
       ON CONFLICT (merchant_id, mode, email) DO UPDATE SET name = EXCLUDED.name, updated_at = EXCLUDED.updated_at
       RETURNING *
     ), new_session AS (
       INSERT INTO crypto_checkout_sessions ${session.columns} VALUES ${session.parameters}
       RETURNING *
     )
     SELECT ${SESSION_WITH_CUSTOMER} FROM new_session, new_customer`,
    values,
  );
  return {
    ...unprefixed<Omit<CryptoSessionRow, "customer" | "transfers">>(row, SESSION_PREFIX),
    customer: unprefixed<CryptoSessionRow["customer"]>(row, CUSTOMER_PREFIX),
    transfers: [],
  };
};
