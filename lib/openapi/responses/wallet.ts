// Response schemas of the wallet dialect (Lava-style API, app/v1/**): exactly
// the JSON the producers in lib/wallet/wallet-json.ts return, plus the list
// envelope of lib/api/pagination.ts (cursorList) and the `{success: true}` of
// the two DELETEs.
//
// Conventions, as the code produces them (lib/wallet/wallet-json.ts):
//   - money is a decimal string with exactly the currency's places; the
//     wallet dialect is USD only (every write sets WALLET_CURRENCY), so two
//     places: "10.00". Never negative: balances are ledger sums and a CHECK
//     keeps every ledger balance >= 0; amounts are > 0 (included_credit >= 0).
//   - timestamps are `Date#toISOString()`: ISO 8601 UTC with milliseconds and
//     "Z" ("2026-01-31T12:00:00.000Z").
//   - absent values are `null`, never a missing key: no field is `.optional()`.
//
// Objects are strict (additionalProperties: false in the JSON Schema, and a
// zod parse fails on an unknown key): an undocumented field fails validation.
// z.strictObject rather than z.object because a plain z.object *strips*
// unknown keys when parsed with zod (it only says additionalProperties:false
// in the rendered output JSON Schema); see wallet-NOTES.md.

import { z } from "zod";

// ── Scalars ────────────────────────────────────────────────────────────────

/** lib/ids.ts: prefix, optional mode infix, ULID (Crockford base32, 26 chars). */
const ULID = "[0-9A-HJKMNP-TV-Z]{26}";

/** Ids whose prefix carries the mode (`cs_test_…`, `con_live_…`). */
const modeId = (prefix: string, description: string) =>
  z
    .string()
    .regex(new RegExp(`^${prefix}_(test|live)_${ULID}$`))
    .meta({ description, examples: [`${prefix}_test_01KJHF4SFHW93DY4BVF227F33V`] });

/** Ids without a mode infix (`sc_…`, `cb_…`, `sub_…`, `mer_…`). */
const plainId = (prefix: string, description: string) =>
  z
    .string()
    .regex(new RegExp(`^${prefix}_${ULID}$`))
    .meta({ description, examples: [`${prefix}_01KJHF4SFHW93DY4BVF227F33V`] });

const checkoutSessionId = modeId("cs", "Checkout session id.");
const connectionId = modeId("con", "Connection (customer wallet) id.");
const subscriptionConfigId = plainId("sc", "Subscription config (plan) id.");
const creditBundleId = plainId("cb", "Credit bundle id.");
const subscriptionId = plainId("sub", "Subscription id.");
const merchantId = plainId("mer", "Merchant id.");

/** formatMinorUnits(cents, "USD"): always two decimals, never negative. */
const usd = (description: string) =>
  z
    .string()
    .regex(/^\d+\.\d{2}$/)
    .meta({ description: `${description} USD, a decimal string with two places.`, examples: ["10.00"] });

/** `Date#toISOString()`: always UTC with "Z". */
const timestamp = (description: string) =>
  z.iso.datetime().meta({ description, examples: ["2026-01-31T12:00:00.000Z"] });

/** Every wallet object is in USD (lib/schemas/wallet.ts WALLET_CURRENCY); the column is read back as stored. */
const currency = z.literal("USD").meta({ description: "ISO 4217 currency code; the wallet dialect is USD only." });

// Enums: Prisma enums (prisma/schema.prisma) and lib/schemas/wallet.ts.
export const walletCheckoutMode = z
  .enum(["onboarding", "topup", "subscription", "credit_bundle"])
  .meta({ id: "WalletCheckoutMode", description: "What completing the checkout does." });

export const walletCheckoutStatus = z.enum(["open", "completed", "expired", "locked"]).meta({
  id: "WalletCheckoutStatus",
  description:
    "`expired`: an open session past `expires_at` (computed on read; a background sweep also stores it). " +
    "`locked`: an open session that had too many failed payment attempts and can no longer be paid " +
    "(an extension of Lava's states).",
});

export const walletBillingInterval = z
  .enum(["day", "week", "month", "year"])
  .meta({ id: "WalletBillingInterval", description: "How often a subscription renews." });

export const walletRolloverType = z.enum(["full", "none"]).meta({
  id: "WalletRolloverType",
  description: "`full`: unused credit carries over to the next cycle; `none`: it expires at the cycle's end.",
});

export const walletSubscriptionStatus = z
  .enum(["active", "cancelled"])
  .meta({ id: "WalletSubscriptionStatus", description: "Cancellation is immediate: there is no pending state." });

// ── Checkout sessions ──────────────────────────────────────────────────────

/** checkoutSessionJson (lib/wallet/wallet-json.ts). */
export const walletCheckoutSession = z
  .strictObject({
    checkout_session_id: checkoutSessionId,
    checkout_session_token: z
      .string()
      .regex(/^[A-Za-z0-9+/]+={0,2}$/)
      .meta({
        description:
          'Base64 (standard alphabet, padded) of the JSON `{"secret":"css_<mode>_…","base":"<PUBLIC_BASE_URL>/"}`, ' +
          "which the Lava front-end hook decodes to open the hosted page. The secret can pay this session only.",
      }),
    checkout_mode: walletCheckoutMode,
    status: walletCheckoutStatus,
    origin_url: z.url().meta({ description: "Origin of the page that opens the checkout, as it was sent." }),
    connection_id: connectionId.nullable().meta({
      description:
        "The connection the session was created for (topup, credit_bundle, optionally subscription); " +
        "once completed, the connection it funded or created (an onboarding sets it on completion).",
    }),
    subscription_config_id: subscriptionConfigId.nullable(),
    credit_bundle_id: creditBundleId.nullable(),
    reference_id: z
      .string()
      .nullable()
      .meta({ description: "Your own reference (trimmed, 1–255 characters), or null." }),
    locale: z
      .string()
      .nullable()
      .meta({
        description:
          "The hosted page's language as it was sent at creation (not canonicalized: `en_AU` stays `en_AU`), or null. " +
          "An extension of the dialect.",
      }),
    amount: usd("The amount charged, set when the session completes; null before.").nullable(),
    currency,
    created_at: timestamp("When the session was created."),
    expires_at: timestamp("When the session stops being payable (24 h after creation)."),
    completed_at: timestamp("When the session completed.").nullable(),
  })
  .meta({
    id: "WalletCheckoutSession",
    description:
      "A hosted wallet checkout (Lava's RestCheckoutSession, plus `status`, `credit_bundle_id`, `reference_id`, " +
      "`locale`, `amount`, `currency` and `expires_at`).",
  });

// ── Plans and bundles ──────────────────────────────────────────────────────

/** creditBundleJson. */
export const walletCreditBundle = z
  .strictObject({
    credit_bundle_id: creditBundleId,
    subscription_config_id: subscriptionConfigId,
    name: z.string().meta({ description: "The bundle's name (1–200 characters)." }),
    cost: usd("What the subscriber pays for the bundle."),
    credit_amount: usd("The credit the bundle grants."),
    created_at: timestamp("When the bundle was created."),
  })
  .meta({
    id: "WalletCreditBundle",
    description: "A credit pack that subscribers of one plan can buy (Lava's RestCreditBundle).",
  });

/** The bundles embedded in a subscription config: creditBundleJson without subscription_config_id and created_at. */
export const walletSubscriptionConfigCreditBundle = z
  .strictObject({
    credit_bundle_id: creditBundleId,
    name: z.string(),
    cost: usd("What the subscriber pays for the bundle."),
    credit_amount: usd("The credit the bundle grants."),
  })
  .meta({
    id: "WalletSubscriptionConfigCreditBundle",
    description: "A credit bundle as listed in its plan (Lava's RestSubscriptionConfigCreditBundle).",
  });

const meterId = plainId("mtr", "Meter id.");

export const walletMeterTier = z
  .strictObject({
    start: z.int().min(0).meta({
      description:
        "Where the tier starts, in the unit its type counts (tokens, characters, seconds, requests); the first is 0.",
    }),
    rate: z
      .string()
      .regex(/^\d{1,12}(\.\d{1,12})?$/)
      .meta({
        description:
          "The tier's rate, a decimal string as it was set (exact): USD per million tokens or characters, per minute " +
          "or per request for a `fixed` meter; a percentage of the base cost for a `percentage` one.",
        examples: ["2.50"],
      }),
    type: z.enum(["tokens_1m", "characters_1m", "minutes", "requests"]).meta({
      description: "What the rate is per. Every tier of a meter has the same type.",
    }),
  })
  .meta({ id: "WalletMeterTier", description: "One tier of a meter (Lava's RestMeterTier)." });

export const walletMeter = z
  .strictObject({
    meter_id: meterId,
    meter_slug: z
      .string()
      .meta({ description: "The meter's handle in a metered request; unique per merchant and mode." }),
    name: z.string().meta({ description: "The meter's name (1–200 characters)." }),
    rate_type: z.enum(["fixed", "percentage"]),
    token_basis: z
      .enum(["input+output", "output"])
      .meta({ description: "Which of a request's usage the tiers count." }),
    base_cost_payer: z.enum(["merchant", "wallet"]),
    service_charge_payer: z.enum(["merchant", "wallet"]),
    tiers: z.array(walletMeterTier).min(1).meta({ description: "By `start`, ascending." }),
    created_at: timestamp("When the meter was created."),
  })
  .meta({ id: "WalletMeter", description: "What metered usage is priced by (Lava's RestMeter)." });

/** An exact amount: a decimal string with 2 to 12 places (README "Metered requests"). */
const exactUsd = (description: string) =>
  z
    .string()
    .regex(/^\d+\.\d{2,12}$/)
    .meta({ description: `${description} USD, exact: two to twelve places.`, examples: ["0.00015"] });
const payer = z.enum(["wallet", "merchant"]);
const count = (description: string) => z.int().min(0).meta({ description });
const seconds = (description: string) =>
  z
    .number()
    .min(0)
    .meta({ description: `${description} To the thousandth.` });

export const walletRequest = z
  .strictObject({
    request_id: z.string().meta({ description: "Your id for the request: its idempotency key (1–255 characters)." }),
    status: z.literal("completed").meta({ description: "A recorded request is paid: always `completed`." }),
    connection_id: connectionId,
    meter_id: meterId,
    provider: z.literal("merchant").meta({ description: "Recorded by you, not forwarded by Tillpoint." }),
    provider_key_type: z.literal("unmanaged"),
    endpoint: z.literal("/v1/requests"),
    model_usage: z.strictObject({
      input_tokens: count("Input tokens."),
      output_tokens: count("Output tokens."),
      total_tokens: count("Input plus output tokens."),
      input_characters: count("Input characters."),
      output_characters: count("Output characters."),
      total_characters: count("Input plus output characters."),
      input_seconds: seconds("Input seconds."),
      output_seconds: seconds("Output seconds."),
      total_seconds: seconds("Input plus output seconds."),
      input_cost: exactUsd("The base cost of the input, as you reported it (`input_cost`)."),
      output_cost: exactUsd("The base cost of the output, as you reported it (`output_cost`)."),
      total_cost: exactUsd("The base cost."),
      payer: payer.meta({ description: "Who pays the base cost: the meter's `base_cost_payer`." }),
    }),
    fee: z.strictObject({
      amount: exactUsd("The fee: the sum of the breakdown's costs; the wallet pays it."),
      rate_type: z.enum(["fixed", "percentage"]),
      token_basis: z.enum(["input+output", "output"]),
      breakdown: z
        .array(
          z
            .strictObject({
              tier: walletMeterTier,
              tokens: count("Tokens this tier priced (a `requests` tier: the request's)."),
              characters: count("Characters this tier priced (a `requests` tier: the request's)."),
              seconds: seconds("Seconds this tier priced (a `requests` tier: the request's)."),
              cost: exactUsd("This tier's part of the fee, rounded half up to 12 places."),
            })
            .meta({ id: "WalletRequestFeeLine", description: "The part of a request one tier priced." }),
        )
        .min(1)
        .meta({ description: "One line per tier the request's units fell in, in tier order." }),
    }),
    service_charge: z.strictObject({
      amount: exactUsd("The operator's service charge (WALLET_SERVICE_CHARGE_PERCENT of base cost plus fee)."),
      payer: payer.meta({ description: "The meter's `service_charge_payer`." }),
    }),
    total_request_cost: exactUsd("Base cost, fee and service charge."),
    total_wallet_cost: exactUsd("What the connection's balances paid."),
    total_merchant_cost: exactUsd("What the merchant bears."),
    currency,
    metadata: z.record(z.string(), z.string()).meta({ description: "Your metadata, as sent." }),
    timestamp: timestamp("When it was recorded."),
    created_at: timestamp("When it was recorded."),
  })
  .meta({ id: "WalletRequest", description: "A metered request, priced and paid (Lava's RestRequest)." });

const usageSums = {
  total_requests: count("Requests."),
  total_usage_tokens: count("Input plus output tokens."),
  total_usage_cost: exactUsd("Base costs."),
  total_fee_amount: exactUsd("Fees."),
  total_service_charge_amount: exactUsd("Service charges."),
  total_request_cost: exactUsd("Base costs, fees and service charges."),
  total_wallet_cost: exactUsd("What the wallets paid."),
  total_merchant_cost: exactUsd("What the merchant bore."),
  total_gross_volume: exactUsd("What the wallets paid (the same as total_wallet_cost)."),
  total_net_volume: z
    .string()
    .regex(/^-?\d+\.\d{2,12}$/)
    .meta({
      description: "What the merchant keeps: the fees less what the merchant bore, USD, exact (negative at a loss).",
      examples: ["0.00015"],
    }),
};

export const walletUsage = z
  .strictObject({
    items: z
      .array(
        z
          .strictObject({
            date: z.iso.date().meta({ description: "The UTC day." }),
            start: timestamp("Where this item starts: the day's start, or the range's."),
            end: timestamp("Where this item ends: the next day's start, or the range's end."),
            ...usageSums,
          })
          .meta({ id: "WalletUsageItem", description: "One UTC day of metered requests." }),
      )
      .meta({ description: "Every UTC day the range touches, oldest first; a day without requests has zeros." }),
    totals: z.strictObject(usageSums).meta({ id: "WalletUsageTotals", description: "The whole range." }),
  })
  .meta({ id: "WalletUsage", description: "Metered usage per day (Lava's RestUsage)." });

export const walletSettings = z
  .strictObject({
    low_balance_threshold: z
      .string()
      .regex(/^\d+\.\d{2}$/)
      .nullable()
      .meta({ description: "`wallet.low_balance` below this spendable balance, USD; null: off.", examples: ["5.00"] }),
    currency,
  })
  .meta({ id: "WalletSettings", description: "The mode's wallet settings (ours)." });

/** The `data.object` of `wallet.low_balance`. */
export const walletLowBalance = z
  .strictObject({
    connection_id: connectionId,
    spendable_balance: usd("What the connection can spend now (wallet, cycle and bundle credit)."),
    low_balance_threshold: usd("The threshold it fell below."),
    currency,
    request_id: z.string().meta({ description: "The metered request that took it below." }),
  })
  .meta({ id: "WalletLowBalance", description: "The `data.object` of `wallet.low_balance`." });

export const walletSubscriptionConfigLinkedMeter = z
  .strictObject({ meter_id: meterId, name: z.string().meta({ description: "The meter's name." }) })
  .meta({
    id: "WalletSubscriptionConfigLinkedMeter",
    description: "A meter of the plan (Lava's RestSubscriptionConfigLinkedMeter).",
  });

/** planJson: the plan's terms, shared by subscription configs and subscriptions. */
const planFields = {
  name: z.string().meta({ description: "The plan's name (1–200 characters)." }),
  period_amount: usd("The price of one billing period."),
  included_credit: usd("Credit granted at the start of each cycle."),
  billing_interval: walletBillingInterval,
  rollover_type: walletRolloverType.meta({ description: "What happens to unused included credit at a cycle's end." }),
  bundle_rollover_type: walletRolloverType.meta({
    description: "What happens to unused bundle credit at a cycle's end.",
  }),
};

export const walletSubscriptionPlan = z
  .strictObject(planFields)
  .meta({ id: "WalletSubscriptionPlan", description: "A subscription's plan terms (Lava's RestSubscriptionPlan)." });

/** subscriptionConfigJson. */
export const walletSubscriptionConfig = z
  .strictObject({
    subscription_config_id: subscriptionConfigId,
    merchant_id: merchantId,
    ...planFields,
    linked_meters: z.array(walletSubscriptionConfigLinkedMeter).meta({
      description: "The plan's meters (set with `linked_meter_ids`), by meter id.",
    }),
    credit_bundles: z.array(walletSubscriptionConfigCreditBundle).meta({
      description: "Every credit bundle of this plan, oldest first.",
    }),
    created_at: timestamp("When the plan was created."),
  })
  .meta({
    id: "WalletSubscriptionConfig",
    description:
      "A subscription plan: price, interval, included credit, rollover (Lava's RestSubscriptionConfig). " +
      "Edits apply to new subscriptions and to the next cycle of current ones.",
  });

// ── Subscriptions ──────────────────────────────────────────────────────────

export const walletSubscriptionCredits = z
  .strictObject({
    total_remaining: usd("cycle_remaining + bundle_remaining."),
    cycle_remaining: usd("Included credit left in this cycle."),
    bundle_remaining: usd("Credit left from bought bundles."),
  })
  .meta({
    id: "WalletSubscriptionCredits",
    description: "The connection's credit balances (derived from its ledger) (Lava's RestSubscriptionCredits).",
  });

/** subscriptionBaseJson: GET /v1/connections/{id}/subscription's shape. */
const subscriptionBaseFields = {
  subscription_id: subscriptionId,
  subscription_config_id: subscriptionConfigId,
  status: walletSubscriptionStatus,
  started_at: timestamp("When the subscription started."),
  cancelled_at: timestamp("When it was cancelled; null while active.").nullable(),
  cycle_start_at: timestamp("Start of the current (or, once cancelled, the last) billing cycle."),
  cycle_end_at: timestamp("End of the current (or last) billing cycle: the next renewal while active."),
  plan: walletSubscriptionPlan,
  credits: walletSubscriptionCredits,
  pending_change: z.null().meta({
    description:
      "Always null: cancellation is immediate and plan edits apply only to new cycles, so nothing is ever pending " +
      "(Lava's RestPendingChange | null).",
  }),
};

export const walletSubscriptionBase = z.strictObject(subscriptionBaseFields).meta({
  id: "WalletSubscriptionBase",
  description: "A subscription without its owner (Lava's RestSubscriptionBase).",
});

/** customerJson: the connection's customer, all four always set (the hosted form requires them). */
export const walletCustomer = z
  .strictObject({
    phone: z.string().meta({ description: "E.164, e.g. +14155550123." }),
    email: z.string().meta({ description: "The customer's email address." }),
    first_name: z.string(),
    last_name: z.string(),
  })
  .meta({
    id: "WalletCustomer",
    description:
      "The customer of a connection (Lava's RestConnectionCustomer; also used where Lava's RestSubscriptionCustomer " +
      "has optional fields: here all four are always present).",
  });

/** subscriptionJson: the base plus whose subscription it is. */
export const walletSubscription = z
  .strictObject({
    ...subscriptionBaseFields,
    connection_id: connectionId,
    customer: walletCustomer,
  })
  .meta({
    id: "WalletSubscription",
    description: "A subscription with its connection and customer (Lava's RestSubscription).",
  });

/** GET /v1/connections/{id}/subscription. */
export const walletConnectionSubscriptionResponse = z
  .strictObject({
    subscription: walletSubscriptionBase.nullable().meta({
      description: "The connection's active subscription, or null when it has none.",
    }),
  })
  .meta({
    id: "WalletConnectionSubscriptionResponse",
    description: "A connection's active subscription (Lava's RestConnectionSubscriptionResponse).",
  });

// ── Connections ────────────────────────────────────────────────────────────

/** connectionJson's `subscription`: only the active subscription is ever loaded (connectionInclude). */
export const walletConnectionSubscription = z
  .strictObject({
    subscription_id: subscriptionId,
    subscription_config_id: subscriptionConfigId,
    name: z.string().meta({ description: "The plan's name." }),
    status: z.literal("active").meta({
      description:
        "Always `active`: a connection shows only its active subscription (Lava's type also allows `cancelled`).",
    }),
  })
  .meta({
    id: "WalletConnectionSubscription",
    description: "Summary of a connection's active subscription (Lava's RestConnectionSubscription).",
  });

/** connectionJson. */
export const walletConnection = z
  .strictObject({
    connection_id: connectionId,
    has_lava_credit_balance: z.boolean().meta({
      description:
        "Whether anything is spendable: the wallet, the cycle's included credit or bundle credit above zero.",
    }),
    customer: walletCustomer,
    subscription: walletConnectionSubscription
      .nullable()
      .meta({ description: "The active subscription, or null when there is none." }),
    balance: usd("The wallet balance (funding and top-ups; excludes subscription credit)."),
    currency,
    created_at: timestamp("When the connection was created (by a completed onboarding or subscription checkout)."),
  })
  .meta({
    id: "WalletConnection",
    description: "A customer's wallet at this merchant (Lava's RestConnection, plus `balance` and `currency`).",
  });

// ── Other answers ──────────────────────────────────────────────────────────

/** DELETE /v1/connections/{id}, DELETE /v1/subscriptions/{id}. */
export const walletSuccess = z.strictObject({ success: z.literal(true) }).meta({
  id: "WalletSuccess",
  description: "The deletion or cancellation is done (repeating a cancellation is harmless).",
});

// ── Lists ──────────────────────────────────────────────────────────────────

/**
 * lib/api/pagination.ts cursorList: `{data, has_more, next_cursor}`, newest first.
 * `next_cursor` is the id of the page's last item when `has_more`, else null
 * (present as null, never absent); pass it back as `?cursor=`.
 */
export const cursorListOf = <Item extends z.ZodType>(item: Item, id: string) =>
  z
    .strictObject({
      data: z.array(item).meta({ description: "This page's items, newest first (at most `limit`)." }),
      has_more: z.boolean().meta({ description: "Whether another page follows." }),
      next_cursor: z.string().nullable().meta({
        description: "When `has_more`: the id of this page's last item, to send as `cursor`. Otherwise null.",
      }),
    })
    .meta({ id, description: `A page of ${item.meta()?.id ?? "items"}, newest first.` });

export const walletCheckoutSessionList = cursorListOf(walletCheckoutSession, "WalletCheckoutSessionList");
export const walletConnectionList = cursorListOf(walletConnection, "WalletConnectionList");
export const walletCreditBundleList = cursorListOf(walletCreditBundle, "WalletCreditBundleList");
export const walletMeterList = cursorListOf(walletMeter, "WalletMeterList");
export const walletRequestList = cursorListOf(walletRequest, "WalletRequestList");
export const walletSubscriptionConfigList = cursorListOf(walletSubscriptionConfig, "WalletSubscriptionConfigList");
export const walletSubscriptionList = cursorListOf(walletSubscription, "WalletSubscriptionList");
