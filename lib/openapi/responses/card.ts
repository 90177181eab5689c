// Response schemas of the card payment sessions API (Kadosei dialect).
// Producers: lib/card/card-session-json.ts → createdCardSessionJson, cardSessionJson, cardRefundJson;
// lib/merchants/auth-token.ts → issueAuthToken; lib/api/pagination.ts → pageList.
//
// Amounts are JSON numbers in major units of the session's currency (toMajorNumber).
// A `money(null)` in the producer is `undefined`, which JSON.stringify drops: such a
// field is absent (`.optional()`), never null. Every object is strict.
import { z } from "zod";
import { CARD_BRAND_LABELS } from "@/lib/card-number";
import { CardAttemptStatus, ChargeStatus } from "@/lib/generated/prisma/enums";
import { CARD_SESSION_STATUSES, EXACT_TOTAL_CAP } from "@/lib/schemas/card-session";
import { timestamp } from "./scalars";

const majorAmount = z.number().meta({ description: "In major units of the session's currency.", example: 140.76 });

export const cardBrandSchema = z
  .enum(Object.keys(CARD_BRAND_LABELS) as [keyof typeof CARD_BRAND_LABELS, ...(keyof typeof CARD_BRAND_LABELS)[]])
  .meta({
    id: "CardBrand",
    description: "The card's brand, detected from its number (or as the provider reported it).",
  });

export const cardSessionStatusSchema = z.enum(CARD_SESSION_STATUSES).meta({
  id: "CardSessionStatus",
  description:
    "As a reader sees it now: an idle PENDING/PROCESSING session past its expiry reads EXPIRED even before the sweep writes it (lib/card/card-session-state.ts).",
});

// ── Routing ─────────────────────────────────────────────────────────────

export const cardScoredProviderSchema = z
  .strictObject({
    provider: z.string(),
    score: z.number().meta({ description: "0–100, one decimal." }),
    components: z.strictObject({
      reliability: z.number(),
      cost: z.number(),
      speed: z.number(),
    }),
    inputs: z.strictObject({
      authorizationRate: z
        .number()
        .nullable()
        .meta({ description: "Approvals ÷ calls in the window; null before any call." }),
      observedCalls: z.number().int(),
      latencyMs: z.number().int(),
      latencySource: z.enum(["observed", "nominal"]),
      fee: z
        .string()
        .regex(/^\d+$/)
        .meta({ description: "The provider's fee for this payment, in minor units (a string: it is money)." }),
    }),
  })
  .meta({ id: "CardScoredProvider", description: "An eligible provider with its score and every input behind it." });

export const cardExcludedProviderSchema = z
  .strictObject({
    provider: z.string(),
    reason: z.enum(["currency_not_supported", "brand_not_supported", "circuit_open"]),
    until: timestamp.optional().meta({ description: "Only with circuit_open: when the circuit may close." }),
  })
  .meta({ id: "CardExcludedProvider", description: "A provider that could not take the payment, and why." });

const routingDecisionShape = {
  strategy: z.enum(["scored", "only_eligible", "no_eligible_provider"]),
  decidedAt: timestamp,
  ranked: z.array(cardScoredProviderSchema).meta({ description: "Best first." }),
  excluded: z.array(cardExcludedProviderSchema),
  weights: z.strictObject({ reliability: z.number(), cost: z.number(), speed: z.number() }),
  prior: z.strictObject({ calls: z.number().int(), authorizationRate: z.number() }),
  context: z
    .strictObject({
      amount: z.string().regex(/^\d+$/).meta({ description: "The amount routed, in minor units (a string)." }),
      currency: z.string(),
      brand: cardBrandSchema
        .nullable()
        .meta({ description: "null at session creation (no card yet); the card's brand for an attempt." }),
    })
    .meta({ id: "CardRoutingContext" }),
};

export const cardRoutingDecisionSchema = z.strictObject(routingDecisionShape).meta({
  id: "CardRoutingDecision",
  description: "A stored routing decision with every input (an attempt's own routing).",
});

export const cardCreatedRoutingSchema = z
  .strictObject({
    selectedProvider: z.string(),
    score: z
      .number()
      .nullable()
      .meta({ description: "The best-ranked provider's score; null only if nothing was ranked." }),
  })
  .meta({ id: "CardCreatedRouting" });

export const cardSessionRoutingSchema = z
  .strictObject({
    selectedProvider: z.string(),
    score: z.number().nullable(),
    ...routingDecisionShape,
  })
  .meta({ id: "CardSessionRouting", description: "The routing decision made at creation, explained." });

// ── Session parts ───────────────────────────────────────────────────────

export const cardAddressSchema = z
  .strictObject({
    line1: z.string(),
    line2: z.string().optional(),
    city: z.string(),
    state: z.string().optional(),
    postalCode: z.string().optional(),
    country: z.string().meta({ description: "ISO 3166-1 alpha-2.", example: "AU" }),
  })
  .meta({ id: "CardAddress" });

/** `customer` is stored as the validated body's `customer` (trimmed strings) and returned as stored. */
export const cardCustomerSchema = z
  .strictObject({
    firstName: z.string(),
    lastName: z.string(),
    email: z.string(),
    phone: z.string().optional(),
    billingAddress: cardAddressSchema.optional(),
    shippingAddress: cardAddressSchema.optional(),
  })
  .meta({ id: "CardCustomer", description: "As sent at creation." });

export const cardOrderItemSchema = z
  .strictObject({
    name: z.string(),
    sku: z.string().optional(),
    quantity: z.number().int(),
    unitPrice: majorAmount,
  })
  .meta({ id: "CardOrderItem" });

export const cardAmountSchema = z
  .strictObject({
    total: majorAmount,
    shipping: majorAmount.optional().meta({ description: "Absent when none was sent at creation." }),
    tax: majorAmount.optional().meta({ description: "Absent when none was sent at creation." }),
    captured: majorAmount.meta({ description: "0 until paid." }),
    refunded: majorAmount.meta({ description: "Sum of succeeded refunds." }),
  })
  .meta({ id: "CardAmount" });

export const cardSummarySchema = z
  .strictObject({ brand: cardBrandSchema, last4: z.string().regex(/^\d{4}$/) })
  .meta({ id: "CardSummary", description: "A card appears as brand and last four only." });

export const cardPaymentSchema = z
  .strictObject({
    provider: z.string(),
    providerReference: z.string().nullable(),
    card: cardSummarySchema,
  })
  .meta({ id: "CardPayment", description: "The captured payment." });

export const cardProviderCallSchema = z
  .strictObject({
    provider: z.string(),
    outcome: z.enum(ChargeStatus).meta({
      description:
        "pending: the call may still be running · unknown: no answer, waiting for the reconciler · succeeded · declined · failed: no money moved · requires_action: 3-D Secure.",
    }),
    declineCode: z.string().nullable(),
    latencyMs: z.number().int().nullable(),
    at: timestamp,
  })
  .meta({ id: "CardProviderCall", description: "One call to a card provider (a charge row), oldest first." });

export const cardAttemptSchema = z
  .strictObject({
    attemptId: z.string().meta({ example: "att_01KJHF4SFHW93DY4BVF227F33V" }),
    number: z.number().int().min(1),
    outcome: z.enum(CardAttemptStatus).meta({
      description:
        "processing · requires_action: waiting for the cardholder's 3-D Secure challenge · succeeded · declined · abandoned: its claim ran out.",
    }),
    provider: z.string().nullable(),
    declineCode: z.string().nullable().meta({
      description:
        "A provider decline code (card_declined, insufficient_funds, processing_error, authentication_required, authentication_failed, expired_card, test_mode_live_card), or null.",
    }),
    message: z.string().nullable(),
    card: cardSummarySchema.nullable().meta({
      description: "null only if the stored brand or last four is empty (cardOf); every attempt path writes both.",
    }),
    routing: cardRoutingDecisionSchema,
    providerCalls: z.array(cardProviderCallSchema),
    createdAt: timestamp,
    finishedAt: timestamp.nullable(),
  })
  .meta({ id: "CardAttempt", description: "One press of “Pay” on the hosted page." });

export const cardRefundSchema = z
  .strictObject({
    refundId: z.string().meta({ example: "re_01KJHF4SFHW93DY4BVF227F33V" }),
    sessionId: z.uuid(),
    amount: majorAmount,
    currency: z.string(),
    status: z.enum(["PENDING", "SUCCEEDED", "FAILED"]).meta({
      description:
        "The stored status upper-cased. PENDING: the provider gave no answer yet; the reconciler settles it.",
    }),
    provider: z.string(),
    createdAt: timestamp,
    completedAt: timestamp.nullable(),
  })
  .meta({
    id: "CardRefund",
    description: "A refund of a card session. Also the `data.object` of `refund.completed` / `refund.failed` events.",
  });

// ── Sessions ────────────────────────────────────────────────────────────

/** The 201 of POST /api/v1/sessions: exactly the original API's fields. */
export const cardCreatedSessionSchema = z
  .strictObject({
    sessionId: z.uuid(),
    checkoutUrl: z.string(),
    status: cardSessionStatusSchema.meta({
      description: "The stored status (PENDING for a new session; an idempotent replay repeats the first answer).",
    }),
    routing: cardCreatedRoutingSchema,
    expiresAt: timestamp,
    createdAt: timestamp,
  })
  .meta({ id: "CardCreatedSession", description: "The answer of POST /api/v1/sessions." });

export const cardSessionSchema = z
  .strictObject({
    sessionId: z.uuid(),
    checkoutUrl: z.string(),
    status: cardSessionStatusSchema,
    routing: cardSessionRoutingSchema,
    expiresAt: timestamp,
    createdAt: timestamp,
    orderReference: z.string(),
    paymentMethod: z.literal("card"),
    currency: z.string().meta({ description: "ISO 4217.", example: "AUD" }),
    locale: z.string().nullable(),
    amount: cardAmountSchema,
    orderItems: z.array(cardOrderItemSchema).nullable().meta({ description: "null when none were sent at creation." }),
    customer: cardCustomerSchema,
    shipping: z
      .strictObject({ type: z.string(), method: z.string().optional() })
      .nullable()
      .meta({ description: "As sent at creation; null when none was sent." }),
    additionalInformation: z
      .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))
      .nullable()
      .meta({ description: "As sent at creation; null when none was sent." }),
    redirectUrls: z.strictObject({ success: z.string(), failure: z.string() }),
    payment: cardPaymentSchema.nullable().meta({ description: "null until a payment is captured." }),
    maxAttempts: z.number().int(),
    attemptsRemaining: z.number().int().min(0),
    attempts: z.array(cardAttemptSchema).meta({ description: "By attempt number." }),
    refunds: z.array(cardRefundSchema).meta({ description: "Oldest first." }),
    completedAt: timestamp.nullable(),
    updatedAt: timestamp,
  })
  .meta({
    id: "CardSession",
    description:
      "A card payment session (Kadosei dialect), with its attempts and routing explained. Also the `data.object` of `session.*` events.",
  });

/** GET /api/v1/sessions: the page list style. */
export const cardSessionPageSchema = z
  .strictObject({
    data: z.array(cardSessionSchema).meta({ description: "Newest first." }),
    page: z.number().int().min(1),
    limit: z.number().int().min(1).max(100),
    total: z
      .number()
      .int()
      .min(0)
      .meta({
        description: `Sessions matching the filter, over all pages: exact up to ${EXACT_TOTAL_CAP.toLocaleString("en")}, PostgreSQL's estimate beyond (see \`total_exact\`).`,
      }),
    total_exact: z.boolean().meta({
      description: `Our extension: false when \`total\` is an estimate (more than ${EXACT_TOTAL_CAP.toLocaleString("en")} sessions match).`,
    }),
  })
  .meta({ id: "CardSessionPage", description: "One page of sessions: `{data, page, limit, total}`." });

/** GET /api/v1/sessions/{id}/refunds: every refund of the session, unpaginated. */
export const cardRefundListSchema = z
  .strictObject({ data: z.array(cardRefundSchema).meta({ description: "Oldest first (by id)." }) })
  .meta({ id: "CardRefundList", description: "Every refund of the session (not paginated)." });

/** POST /api/v1/auth/token. */
export const cardAuthTokenSchema = z
  .strictObject({
    token: z.string().meta({ description: "An HS256 JWT for the card sessions and webhooks APIs." }),
    tokenType: z.literal("Bearer"),
    expiresIn: z
      .number()
      .int()
      .min(60)
      .max(3600)
      .meta({ description: "Seconds (the request's expiresIn, default 3600)." }),
    expiresAt: timestamp,
  })
  .meta({ id: "CardAuthToken", description: "A short-lived token for `Authorization: Bearer <token>`." });
