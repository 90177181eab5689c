import "server-only";
import type { Db } from "@/lib/db/client";
import { insertRow, type WriteGuard } from "@/lib/db/prepared-rows";
import { DomainError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { assertRedirectUrlMode } from "@/lib/schemas/redirect-url";
import { type CreateCheckoutSessionBody, WALLET_CURRENCY } from "@/lib/schemas/wallet";
import type { MerchantScope } from "@/lib/scope";
import { newCheckoutSecret } from "@/lib/security/checkout-token";
import { getConnectionOrThrow, getCreditBundleOrThrow, getSubscriptionConfigOrThrow } from "./get-wallet-objects";
import type { CheckoutSessionRow } from "./wallet-json";

export const CHECKOUT_SESSION_LIFETIME_MS = 24 * 60 * 60 * 1000;

// Which ids each mode needs; any other id is a mistake the client should hear about.
const MODE_IDS = {
  onboarding: { required: [], allowed: [] },
  topup: { required: ["connection_id"], allowed: [] },
  subscription: { required: ["subscription_config_id"], allowed: ["connection_id"] },
  credit_bundle: { required: ["connection_id", "credit_bundle_id"], allowed: [] },
} as const satisfies Record<CreateCheckoutSessionBody["checkout_mode"], { required: string[]; allowed: string[] }>;

const ID_FIELDS = ["connection_id", "subscription_config_id", "credit_bundle_id"] as const;

/** `guard`: a row the INSERT must write with the session, or write neither (an idempotency claim: WriteGuard). */
export const createCheckoutSession = async (
  db: Db,
  scope: MerchantScope,
  body: CreateCheckoutSessionBody,
  { guard }: { guard?: WriteGuard<CheckoutSessionRow> } = {},
) => {
  const mode = body.checkout_mode;
  const rules: { required: readonly string[]; allowed: readonly string[] } = MODE_IDS[mode];
  for (const field of ID_FIELDS) {
    if (rules.required.includes(field) && !body[field]) {
      throw new DomainError("parameter_missing", `${field} is required when checkout_mode is ${mode}.`, {
        param: field,
      });
    }
    if (body[field] && !rules.required.includes(field) && !rules.allowed.includes(field)) {
      throw new DomainError("parameter_invalid", `${field} is not used when checkout_mode is ${mode}.`, {
        param: field,
      });
    }
  }
  assertRedirectUrlMode(body.origin_url, scope.mode, "origin_url");

  const connection = body.connection_id
    ? await getConnectionOrThrow(db, scope, body.connection_id, { param: "connection_id" })
    : undefined;
  if (body.subscription_config_id) {
    await getSubscriptionConfigOrThrow(db, scope, body.subscription_config_id, { param: "subscription_config_id" });
    if (connection?.subscriptions.length) {
      throw new DomainError("state_conflict", "This connection already has an active subscription.", {
        param: "connection_id",
      });
    }
  }
  if (body.credit_bundle_id) {
    const bundle = await getCreditBundleOrThrow(db, scope, body.credit_bundle_id, { param: "credit_bundle_id" });
    const offers = connection?.subscriptions.some((sub) => sub.subscriptionConfigId === bundle.subscriptionConfigId);
    if (!offers) {
      throw new DomainError(
        "state_conflict",
        "This connection has no active subscription to the plan that offers this credit bundle.",
        { param: "credit_bundle_id" },
      );
    }
  }

  const createdAt = new Date();
  // One prepared INSERT of the whole row (lib/db/prepared-rows.ts): the create a merchant's server makes most.
  return insertRow<CheckoutSessionRow>(
    db,
    "wallet_checkout_sessions",
    {
      id: newId("walletCheckoutSession", scope.mode),
      ...scope,
      checkoutMode: mode,
      status: "open",
      secret: newCheckoutSecret("wallet", scope.mode),
      originUrl: body.origin_url,
      referenceId: body.reference_id ?? null,
      locale: body.locale ?? null,
      connectionId: body.connection_id ?? null,
      subscriptionConfigId: body.subscription_config_id ?? null,
      creditBundleId: body.credit_bundle_id ?? null,
      currency: WALLET_CURRENCY,
      amount: null,
      processingUntil: null,
      customerFirstName: null,
      customerLastName: null,
      customerEmail: null,
      customerPhone: null,
      failedAttempts: 0,
      lockedAt: null,
      createdAt,
      expiresAt: new Date(createdAt.getTime() + CHECKOUT_SESSION_LIFETIME_MS),
      completedAt: null,
    },
    { guard },
  );
};
