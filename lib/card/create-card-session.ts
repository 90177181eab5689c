import "server-only";
import crypto from "node:crypto";
import type { Db } from "@/lib/db/client";
import { insertRow, type WriteGuard } from "@/lib/db/prepared-rows";
import { env } from "@/lib/env";
import { DomainError } from "@/lib/errors";
import type { CreateCardSessionCommand } from "@/lib/schemas/card-session";
import { assertRedirectUrlMode } from "@/lib/schemas/redirect-url";
import type { MerchantScope } from "@/lib/scope";
import { newCheckoutSecret } from "@/lib/security/checkout-token";
import type { CardSessionFields, StoredOrderItem } from "./card-session-json";
import { decideCardRouting } from "./decide-card-routing";

// POST /api/v1/sessions (contract "Card payment sessions (Kadosei dialect)"): checks what the schema cannot (live-mode
// URLs, a provider for the currency), routes, and stores the session with its
// routing decision, in one INSERT.

/**
 * The new session's row (it has no attempts or refunds yet). `guard`: a row the INSERT must write with the
 * session, or write neither (an idempotency claim: WriteGuard).
 */
export const createCardSession = async (
  db: Db,
  scope: MerchantScope,
  body: CreateCardSessionCommand,
  { guard }: { guard?: WriteGuard<CardSessionFields> } = {},
) => {
  assertRedirectUrlMode(body.redirectUrls.success, scope.mode, "redirectUrls.success");
  assertRedirectUrlMode(body.redirectUrls.failure, scope.mode, "redirectUrls.failure");
  const { currency } = body;
  const amountTotal = body.amount.total;

  const createdAt = new Date();
  const { decision } = await decideCardRouting(db, scope, { amount: amountTotal, currency }, createdAt, {
    recent: true,
  });
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
  // One prepared INSERT of the whole row (lib/db/prepared-rows.ts).
  return insertRow<CardSessionFields>(
    db,
    "card_sessions",
    {
      id: crypto.randomUUID(),
      ...scope,
      status: "PENDING",
      secret: newCheckoutSecret("card", scope.mode),
      orderReference: body.orderReference,
      paymentMethod: body.paymentMethod,
      currency,
      locale: body.locale ?? null,
      amountTotal,
      amountShipping: body.amount.shipping,
      amountTax: body.amount.tax,
      orderItems: orderItems ?? null,
      customer: body.customer,
      shipping: body.shipping ?? null,
      additionalInformation: body.additionalInformation ?? null,
      successUrl: body.redirectUrls.success,
      failureUrl: body.redirectUrls.failure,
      selectedProvider: best.provider,
      routing: decision,
      maxAttempts: config.maxAttempts,
      attemptCount: 0,
      processingUntil: null,
      provider: null,
      providerReference: null,
      cardBrand: null,
      cardLast4: null,
      capturedAmount: 0n,
      refundedAmount: 0n,
      refundPendingAmount: 0n,
      createdAt,
      updatedAt: new Date(createdAt),
      expiresAt: new Date(createdAt.getTime() + config.sessionTtlMs),
      completedAt: null,
    },
    { guard, json: ["orderItems", "customer", "shipping", "additionalInformation", "routing"] },
  );
};
