import "server-only";
import crypto from "node:crypto";
import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { DomainError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { CreateCardSessionCommand } from "@/lib/schemas/card-session";
import { assertRedirectUrlMode } from "@/lib/schemas/redirect-url";
import type { MerchantScope } from "@/lib/scope";
import { newCheckoutSecret } from "@/lib/security/checkout-token";
import { cardSessionInclude, type StoredOrderItem } from "./card-session-json";
import { decideCardRouting } from "./decide-card-routing";

// POST /api/v1/sessions (contract "Card payment sessions (Kadosei dialect)"): checks what the schema cannot (live-mode
// URLs, a provider for the currency), routes, and stores the session with its
// routing decision, in one INSERT.

export const createCardSession = async (db: Db, scope: MerchantScope, body: CreateCardSessionCommand) => {
  assertRedirectUrlMode(body.redirectUrls.success, scope.mode, "redirectUrls.success");
  assertRedirectUrlMode(body.redirectUrls.failure, scope.mode, "redirectUrls.failure");
  const { currency } = body;
  const amountTotal = body.amount.total;

  const createdAt = new Date();
  const { decision } = await decideCardRouting(db, scope, { amount: amountTotal, currency }, createdAt);
  const [best] = decision.ranked;
  if (!best) {
    if (decision.excluded.every((entry) => entry.reason === "currency_not_supported")) {
      throw new DomainError("parameter_invalid", `currency: no card provider of this server accepts ${currency}.`, {
        param: "currency",
      });
    }
    throw new DomainError(
      "service_unavailable",
      `Every card provider that accepts ${currency} is failing right now; retry in a minute.`,
      { retryAfterSeconds: 30 },
    );
  }

  const orderItems: StoredOrderItem[] | undefined = body.orderItems?.map((item) => ({
    name: item.name,
    ...(item.sku === undefined ? {} : { sku: item.sku }),
    quantity: item.quantity,
    unitPrice: item.unitPrice.toString(),
  }));
  const config = env().card;
  return db.cardSession.create({
    data: {
      id: crypto.randomUUID(),
      ...scope,
      secret: newCheckoutSecret("card", scope.mode),
      orderReference: body.orderReference,
      paymentMethod: body.paymentMethod,
      currency,
      locale: body.locale,
      amountTotal,
      amountShipping: body.amount.shipping,
      amountTax: body.amount.tax,
      orderItems: orderItems as Prisma.InputJsonArray | undefined,
      customer: body.customer as Prisma.InputJsonObject,
      shipping: body.shipping as Prisma.InputJsonObject | undefined,
      additionalInformation: body.additionalInformation as Prisma.InputJsonObject | undefined,
      successUrl: body.redirectUrls.success,
      failureUrl: body.redirectUrls.failure,
      selectedProvider: best.provider,
      routing: decision as unknown as Prisma.InputJsonObject,
      maxAttempts: config.maxAttempts,
      createdAt,
      expiresAt: new Date(createdAt.getTime() + config.sessionTtlMs),
    },
    include: cardSessionInclude,
  });
};
