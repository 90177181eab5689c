import "server-only";
import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { DomainError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { newId } from "@/lib/ids";
import type { CreateCryptoSessionCommand } from "@/lib/schemas/crypto";
import { assertRedirectUrlMode } from "@/lib/schemas/redirect-url";
import type { MerchantScope } from "@/lib/scope";
import { newCheckoutSecret } from "@/lib/security/checkout-token";
import { takeNextDepositIndex } from "./crypto-account";
import { cryptoSessionInclude } from "./crypto-json";
import { deriveDepositAddress } from "./derive-address";
import { assertCryptoAvailable, availableAssets, cryptoNetwork } from "./network";

// Another account of this server (another merchant, or this merchant's other
// mode) may derive from the same key on the same chain: skip addresses taken.
const MAX_ADDRESS_SKIPS = 100;

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
  const { amount } = body;

  // Outside the transaction: an index whose session is then not written stays
  // unused, like an unpaid session's (takeNextDepositIndex says why).
  let deposit: { accountId: string; derivationIndex: number; address: string };
  for (let skipped = 0; ; skipped++) {
    const taken = await takeNextDepositIndex(db, scope);
    if (!taken) {
      throw new DomainError(
        "state_conflict",
        `Set your extended public key for ${scope.mode} mode first (PUT /api/v1/crypto/settings or \`tillpoint crypto set-xpub\`): deposit addresses are derived from it.`,
      );
    }
    const address = deriveDepositAddress(taken.xpub, taken.index);
    const used = await db.cryptoCheckoutSession.findUnique({
      where: { chainId_address: { chainId, address } },
      select: { id: true },
    });
    if (!used) {
      deposit = { accountId: taken.id, derivationIndex: taken.index, address };
      break;
    }
    if (skipped >= MAX_ADDRESS_SKIPS) throw new Error(`no unused deposit address after ${MAX_ADDRESS_SKIPS} tries`);
  }

  return db.$transaction(async (tx) => {
    const customer = await tx.cryptoCustomer.upsert({
      where: { merchantId_mode_email: { ...scope, email: body.email } },
      create: { id: newId("cryptoCustomer"), ...scope, email: body.email, name: body.name },
      update: { name: body.name },
    });
    const createdAt = new Date();
    return tx.cryptoCheckoutSession.create({
      data: {
        id: newId("cryptoCheckoutSession"),
        ...scope,
        secret: newCheckoutSecret("crypto", scope.mode),
        amount,
        currency: body.currency,
        email: body.email,
        name: body.name,
        customerId: customer.id,
        metadata: body.metadata as Prisma.InputJsonObject,
        productId: body.productId,
        productName: body.productName,
        productDescription: body.productDescription,
        locale: body.locale,
        allowedAssets: body.allowedAssets,
        successUrl: body.successUrl,
        cancelUrl: body.cancelUrl,
        chainId,
        ...deposit,
        createdAt,
        expiresAt: new Date(createdAt.getTime() + env().crypto.sessionTtlMs),
      },
      include: cryptoSessionInclude,
    });
  });
};
