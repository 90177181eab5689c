// OpenAPI paths of the wallet dialect (Lava-style API): every route under
// app/v1/ except the catch-all app/v1/[...path] (a JSON 404 for any other
// /v1/ path and method).
//
// Every route goes through withMerchant (lib/api/with-merchant.ts):
//   Authorization: Bearer sk_… (an API key; a JWT is refused with 401 here),
//   the per-key rate limit (429 + Retry-After), the 64 KiB JSON body
//   (413 / 415 / 400 invalid_json), zod validation of body and query (400
//   parameter_missing / parameter_invalid, `param` names the field), and on
//   POST only an optional Idempotency-Key (1–255 chars, else 400): 409
//   idempotency_key_in_use (+ Retry-After: 1), 422 idempotency_key_reused,
//   and a replay of the first answer with `Idempotent-Replayed: true`.
//   PATCH and DELETE never look at Idempotency-Key.
// Every response, error or not, carries X-Request-Id.
// Methods a path does not have answer 405 method_not_allowed with `Allow`
// (lib/api/route.ts apiRoute); not listed per operation.
//
// Request schemas are the routes' own (lib/schemas/wallet.ts, lib/pagination.ts),
// imported exactly as the routes import them. zod-openapi renders request
// schemas in the input context: for schemas with a `.transform` (the money
// fields, usdAmount in lib/schemas/wallet.ts: "10.00" → 1000n cents) the
// document shows what the client sends (a decimal string), which is right.

import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { cursorListQuery } from "@/lib/pagination";
import {
  createCheckoutSessionBody,
  createCreditBundleBody,
  createMeterBody,
  createRequestBody,
  createSubscriptionConfigBody,
  listCheckoutSessionsQuery,
  listCreditBundlesQuery,
  listMetersQuery,
  listRequestsQuery,
  listSubscriptionsQuery,
  MAX_USAGE_DAYS,
  updateCreditBundleBody,
  updateMeterBody,
  updateSubscriptionConfigBody,
  usageQuery,
  walletSettingsBody,
} from "@/lib/schemas/wallet";
import { errors, responseHeaders } from "../common";
import {
  walletCheckoutSession,
  walletCheckoutSessionList,
  walletConnection,
  walletConnectionList,
  walletConnectionSubscriptionResponse,
  walletCreditBundle,
  walletCreditBundleList,
  walletMeter,
  walletMeterList,
  walletRequest,
  walletRequestList,
  walletSettings,
  walletSubscription,
  walletSubscriptionConfig,
  walletSubscriptionConfigList,
  walletSubscriptionList,
  walletSuccess,
  walletUsage,
} from "../responses/wallet";

const TAGS = ["Wallet (Lava)"];
const SECURITY = [{ apiKey: [] }];

/** withMerchant reads it on POST only, optional on every wallet route (parseIdempotencyKey). */
const idempotencyHeader = z.object({
  "idempotency-key": z
    .string()
    .min(1)
    .max(255)
    .optional()
    .meta({
      description:
        "Makes the POST safe to retry for 24 h: the same key with the same request replays the first answer " +
        "(with `Idempotent-Replayed: true`); with a different request it is a 422; while the first still runs, a 409. " +
        "Answers with status 400 or 5xx are not kept, so a fixed request may reuse the key.",
    }),
});

/**
 * The `{id}` of a path. Any string is accepted: a malformed id, another
 * merchant's object, the other mode's object and a missing one are the same
 * 404 (lib/wallet/get-wallet-objects.ts), never a 400.
 */
const idPath = (description: string, example: string) =>
  z.object({ id: z.string().meta({ description, examples: [example] }) });

const checkoutSessionIdPath = idPath(
  "Checkout session id (`cs_test_…` / `cs_live_…`).",
  "cs_test_01KJHF4SFHW93DY4BVF227F33V",
);
const connectionIdPath = idPath("Connection id (`con_test_…` / `con_live_…`).", "con_test_01KJHF4SFHW93DY4BVF227F33V");
const subscriptionConfigIdPath = idPath("Subscription config id (`sc_…`).", "sc_01KJHF4SFHW93DY4BVF227F33V");
const creditBundleIdPath = idPath("Credit bundle id (`cb_…`).", "cb_01KJHF4SFHW93DY4BVF227F33V");
const meterIdPath = idPath("Meter id (`mtr_…`).", "mtr_01KJHF4SFHW93DY4BVF227F33V");
const subscriptionIdPath = idPath("Subscription id (`sub_…`).", "sub_01KJHF4SFHW93DY4BVF227F33V");

const json = <Schema extends z.ZodType>(schema: Schema) => ({ "application/json": { schema } });

// ── Operation pieces shared by the POST-or-PATCH edits ──────────────────────

const updateMeter = (method: "POST" | "PATCH") => ({
  operationId: method === "POST" ? "walletUpdateMeter" : "walletPatchMeter",
  summary: method === "POST" ? "Edit a meter" : "Edit a meter (PATCH)",
  description:
    "Ours (the dialect's API only reads meters). Changes only the fields sent; `tiers` replaces them all. A " +
    "`meter_slug` another meter of this mode has is a 409 `resource_exists`. POST and PATCH are the same edit" +
    (method === "POST" ? "; POST also honours Idempotency-Key." : "; PATCH ignores Idempotency-Key."),
  tags: TAGS,
  security: SECURITY,
  requestParams: method === "POST" ? { path: meterIdPath, header: idempotencyHeader } : { path: meterIdPath },
  requestBody: { required: false, content: json(updateMeterBody) },
  responses: {
    "200": { description: "The edited meter.", headers: responseHeaders, content: json(walletMeter) },
    ...(method === "POST"
      ? errors(400, 401, 404, 409, 413, 415, 422, 429, 500)
      : errors(400, 401, 404, 409, 413, 415, 429, 500)),
  },
});

const updateCreditBundle = (method: "POST" | "PATCH") => ({
  operationId: method === "POST" ? "walletUpdateCreditBundle" : "walletPatchCreditBundle",
  summary: method === "POST" ? "Edit a credit bundle" : "Edit a credit bundle (PATCH)",
  description:
    "Changes only the fields sent; an empty or absent body changes nothing and answers the bundle. " +
    "POST and PATCH are the same edit" +
    (method === "POST" ? "; POST also honours Idempotency-Key." : "; PATCH ignores Idempotency-Key."),
  tags: TAGS,
  security: SECURITY,
  requestParams:
    method === "POST" ? { path: creditBundleIdPath, header: idempotencyHeader } : { path: creditBundleIdPath },
  // updateCreditBundleBody: strict; `cost` and `credit_amount` go through usdAmount's `.transform` (→ cents).
  requestBody: { required: false, content: json(updateCreditBundleBody) },
  responses: {
    "200": { description: "The edited credit bundle.", headers: responseHeaders, content: json(walletCreditBundle) },
    ...(method === "POST"
      ? errors(400, 401, 404, 409, 413, 415, 422, 429, 500)
      : errors(400, 401, 404, 413, 415, 429, 500)),
  },
});

const updateSubscriptionConfig = (method: "POST" | "PATCH") => ({
  operationId: method === "POST" ? "walletUpdateSubscriptionConfig" : "walletPatchSubscriptionConfig",
  summary: method === "POST" ? "Edit a subscription config" : "Edit a subscription config (PATCH)",
  description:
    "Changes only the fields sent; an empty or absent body changes nothing and answers the plan. Changes apply to " +
    "new subscriptions and to the next cycle of current ones. POST and PATCH are the same edit" +
    (method === "POST" ? "; POST also honours Idempotency-Key." : "; PATCH ignores Idempotency-Key."),
  tags: TAGS,
  security: SECURITY,
  requestParams:
    method === "POST"
      ? { path: subscriptionConfigIdPath, header: idempotencyHeader }
      : { path: subscriptionConfigIdPath },
  // updateSubscriptionConfigBody: strict, every field optional; `period_amount` and `included_credit` go through
  // usdAmount's `.transform` (→ cents).
  requestBody: { required: false, content: json(updateSubscriptionConfigBody) },
  responses: {
    "200": {
      description: "The edited subscription config.",
      headers: responseHeaders,
      content: json(walletSubscriptionConfig),
    },
    ...(method === "POST"
      ? errors(400, 401, 404, 409, 413, 415, 422, 429, 500)
      : errors(400, 401, 404, 413, 415, 429, 500)),
  },
});

// ── Paths ──────────────────────────────────────────────────────────────────

export const walletPaths: ZodOpenApiPathsObject = {
  "/v1/checkout_sessions": {
    get: {
      operationId: "walletListCheckoutSessions",
      summary: "List checkout sessions",
      description: "Newest first, optionally only those with a `reference_id`.",
      tags: TAGS,
      security: SECURITY,
      requestParams: { query: listCheckoutSessionsQuery },
      responses: {
        "200": {
          description: "A page of checkout sessions.",
          headers: responseHeaders,
          content: json(walletCheckoutSessionList),
        },
        ...errors(400, 401, 429, 500),
      },
    },
    post: {
      operationId: "walletCreateCheckoutSession",
      summary: "Create a checkout session",
      description:
        "Which ids a mode takes: onboarding none; topup `connection_id`; subscription `subscription_config_id` " +
        "(and optionally `connection_id`, which must have no active subscription); credit_bundle `connection_id` and " +
        "`credit_bundle_id` (the connection must have an active subscription to the bundle's plan). A missing id is a " +
        "400 parameter_missing, an id the mode does not use a 400 parameter_invalid, an unknown or foreign id a 404 " +
        "naming it in `param`, a subscription or bundle the connection's state does not allow a 409 state_conflict. " +
        "In live mode `origin_url` must be https:.",
      tags: TAGS,
      security: SECURITY,
      requestParams: { header: idempotencyHeader },
      // createCheckoutSessionBody: strict (unknown fields → 400); no `.transform` (only `.trim()` on reference_id).
      requestBody: { required: true, content: json(createCheckoutSessionBody) },
      responses: {
        "201": {
          description: "The new checkout session (status `open`, valid 24 h).",
          headers: responseHeaders,
          content: json(walletCheckoutSession),
        },
        ...errors(400, 401, 404, 409, 413, 415, 422, 429, 500),
      },
    },
  },

  "/v1/checkout_sessions/{id}": {
    get: {
      operationId: "walletGetCheckoutSession",
      summary: "Retrieve a checkout session",
      tags: TAGS,
      security: SECURITY,
      requestParams: { path: checkoutSessionIdPath },
      responses: {
        "200": { description: "The checkout session.", headers: responseHeaders, content: json(walletCheckoutSession) },
        ...errors(401, 404, 429, 500),
      },
    },
  },

  "/v1/connections": {
    get: {
      operationId: "walletListConnections",
      summary: "List connections",
      description: "Newest first; deleted connections are not listed.",
      tags: TAGS,
      security: SECURITY,
      requestParams: { query: cursorListQuery },
      responses: {
        "200": { description: "A page of connections.", headers: responseHeaders, content: json(walletConnectionList) },
        ...errors(400, 401, 429, 500),
      },
    },
  },

  "/v1/connections/{id}": {
    get: {
      operationId: "walletGetConnection",
      summary: "Retrieve a connection",
      description: "A deleted connection is a 404.",
      tags: TAGS,
      security: SECURITY,
      requestParams: { path: connectionIdPath },
      responses: {
        "200": { description: "The connection.", headers: responseHeaders, content: json(walletConnection) },
        ...errors(401, 404, 429, 500),
      },
    },
    delete: {
      operationId: "walletDeleteConnection",
      summary: "Delete a connection",
      description:
        "Cancels its active subscription and removes the connection from the API (its ledger is kept). " +
        "Deleting it again is a 404.",
      tags: TAGS,
      security: SECURITY,
      requestParams: { path: connectionIdPath },
      responses: {
        "200": { description: "Deleted.", headers: responseHeaders, content: json(walletSuccess) },
        ...errors(401, 404, 429, 500),
      },
    },
  },

  "/v1/connections/{id}/subscription": {
    get: {
      operationId: "walletGetConnectionSubscription",
      summary: "Retrieve a connection's active subscription",
      description: "`subscription` is null when the connection has no active subscription.",
      tags: TAGS,
      security: SECURITY,
      requestParams: { path: connectionIdPath },
      responses: {
        "200": {
          description: "The active subscription, or null.",
          headers: responseHeaders,
          content: json(walletConnectionSubscriptionResponse),
        },
        ...errors(401, 404, 429, 500),
      },
    },
  },

  "/v1/credit_bundles": {
    get: {
      operationId: "walletListCreditBundles",
      summary: "List credit bundles",
      description: "Newest first, optionally only one plan's (`subscription_config_id`).",
      tags: TAGS,
      security: SECURITY,
      requestParams: { query: listCreditBundlesQuery },
      responses: {
        "200": {
          description: "A page of credit bundles.",
          headers: responseHeaders,
          content: json(walletCreditBundleList),
        },
        ...errors(400, 401, 429, 500),
      },
    },
    post: {
      operationId: "walletCreateCreditBundle",
      summary: "Create a credit bundle",
      description: "A credit pack that subscribers of one plan can buy. An unknown `subscription_config_id` is a 404.",
      tags: TAGS,
      security: SECURITY,
      requestParams: { header: idempotencyHeader },
      // createCreditBundleBody: strict; `cost` and `credit_amount` go through usdAmount's `.transform` (→ cents).
      requestBody: { required: true, content: json(createCreditBundleBody) },
      responses: {
        "201": { description: "The new credit bundle.", headers: responseHeaders, content: json(walletCreditBundle) },
        ...errors(400, 401, 404, 409, 413, 415, 422, 429, 500),
      },
    },
  },

  "/v1/meters": {
    get: {
      operationId: "walletListMeters",
      summary: "List meters",
      description: "Newest first.",
      tags: TAGS,
      security: SECURITY,
      requestParams: { query: listMetersQuery },
      responses: {
        "200": { description: "A page of meters.", headers: responseHeaders, content: json(walletMeterList) },
        ...errors(400, 401, 429, 500),
      },
    },
    post: {
      operationId: "walletCreateMeter",
      summary: "Create a meter",
      description:
        "Ours (the dialect's API only reads meters). `tiers`: 1–20, the first starting at 0, starts increasing, one " +
        "`type` for all. A `meter_slug` another meter of this mode has is a 409 `resource_exists`.",
      tags: TAGS,
      security: SECURITY,
      requestParams: { header: idempotencyHeader },
      requestBody: { required: true, content: json(createMeterBody) },
      responses: {
        "201": { description: "The new meter.", headers: responseHeaders, content: json(walletMeter) },
        ...errors(400, 401, 409, 413, 415, 422, 429, 500),
      },
    },
  },

  "/v1/meters/{id}": {
    get: {
      operationId: "walletGetMeter",
      summary: "Retrieve a meter",
      tags: TAGS,
      security: SECURITY,
      requestParams: { path: meterIdPath },
      responses: {
        "200": { description: "The meter.", headers: responseHeaders, content: json(walletMeter) },
        ...errors(401, 404, 429, 500),
      },
    },
    post: updateMeter("POST"),
    patch: updateMeter("PATCH"),
  },

  "/v1/requests": {
    get: {
      operationId: "walletListRequests",
      summary: "List metered requests",
      description:
        "Newest first; by `connection_id`, `meter_id` and `metadata_filters` (a JSON array of [key, value] pairs, " +
        "as the Lava SDK sends it: every pair must be in the request's metadata).",
      tags: TAGS,
      security: SECURITY,
      requestParams: { query: listRequestsQuery },
      responses: {
        "200": {
          description: "A page of metered requests.",
          headers: responseHeaders,
          content: json(walletRequestList),
        },
        ...errors(400, 401, 429, 500),
      },
    },
    post: {
      operationId: "walletCreateRequest",
      summary: "Record a metered request",
      description:
        "Prices the usage by the meter's tiers (graduated over the connection's calendar month on the meter) and " +
        "pays the wallet's part from the connection's balances: the cycle's included credit, then bundle credit, " +
        "then the wallet. `request_id` is the idempotency key: the same id and body again answers the first record " +
        "(`Idempotent-Replayed: true`) and debits nothing; another body is a 409 `resource_exists`. Balances that " +
        "cannot pay are a 402 `insufficient_funds` naming the shortfall, and nothing is written. An unknown " +
        "`meter_slug` or `connection_id` is a 404 naming it.",
      tags: TAGS,
      security: SECURITY,
      requestParams: { header: idempotencyHeader },
      requestBody: { required: true, content: json(createRequestBody) },
      responses: {
        "201": {
          description: "The request, priced and paid (or, for a request_id already recorded, as first recorded).",
          headers: responseHeaders,
          content: json(walletRequest),
        },
        ...errors(400, 401, 402, 404, 409, 413, 415, 422, 429, 500, 503),
      },
    },
  },

  "/v1/requests/{id}": {
    get: {
      operationId: "walletGetRequest",
      summary: "Retrieve a metered request",
      description: "By your `request_id`.",
      tags: TAGS,
      security: SECURITY,
      requestParams: {
        path: z.object({ id: z.string().meta({ description: "The request's `request_id`.", example: "req-42" }) }),
      },
      responses: {
        "200": { description: "The metered request.", headers: responseHeaders, content: json(walletRequest) },
        ...errors(401, 404, 429, 500),
      },
    },
  },

  "/v1/usage": {
    get: {
      operationId: "walletGetUsage",
      summary: "Usage per day",
      description:
        `Metered requests summed per UTC day from \`start\` to \`end\` (default now; at most ${MAX_USAGE_DAYS} days), ` +
        "with the filters of the list. Every day the range touches is an item, a day without requests with zeros.",
      tags: TAGS,
      security: SECURITY,
      requestParams: { query: usageQuery },
      responses: {
        "200": {
          description: "Daily items and the range's totals.",
          headers: responseHeaders,
          content: json(walletUsage),
        },
        ...errors(400, 401, 429, 500),
      },
    },
  },

  "/v1/wallet_settings": {
    get: {
      operationId: "walletGetSettings",
      summary: "Retrieve the wallet settings of the key's mode",
      description: "Ours.",
      tags: TAGS,
      security: SECURITY,
      responses: {
        "200": { description: "The settings.", headers: responseHeaders, content: json(walletSettings) },
        ...errors(401, 429, 500),
      },
    },
    ...Object.fromEntries(
      (["post", "patch"] as const).map((method) => [
        method,
        {
          operationId: method === "post" ? "walletUpdateSettings" : "walletPatchSettings",
          summary: method === "post" ? "Edit the wallet settings" : "Edit the wallet settings (PATCH)",
          description:
            "Ours. `low_balance_threshold`: a `wallet.low_balance` event when a metered request takes a " +
            "connection's spendable balance (wallet, cycle and bundle credit) from at least this to below it; null " +
            "turns it off.",
          tags: TAGS,
          security: SECURITY,
          requestParams: method === "post" ? { header: idempotencyHeader } : {},
          requestBody: { required: true, content: json(walletSettingsBody) },
          responses: {
            "200": { description: "The settings.", headers: responseHeaders, content: json(walletSettings) },
            ...errors(400, 401, 413, 415, ...(method === "post" ? ([409, 422] as const) : []), 429, 500),
          },
        },
      ]),
    ),
  },

  "/v1/credit_bundles/{id}": {
    get: {
      operationId: "walletGetCreditBundle",
      summary: "Retrieve a credit bundle",
      tags: TAGS,
      security: SECURITY,
      requestParams: { path: creditBundleIdPath },
      responses: {
        "200": { description: "The credit bundle.", headers: responseHeaders, content: json(walletCreditBundle) },
        ...errors(401, 404, 429, 500),
      },
    },
    post: updateCreditBundle("POST"),
    patch: updateCreditBundle("PATCH"),
  },

  "/v1/subscription_configs": {
    get: {
      operationId: "walletListSubscriptionConfigs",
      summary: "List subscription configs",
      description: "Newest first.",
      tags: TAGS,
      security: SECURITY,
      requestParams: { query: cursorListQuery },
      responses: {
        "200": {
          description: "A page of subscription configs.",
          headers: responseHeaders,
          content: json(walletSubscriptionConfigList),
        },
        ...errors(400, 401, 429, 500),
      },
    },
    post: {
      operationId: "walletCreateSubscriptionConfig",
      summary: "Create a subscription config",
      description:
        "A plan: price per period, billing interval, included credit per cycle, rollover, and (ours) its meters, " +
        "`linked_meter_ids`. Defaults: " +
        '`included_credit` "0", `billing_interval` month, `rollover_type` none, `bundle_rollover_type` full, no ' +
        "meters. A meter id not of this merchant and mode is a 404 naming its place (`linked_meter_ids.1`).",
      tags: TAGS,
      security: SECURITY,
      requestParams: { header: idempotencyHeader },
      // createSubscriptionConfigBody: strict; `period_amount` and `included_credit` go through usdAmount's
      // `.transform` (→ cents), and `included_credit` has `.default(0n)` on the *output* side (a bigint):
      // see wallet-NOTES.md, it must not reach the JSON Schema as a `default`.
      requestBody: { required: true, content: json(createSubscriptionConfigBody) },
      responses: {
        "201": {
          description: "The new subscription config.",
          headers: responseHeaders,
          content: json(walletSubscriptionConfig),
        },
        ...errors(400, 401, 404, 409, 413, 415, 422, 429, 500),
      },
    },
  },

  "/v1/subscription_configs/{id}": {
    get: {
      operationId: "walletGetSubscriptionConfig",
      summary: "Retrieve a subscription config",
      tags: TAGS,
      security: SECURITY,
      requestParams: { path: subscriptionConfigIdPath },
      responses: {
        "200": {
          description: "The subscription config.",
          headers: responseHeaders,
          content: json(walletSubscriptionConfig),
        },
        ...errors(401, 404, 429, 500),
      },
    },
    post: updateSubscriptionConfig("POST"),
    patch: updateSubscriptionConfig("PATCH"),
  },

  "/v1/subscriptions": {
    get: {
      operationId: "walletListSubscriptions",
      summary: "List subscriptions",
      description: "Newest first. `status` defaults to active; `connection_id` narrows to one connection's.",
      tags: TAGS,
      security: SECURITY,
      requestParams: { query: listSubscriptionsQuery },
      responses: {
        "200": {
          description: "A page of subscriptions.",
          headers: responseHeaders,
          content: json(walletSubscriptionList),
        },
        ...errors(400, 401, 429, 500),
      },
    },
  },

  "/v1/subscriptions/{id}": {
    get: {
      operationId: "walletGetSubscription",
      summary: "Retrieve a subscription",
      tags: TAGS,
      security: SECURITY,
      requestParams: { path: subscriptionIdPath },
      responses: {
        "200": { description: "The subscription.", headers: responseHeaders, content: json(walletSubscription) },
        ...errors(401, 404, 429, 500),
      },
    },
    delete: {
      operationId: "walletCancelSubscription",
      summary: "Cancel a subscription",
      description:
        "Cancels at once; credit already granted stays. Cancelling a cancelled subscription changes nothing (200).",
      tags: TAGS,
      security: SECURITY,
      requestParams: { path: subscriptionIdPath },
      responses: {
        "200": { description: "Cancelled.", headers: responseHeaders, content: json(walletSuccess) },
        ...errors(401, 404, 429, 500),
      },
    },
  },
};
