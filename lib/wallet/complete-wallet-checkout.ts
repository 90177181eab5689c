import "server-only";
import { type CardBrand, detectCardBrand } from "@/lib/card-number";
import type { Db, DbClient } from "@/lib/db/client";
import { env } from "@/lib/env";
import { DomainError, parseInput } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { newId } from "@/lib/ids";
import { log } from "@/lib/log";
import { callBudgetMs } from "@/lib/payments/call-provider";
import { toCardDetails } from "@/lib/payments/card-details";
import { type ChargeSettlement, chargeProvider, settleCharge, UNRESOLVED_CHARGE } from "@/lib/payments/charge-provider";
import { declineMessageKey } from "@/lib/payments/decline-message";
import { cardProviderFor } from "@/lib/providers/card-provider";
import type { SavedCard } from "@/lib/providers/types";
import type { CardInput } from "@/lib/schemas/card";
import { WALLET_CURRENCY } from "@/lib/schemas/wallet";
import {
  creditBundleForm,
  newSubscriberForm,
  onboardingForm,
  subscriptionForm,
  topupForm,
} from "@/lib/schemas/wallet-forms";
import { appendLedgerEntry, grantCycleCredit } from "./append-ledger-entry";
import { getHostedWalletCheckout, type HostedWalletCheckout } from "./get-hosted-wallet-checkout";
import { recordCheckoutSessionEvent, recordConnectionEvent, recordSubscriptionEvents } from "./record-wallet-events";
import { cycleEnd } from "./subscription-cycle";
import { checkoutStatus } from "./wallet-json";

// Completing a wallet checkout session, exactly once (README "Exactly once").
//
// 1. One transaction, before any money moves: a short claim on the session
//    (`processing_until`, one conditional UPDATE: of two tabs, a double click
//    or a replayed POST, exactly one gets it), the customer's details, and for
//    a subscription or credit bundle a lock on the connection with the
//    re-check of its subscriptions; then the charge row (the payments core).
// 2. The card charge, outside any transaction, with a timeout.
// 3. One transaction settles the charge and applies it: connection,
//    subscription, ledger entries and the session's completion commit
//    together, or not at all (`applyWalletCharge`, which the reconciler also
//    runs for a charge whose answer never came).
// A decline releases the claim and counts against the session's failed
// attempts; at the limit the session is locked. No answer keeps the session
// being paid until the reconciler knows.

export type WalletCheckoutResult =
  | { status: "completed"; checkoutSessionId: string; connectionId: string }
  | { status: "processing"; checkoutSessionId: string };

export const completeWalletCheckout = async (db: Db, secret: string, input: unknown): Promise<WalletCheckoutResult> => {
  const session = await getHostedWalletCheckout(db, secret);
  if (!session) throw new DomainError("not_found", "No such checkout session.");
  assertPayable(session);
  const plan = planPayment(session, input);
  const provider = cardProviderFor(session.mode);
  const { providerTimeoutMs } = env().card;
  const claimedUntil = new Date(Date.now() + callBudgetMs(providerTimeoutMs));
  const idempotencyKey = newId("charge");
  const source =
    plan.card !== undefined
      ? { card: toCardDetails(plan.card) }
      : { token: (session.connection as NonNullable<HostedWalletCheckout["connection"]>).cardToken };
  // Brand and last four for the charge row; the provider's answer replaces them.
  const card = source.card
    ? { brand: detectCardBrand(source.card.number), last4: source.card.number.slice(-4) }
    : { brand: session.connection?.cardBrand as CardBrand, last4: session.connection?.cardLast4 ?? "" };

  const { chargeId, outcome } = await chargeProvider(db, {
    charge: {
      merchantId: session.merchantId,
      mode: session.mode,
      purpose: "wallet_checkout",
      provider,
      idempotencyKey,
      amount: plan.amount,
      currency: WALLET_CURRENCY,
      card,
      checkoutSessionId: session.id,
      connectionId: session.connection?.id,
    },
    prepare: (tx) => claimWalletCheckout(tx, session, plan, claimedUntil),
    call: (signal) =>
      provider.charge({
        mode: session.mode,
        amount: plan.amount,
        currency: WALLET_CURRENCY,
        source,
        idempotencyKey,
        signal,
      }),
  });

  if (!outcome.answered) {
    log.warn(
      { charge_id: chargeId, reason: outcome.message },
      "A wallet charge got no answer; the reconciler will settle it",
    );
    return { status: "processing", checkoutSessionId: session.id };
  }
  let applied: Awaited<ReturnType<typeof applyWalletCharge>>;
  try {
    applied = await db.$transaction((tx) =>
      applyWalletCharge(tx, chargeId, outcome.result, { latencyMs: outcome.latencyMs }),
    );
  } catch (error) {
    // The answer could not be written: the charge stays pending, the session held, for the reconciler.
    log.error(
      { err: error, charge_id: chargeId },
      "A wallet charge's outcome was not written; the reconciler will settle it",
    );
    return { status: "processing", checkoutSessionId: session.id };
  }
  if (applied?.status === "completed") return { ...applied, checkoutSessionId: session.id };
  if (applied?.status === "declined") {
    if (applied.locked) throw lockedError();
    const declined = outcome.result.status === "declined" ? outcome.result : undefined;
    throw new DomainError("card_declined", declined?.message ?? "The card requires authentication.", {
      param: plan.card ? "card.number" : undefined,
      messageKey: declineMessageKey(declined?.code ?? "authentication_required"),
    });
  }
  return { status: "processing", checkoutSessionId: session.id };
};

const lockedError = () =>
  new DomainError(
    "state_conflict",
    "This checkout is locked after too many failed payment attempts. Go back to the shop to start again.",
    { messageKey: "errors.locked" },
  );

const assertPayable = (session: Parameters<typeof checkoutStatus>[0]) => {
  const status = checkoutStatus(session);
  if (status === "completed") throw new DomainError("state_conflict", "This checkout is already complete.");
  if (status === "expired") throw new DomainError("state_conflict", "This checkout has expired. Start a new one.");
  if (status === "locked") throw lockedError();
};

type PaymentPlan = {
  amount: bigint;
  /** A card typed on the page; a saved card (top-up, credit bundle) otherwise. */
  card?: CardInput;
  customer?: { first_name: string; last_name: string; email: string; phone: string };
};

/** What the customer is paying for and with, checked before anything is claimed or charged. */
const planPayment = (session: HostedWalletCheckout, input: unknown): PaymentPlan => {
  const connection = session.connection;
  const needsConnection = session.checkoutMode === "topup" || session.checkoutMode === "credit_bundle";
  if ((needsConnection || session.connectionId) && !connection) {
    throw new DomainError("state_conflict", "The wallet connection of this checkout no longer exists.");
  }
  switch (session.checkoutMode) {
    case "onboarding": {
      const { card, amount, ...customer } = parseInput(onboardingForm, input);
      return { amount, card, customer };
    }
    case "topup": {
      return { amount: parseInput(topupForm, input).amount };
    }
    case "subscription": {
      const config = session.subscriptionConfig;
      if (!config) throw new DomainError("state_conflict", "The plan of this checkout no longer exists.");
      if (connection) {
        const { card } = parseInput(subscriptionForm, input);
        return { amount: config.periodAmount, card };
      }
      const { card, ...customer } = parseInput(newSubscriberForm, input);
      return { amount: config.periodAmount, card, customer };
    }
    case "credit_bundle": {
      parseInput(creditBundleForm, input);
      const bundle = session.creditBundle;
      if (!bundle) throw new DomainError("state_conflict", "The bundle of this checkout no longer exists.");
      return { amount: bundle.cost };
    }
  }
};

/**
 * Step 1, in the transaction that writes the charge row: the claim, the
 * customer's details (the reconciler completes an onboarding from them), and
 * the connection's re-check under its lock, so two subscription checkouts of
 * one connection can never both charge.
 */
const claimWalletCheckout = async (
  tx: Prisma.TransactionClient,
  session: HostedWalletCheckout,
  plan: PaymentPlan,
  claimedUntil: Date,
) => {
  const now = new Date();
  const { count } = await tx.walletCheckoutSession.updateMany({
    where: {
      id: session.id,
      status: "open",
      lockedAt: null,
      expiresAt: { gt: now },
      OR: [{ processingUntil: null }, { processingUntil: { lt: now } }],
      // A charge whose answer never came holds the session until the reconciler knows.
      charges: { none: UNRESOLVED_CHARGE },
    },
    data: {
      processingUntil: claimedUntil,
      customerFirstName: plan.customer?.first_name ?? null,
      customerLastName: plan.customer?.last_name ?? null,
      customerEmail: plan.customer?.email ?? null,
      customerPhone: plan.customer?.phone ?? null,
    },
  });
  if (count === 0) {
    assertPayable(await tx.walletCheckoutSession.findUniqueOrThrow({ where: { id: session.id } }));
    throw new DomainError("state_conflict", "This checkout is already being paid in another window.");
  }
  const connectionId = session.connection?.id;
  if (!connectionId || (session.checkoutMode !== "subscription" && session.checkoutMode !== "credit_bundle")) return;
  await tx.$queryRaw`SELECT id FROM connections WHERE id = ${connectionId} FOR UPDATE`;
  const active = await tx.subscription.findMany({ where: { connectionId, status: "active" } });
  if (session.checkoutMode === "subscription") {
    const paying = await tx.charge.count({
      where: {
        connectionId,
        purpose: "wallet_checkout",
        ...UNRESOLVED_CHARGE,
        checkoutSession: { checkoutMode: "subscription" },
      },
    });
    if (active.length > 0 || paying > 0) {
      throw new DomainError(
        "state_conflict",
        active.length > 0
          ? "This connection already has an active subscription."
          : "A subscription payment for this connection is in progress.",
      );
    }
    return;
  }
  if (
    !active.some((subscription) => subscription.subscriptionConfigId === session.creditBundle?.subscriptionConfigId)
  ) {
    throw new DomainError("state_conflict", "This connection has no active subscription that offers this bundle.");
  }
};

export type WalletChargeApplied =
  | { status: "completed"; connectionId: string }
  | { status: "declined"; locked: boolean }
  | undefined;

/**
 * Step 3, for the request that charged and for the reconciler alike: settles
 * the charge and applies what it means for its session. Undefined when the
 * charge was settled already (the other one of the two got there first).
 */
export const applyWalletCharge = async (
  tx: Prisma.TransactionClient,
  chargeId: string,
  settlement: ChargeSettlement,
  options: { latencyMs?: number; reconciled?: boolean } = {},
): Promise<WalletChargeApplied> => {
  if (!(await settleCharge(tx, chargeId, settlement, options))) return undefined;
  const charge = await tx.charge.findUniqueOrThrow({ where: { id: chargeId } });
  if (!charge.checkoutSessionId) throw new Error(`Wallet charge ${chargeId} has no checkout session.`);
  if (settlement.status === "failed") {
    // The provider never received it: no money moved, and it does not count against the customer.
    await tx.walletCheckoutSession.update({ where: { id: charge.checkoutSessionId }, data: { processingUntil: null } });
    return { status: "declined", locked: false };
  }
  if (settlement.status !== "succeeded") {
    return { status: "declined", ...(await recordFailedAttempt(tx, charge.checkoutSessionId)) };
  }
  const connectionId = await applyPayment(tx, charge.checkoutSessionId, charge, settlement.card);
  return { status: "completed", connectionId };
};

/** A declined (or never made) charge: the session is payable again, until its failed attempts reach the limit. */
const recordFailedAttempt = async (tx: DbClient, sessionId: string) => {
  const { failedAttempts } = await tx.walletCheckoutSession.update({
    where: { id: sessionId },
    data: { processingUntil: null, failedAttempts: { increment: 1 } },
    select: { failedAttempts: true },
  });
  if (failedAttempts < env().wallet.maxFailedAttempts) return { locked: false };
  await tx.walletCheckoutSession.update({ where: { id: sessionId }, data: { lockedAt: new Date() } });
  await recordCheckoutSessionEvent(tx, sessionId, "checkout_session.locked");
  return { locked: true };
};

/** The database side of a successful charge, with its events; all of it commits, or none. */
const applyPayment = async (
  tx: Prisma.TransactionClient,
  sessionId: string,
  charge: { id: string; amount: bigint; provider: string },
  card: SavedCard,
): Promise<string> => {
  const session = await tx.walletCheckoutSession.findUniqueOrThrow({
    where: { id: sessionId },
    include: { subscriptionConfig: true, creditBundle: true },
  });
  const scope = { merchantId: session.merchantId, mode: session.mode };
  const now = new Date();
  const cardColumns = {
    cardProvider: charge.provider,
    cardToken: card.token,
    cardBrand: card.brand,
    cardLast4: card.last4,
  };
  let connectionId = session.connectionId;
  if (connectionId) {
    // A subscriber who typed a card: it becomes the connection's card for later charges.
    await tx.connection.updateMany({ where: { id: connectionId, NOT: { cardToken: card.token } }, data: cardColumns });
  } else {
    const { customerFirstName, customerLastName, customerEmail, customerPhone } = session;
    if (!customerFirstName || !customerLastName || !customerEmail || !customerPhone) {
      throw new Error(`Checkout ${session.id} was paid without the customer's details.`);
    }
    const connection = await tx.connection.create({
      data: {
        id: newId("connection", session.mode),
        ...scope,
        firstName: customerFirstName,
        lastName: customerLastName,
        email: customerEmail,
        phone: customerPhone,
        currency: WALLET_CURRENCY,
        ...cardColumns,
      },
    });
    connectionId = connection.id;
    await recordConnectionEvent(tx, connectionId, "connection.created");
  }
  await tx.charge.update({ where: { id: charge.id }, data: { connectionId } });

  const entry = {
    ...scope,
    connectionId,
    currency: WALLET_CURRENCY,
    checkoutSessionId: session.id,
    chargeId: charge.id,
  };
  switch (session.checkoutMode) {
    case "onboarding":
      await appendLedgerEntry(tx, { ...entry, account: "wallet", amount: charge.amount, reason: "funding" });
      break;
    case "topup":
      await appendLedgerEntry(tx, { ...entry, account: "wallet", amount: charge.amount, reason: "topup" });
      break;
    case "subscription": {
      const config = session.subscriptionConfig;
      if (!config) throw new Error(`Checkout ${session.id} has no plan.`);
      const subscription = await tx.subscription.create({
        data: {
          id: newId("subscription"),
          ...scope,
          connectionId,
          subscriptionConfigId: config.id,
          status: "active",
          startedAt: now,
          cycleStartAt: now,
          cycleEndAt: cycleEnd(now, config.billingInterval),
        },
      });
      await recordSubscriptionEvents(tx, [subscription.id], "subscription.created");
      await grantCycleCredit(tx, { ...entry, subscriptionId: subscription.id }, config.includedCredit);
      break;
    }
    case "credit_bundle": {
      const bundle = session.creditBundle;
      if (!bundle) throw new Error(`Checkout ${session.id} has no bundle.`);
      // Paid for, so granted, even if the subscription ended while the charge ran.
      const subscription = await tx.subscription.findFirst({
        where: { connectionId, subscriptionConfigId: bundle.subscriptionConfigId },
        orderBy: { startedAt: "desc" },
      });
      await appendLedgerEntry(tx, {
        ...entry,
        account: "bundle_credit",
        amount: bundle.creditAmount,
        reason: "credit_bundle",
        subscriptionId: subscription?.id,
      });
      break;
    }
  }

  const { count } = await tx.walletCheckoutSession.updateMany({
    where: { id: session.id, status: "open" },
    data: { status: "completed", completedAt: now, connectionId, amount: charge.amount, processingUntil: null },
  });
  if (count !== 1) throw new Error(`Checkout ${session.id} was completed twice.`);
  await recordCheckoutSessionEvent(tx, session.id, "checkout_session.completed");
  return connectionId;
};
