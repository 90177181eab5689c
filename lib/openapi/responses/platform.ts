// Response schemas of the shared merchant APIs: API keys, branding, crypto settings,
// webhook endpoints, deliveries, events and event types.
// Producers: lib/merchants/api-key-json.ts (apiKeyJson), lib/branding/branding.ts (brandingJson),
// lib/crypto/crypto-settings.ts (settingsOf), lib/webhooks/webhook-json.ts (webhookEndpointJson,
// webhookEndpointWithSecretJson, eventJson, webhookDeliveryJson), lib/webhooks/record-event.ts
// (eventPayload: the stored event envelope), lib/background/reconcile.ts (unresolvedObject),
// lib/wallet/record-wallet-events.ts (the wallet.balance_updated object),
// app/api/v1/event_types/route.ts and app/api/v1/webhooks/[id]/route.ts (DELETE).
//
// Field names: the API keys and branding objects and the event envelope are snake_case;
// webhook endpoints, deliveries and crypto settings are camelCase (as their producers write them).
import { z } from "zod";
import { EVENT_TYPE_NAMES, EVENT_TYPES, EVENT_VERSION, type EventType } from "@/lib/event-types";
import {
  CardRefundStatus,
  ChargePurpose,
  ChargeStatus,
  LedgerAccount,
  LedgerReason,
  Mode,
  WebhookDeliveryStatus,
  WebhookEndpointStatus,
} from "@/lib/generated/prisma/enums";
import { CORNER_STYLES, THEMES } from "@/lib/schemas/branding";
import { cardRefundSchema, cardSessionSchema } from "./card";
import { cryptoAssetSchema, cryptoCheckoutSessionSchema } from "./crypto";
import { timestamp } from "./scalars";
// The wallet (Lava dialect) objects are the sibling draft's (responses/wallet.ts): events carry them as that API shows them.
import { walletCheckoutSession, walletConnection, walletLowBalance, walletRequest, walletSubscription } from "./wallet";

/** The cursor list style: `{data, has_more, next_cursor}` (lib/api/pagination.ts cursorList). */
export const cursorListOf = <Item extends z.ZodType>(item: Item, id: string, what: string) =>
  z
    .strictObject({
      data: z.array(item).meta({ description: "Newest first." }),
      has_more: z.boolean(),
      next_cursor: z.string().nullable().meta({
        description: "The last id of this page: pass it as `cursor` for the next one. null when `has_more` is false.",
      }),
    })
    .meta({ id, description: `${what}: the cursor list style \`{data, has_more, next_cursor}\`.` });

export const modeSchema = z
  .enum(Mode)
  .meta({ id: "Mode", description: "test or live: which kind of API key the object belongs to." });

// ── API keys ────────────────────────────────────────────────────────────

const apiKeyShape = {
  id: z.string().meta({ example: "key_01KJHF4SFHW93DY4BVF227F33V" }),
  object: z.literal("api_key"),
  mode: modeSchema,
  name: z.string().nullable(),
  redacted: z
    .string()
    .meta({ description: "Prefix and last four, for people: `sk_test_…Ab3x`.", example: "sk_test_…Ab3x" }),
  created_at: timestamp,
  last_used_at: timestamp.nullable().meta({ description: "Minute precision; null if never used." }),
  revoked_at: timestamp.nullable(),
};

export const apiKeySchema = z
  .strictObject(apiKeyShape)
  .meta({ id: "ApiKey", description: "An API key, never its secret." });

export const createdApiKeySchema = z
  .strictObject({
    ...apiKeyShape,
    secret: z
      .string()
      .regex(/^sk_(test|live)_[A-Za-z0-9_-]{43}$/)
      .meta({ description: "The key itself, shown in this answer only (an idempotent replay of it is a 409)." }),
  })
  .meta({ id: "CreatedApiKey", description: "A new API key with its secret, this once." });

export const apiKeyListSchema = cursorListOf(apiKeySchema, "ApiKeyList", "API keys of the caller's merchant and mode");

// ── Branding ────────────────────────────────────────────────────────────

export const brandingSchema = z
  .strictObject({
    object: z.literal("branding"),
    display_name: z.string().nullable(),
    logo: z
      .string()
      .nullable()
      .meta({ description: "Absolute URL of the logo as served: `<public base URL>/branding/logos/<sha256>.<ext>`." }),
    brand_color: z
      .string()
      .regex(/^#[0-9A-F]{6}$/)
      .nullable()
      .meta({ description: "#RRGGBB, upper case." }),
    button_color: z
      .string()
      .regex(/^#[0-9A-F]{6}$/)
      .nullable(),
    corner_style: z.enum(CORNER_STYLES).nullable(),
    theme: z.enum(THEMES).nullable(),
    show_powered_by: z.boolean().nullable(),
    default_locale: z.string().nullable(),
  })
  .meta({
    id: "Branding",
    description: "How the merchant's hosted pages look, for both modes. A null field is Tillpoint's default.",
  });

// ── Crypto settings ─────────────────────────────────────────────────────

export const cryptoSettingsSchema = z
  .strictObject({
    mode: modeSchema,
    xpub: z
      .string()
      .nullable()
      .meta({ description: "The active extended public key of this mode; null when none is set." }),
    derivationPath: z.literal("xpub/0/i (account key m/44'/60'/0')"),
    addressesUsed: z.number().int().min(0),
    nextAddress: z.string().nullable().meta({ description: "The next deposit address; null without an xpub." }),
    network: z
      .strictObject({
        chainId: z.number().int(),
        name: z.string(),
        confirmations: z.number().int(),
        watched: z.boolean().meta({
          description: "Whether this server reads the chain (an RPC URL is set); false: simulated payments only.",
        }),
        tokens: z
          .strictObject({
            USDC: z.string().optional(),
            USDT: z.string().optional(),
          })
          .meta({ description: "ERC-20 contract addresses this server knows; a token without one is absent." }),
      })
      .meta({ id: "CryptoSettingsNetwork" }),
    assets: z
      .array(cryptoAssetSchema)
      .meta({ description: "The assets a session of this mode can be paid in on this server." }),
  })
  .meta({ id: "CryptoSettings", description: "What the merchant's crypto checkout runs on in the key's mode." });

// ── Webhook endpoints ───────────────────────────────────────────────────

const eventTypeSchema = z
  .enum(EVENT_TYPE_NAMES)
  .meta({ id: "EventTypeName", description: "An event type Tillpoint sends." });

const webhookEndpointShape = {
  id: z.string().meta({ example: "whep_01KJHF4SFHW93DY4BVF227F33V" }),
  object: z.literal("webhook_endpoint"),
  url: z.string(),
  description: z.string().nullable(),
  events: z
    .union([z.tuple([z.literal("*")]), z.array(eventTypeSchema).min(1)])
    .meta({ description: '`["*"]` for every event type, else the subscribed types.' }),
  status: z.enum(WebhookEndpointStatus),
  disabledReason: z.string().nullable(),
  failingSince: timestamp.nullable(),
  livemode: z.boolean(),
  createdAt: timestamp,
  updatedAt: timestamp,
};

export const webhookEndpointSchema = z.strictObject(webhookEndpointShape).meta({
  id: "WebhookEndpoint",
  description: "A webhook endpoint, never its signing secret. Also the `data.object` of `webhook_endpoint.*` events.",
});

export const webhookEndpointWithSecretSchema = z
  .strictObject({
    ...webhookEndpointShape,
    secret: z.string().meta({ description: "The signing secret, in this answer only." }),
    previousSecretExpiresAt: timestamp.nullable().meta({
      description: "After a rotation: until when the previous secret also signs (24 h). null for a new endpoint.",
    }),
  })
  .meta({ id: "WebhookEndpointWithSecret", description: "The answer of a create or a secret rotation." });

export const webhookEndpointListSchema = cursorListOf(
  webhookEndpointSchema,
  "WebhookEndpointList",
  "Webhook endpoints",
);

export const deletedWebhookEndpointSchema = z
  .strictObject({ id: z.string(), object: z.literal("webhook_endpoint"), deleted: z.literal(true) })
  .meta({ id: "DeletedWebhookEndpoint" });

// ── Deliveries ──────────────────────────────────────────────────────────

export const webhookDeliveryAttemptSchema = z
  .strictObject({
    id: z.string().meta({ example: "wha_01KJHF4SFHW93DY4BVF227F33V" }),
    attemptedAt: timestamp,
    responseStatus: z
      .number()
      .int()
      .nullable()
      .meta({ description: "null: no HTTP answer (refused, timed out, blocked address)." }),
    durationMs: z.number().int(),
    error: z.string().nullable(),
    responseBody: z.string().nullable().meta({ description: "The first KB of the answer." }),
  })
  .meta({ id: "WebhookDeliveryAttempt", description: "One HTTP request made for a delivery." });

export const webhookDeliverySchema = z
  .strictObject({
    id: z.string().meta({ example: "whd_01KJHF4SFHW93DY4BVF227F33V" }),
    object: z.literal("webhook_delivery"),
    endpointId: z.string(),
    eventId: z.string(),
    eventType: eventTypeSchema,
    status: z.enum(WebhookDeliveryStatus).meta({
      description:
        "pending: waiting for an attempt, a retry or a worker's answer · delivered · failed: gave up after the retry window.",
    }),
    attemptCount: z.number().int().min(0),
    nextAttemptAt: timestamp.nullable().meta({ description: "Only while pending (else null)." }),
    retryUntil: timestamp,
    lastAttemptAt: timestamp.nullable(),
    lastResponseStatus: z.number().int().nullable(),
    lastDurationMs: z.number().int().nullable(),
    lastError: z.string().nullable(),
    deliveredAt: timestamp.nullable(),
    createdAt: timestamp,
    attempts: z.array(webhookDeliveryAttemptSchema).meta({ description: "Oldest first." }),
  })
  .meta({ id: "WebhookDelivery", description: "An event sent (or to be sent) to one endpoint, with its attempts." });

export const webhookDeliveryListSchema = cursorListOf(
  webhookDeliverySchema,
  "WebhookDeliveryList",
  "Deliveries to one endpoint",
);

// ── Event objects that only events carry ────────────────────────────────

/** bigints in an event payload are written as strings (record-event.ts stringify). */
const minorUnitsString = z
  .string()
  .regex(/^-?\d+$/)
  .meta({ description: "Minor units of `currency`, as an integer string." });

export const unresolvedChargeSchema = z
  .strictObject({
    id: z.string(),
    object: z.literal("charge"),
    purpose: z.enum(ChargePurpose),
    provider: z.string(),
    amount: minorUnitsString,
    currency: z.string(),
    status: z.enum(ChargeStatus),
    card: z.strictObject({ brand: z.string(), last4: z.string() }),
    card_session_id: z.string().nullable(),
    checkout_session_id: z.string().nullable(),
    subscription_id: z.string().nullable(),
    created_at: timestamp,
    last_error: z.string().nullable(),
    unresolved_since: timestamp.nullable(),
  })
  .meta({
    id: "UnresolvedCharge",
    description: "The `data.object` of `charge.unresolved` (snake_case; amount in minor units).",
  });

export const unresolvedRefundSchema = z
  .strictObject({
    id: z.string(),
    object: z.literal("refund"),
    session_id: z.string(),
    provider: z.string(),
    amount: minorUnitsString,
    currency: z.string(),
    status: z.enum(CardRefundStatus).meta({ description: "The stored (lower-case) status, unlike CardRefund's." }),
    created_at: timestamp,
    last_error: z.string().nullable(),
    unresolved_since: timestamp.nullable(),
  })
  .meta({
    id: "UnresolvedRefund",
    description: "The `data.object` of `refund.unresolved` (snake_case; amount in minor units).",
  });

/**
 * `wallet.balance_updated`: the ledger entry and the account's balance after it
 * (lib/wallet/record-wallet-events.ts recordLedgerEntryEvent). Money as the Lava dialect
 * writes it: a decimal string in major units (formatMinorUnits); a debit is negative.
 */
export const walletBalanceUpdateSchema = z
  .strictObject({
    ledger_entry_id: z.string().meta({ example: "le_01KJHF4SFHW93DY4BVF227F33V" }),
    connection_id: z.string(),
    account: z.enum(LedgerAccount),
    reason: z.enum(LedgerReason).meta({
      description:
        "cycle_expiry / bundle_expiry: unused included or bundle credit removed at a renewal (rollover `none`); " +
        "usage: a metered request's debit.",
    }),
    amount: z
      .string()
      .regex(/^-?\d+(\.\d+)?$/)
      .meta({ description: "The entry, signed.", example: "-1.50" }),
    balance: z
      .string()
      .regex(/^-?\d+(\.\d+)?$/)
      .meta({ description: "The account's balance after it.", example: "23.50" }),
    currency: z.string(),
    checkout_session_id: z.string().nullable(),
    subscription_id: z.string().nullable(),
    created_at: timestamp,
  })
  .meta({ id: "WalletBalanceUpdate", description: "The `data.object` of `wallet.balance_updated`." });

// ── Events ──────────────────────────────────────────────────────────────

const eventVariant = <const Types extends readonly [EventType, ...EventType[]], Obj extends z.ZodType>(
  id: string,
  types: Types,
  object: Obj,
) =>
  z
    .strictObject({
      id: z.string().meta({ example: "evt_01KJHF4SFHW93DY4BVF227F33V" }),
      object: z.literal("event"),
      type: z.enum(types),
      version: z.literal(EVENT_VERSION),
      created_at: timestamp,
      livemode: z.boolean(),
      data: z.strictObject({ object }),
    })
    .meta({ id, description: `An event of type ${types.join(", ")}.` });

const CRYPTO_EVENTS = [
  "crypto_checkout.pending",
  "crypto_checkout.completed",
  "crypto_checkout.expired",
  "crypto_checkout.canceled",
  "crypto_checkout.reopened",
  "crypto_checkout.updated",
] as const;
const CARD_SESSION_EVENTS = ["session.completed", "session.failed", "session.expired", "session.cancelled"] as const;
const CARD_REFUND_EVENTS = ["refund.completed", "refund.failed"] as const;
const ENDPOINT_EVENTS = ["webhook_endpoint.disabled", "webhook_endpoint.test"] as const;
const WALLET_CHECKOUT_EVENTS = [
  "checkout_session.completed",
  "checkout_session.expired",
  "checkout_session.locked",
] as const;
const WALLET_CONNECTION_EVENTS = ["connection.created", "connection.deleted"] as const;
const WALLET_SUBSCRIPTION_EVENTS = ["subscription.created", "subscription.renewed", "subscription.cancelled"] as const;

// Every event type is in exactly one variant (checked at compile time).
type Covered =
  | (typeof CRYPTO_EVENTS)[number]
  | (typeof CARD_SESSION_EVENTS)[number]
  | (typeof CARD_REFUND_EVENTS)[number]
  | (typeof ENDPOINT_EVENTS)[number]
  | (typeof WALLET_CHECKOUT_EVENTS)[number]
  | (typeof WALLET_CONNECTION_EVENTS)[number]
  | (typeof WALLET_SUBSCRIPTION_EVENTS)[number]
  | "wallet.balance_updated"
  | "request.completed"
  | "wallet.low_balance"
  | "charge.unresolved"
  | "refund.unresolved";
const _everyTypeCovered: Record<Exclude<EventType, Covered>, never> = {};
void _everyTypeCovered;

export const cryptoCheckoutEventSchema = eventVariant(
  "CryptoCheckoutEvent",
  CRYPTO_EVENTS,
  cryptoCheckoutSessionSchema,
);
export const cardSessionEventSchema = eventVariant("CardSessionEvent", CARD_SESSION_EVENTS, cardSessionSchema);
export const cardRefundEventSchema = eventVariant("CardRefundEvent", CARD_REFUND_EVENTS, cardRefundSchema);
export const chargeUnresolvedEventSchema = eventVariant(
  "ChargeUnresolvedEvent",
  ["charge.unresolved"],
  unresolvedChargeSchema,
);
export const refundUnresolvedEventSchema = eventVariant(
  "RefundUnresolvedEvent",
  ["refund.unresolved"],
  unresolvedRefundSchema,
);
export const webhookEndpointEventSchema = eventVariant("WebhookEndpointEvent", ENDPOINT_EVENTS, webhookEndpointSchema);
export const walletCheckoutSessionEventSchema = eventVariant(
  "WalletCheckoutSessionEvent",
  WALLET_CHECKOUT_EVENTS,
  walletCheckoutSession,
);
export const walletConnectionEventSchema = eventVariant(
  "WalletConnectionEvent",
  WALLET_CONNECTION_EVENTS,
  walletConnection,
);
export const walletSubscriptionEventSchema = eventVariant(
  "WalletSubscriptionEvent",
  WALLET_SUBSCRIPTION_EVENTS,
  walletSubscription,
);
export const walletBalanceUpdatedEventSchema = eventVariant(
  "WalletBalanceUpdatedEvent",
  ["wallet.balance_updated"],
  walletBalanceUpdateSchema,
);
export const walletRequestEventSchema = eventVariant("WalletRequestEvent", ["request.completed"], walletRequest);
export const walletLowBalanceEventSchema = eventVariant(
  "WalletLowBalanceEvent",
  ["wallet.low_balance"],
  walletLowBalance,
);

export const eventSchema = z
  .discriminatedUnion("type", [
    cryptoCheckoutEventSchema,
    cardSessionEventSchema,
    cardRefundEventSchema,
    chargeUnresolvedEventSchema,
    refundUnresolvedEventSchema,
    webhookEndpointEventSchema,
    walletCheckoutSessionEventSchema,
    walletConnectionEventSchema,
    walletSubscriptionEventSchema,
    walletBalanceUpdatedEventSchema,
    walletRequestEventSchema,
    walletLowBalanceEventSchema,
  ])
  .meta({
    id: "Event",
    description:
      "An event exactly as webhook receivers get it (the stored payload, byte for byte). `data.object` is the object as its dialect's API showed it when the event was recorded; its shape depends on `type`.",
  });

export const eventListSchema = cursorListOf(eventSchema, "EventList", "Events");

// ── Event types ─────────────────────────────────────────────────────────

export const eventTypeListSchema = z
  .strictObject({
    data: z
      .array(
        z
          .strictObject({ type: eventTypeSchema, description: z.string() })
          .meta({ id: "EventTypeInfo", description: "An event type and what it means." }),
      )
      .length(EVENT_TYPE_NAMES.length)
      .meta({
        description: `Every event type, in the order of lib/event-types.ts (${Object.keys(EVENT_TYPES).length} today).`,
      }),
  })
  .meta({
    id: "EventTypeList",
    description: "Every event type an endpoint can subscribe to: `{data}` only (not paginated).",
  });
