import "server-only";
import crypto from "node:crypto";
import type { Db } from "@/lib/db/client";
import { insertRow, jsonParameter, type WriteGuard } from "@/lib/db/prepared-rows";
import { env } from "@/lib/env";
import { DomainError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { CreateCardSessionCommand } from "@/lib/schemas/card-session";
import { assertRedirectUrlMode } from "@/lib/schemas/redirect-url";
import type { MerchantScope } from "@/lib/scope";
import { newCheckoutSecret } from "@/lib/security/checkout-token";
import type { CardSessionRow, StoredOrderItem } from "./card-session-json";
import { decideCardRouting } from "./decide-card-routing";
import { CARD_SESSION_SELECT } from "./get-card-sessions";

// POST /api/v1/sessions (contract "Card payment sessions (Kadosei dialect)"): checks what the schema cannot (live-mode
// URLs, a provider for the currency), routes, and stores the session with its
// routing decision, in one INSERT.

/** `claim`: a row the INSERT must write with the session, or write neither (an idempotency claim: WriteGuard). */
export const createCardSession = async (
  db: Db,
  scope: MerchantScope,
  body: CreateCardSessionCommand,
  { claim }: { claim?: WriteGuard } = {},
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
  // One prepared INSERT … RETURNING (lib/db/prepared-rows.ts); a new session has no attempts or refunds yet.
  const row = await insertRow<Omit<CardSessionRow, "attempts" | "refunds">>(
    db,
    "card_sessions",
    CARD_SESSION_SELECT,
    {
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
      orderItems: jsonParameter(orderItems),
      customer: jsonParameter(body.customer),
      shipping: jsonParameter(body.shipping),
      additionalInformation: jsonParameter(body.additionalInformation),
      successUrl: body.redirectUrls.success,
      failureUrl: body.redirectUrls.failure,
      selectedProvider: best.provider,
      routing: jsonParameter(decision),
      maxAttempts: config.maxAttempts,
      createdAt,
      updatedAt: createdAt,
      expiresAt: new Date(createdAt.getTime() + config.sessionTtlMs),
    } satisfies Prisma.CardSessionUncheckedCreateInput,
    { guard: claim },
  );
  return { ...row, attempts: [], refunds: [] };
};
