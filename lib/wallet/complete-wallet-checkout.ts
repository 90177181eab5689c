import { ApiError, parseInput } from "@/lib/api/errors";
import { cardDigits, parseExpiry } from "@/lib/card/card-number";
import { recordCharge } from "@/lib/card/record-charge";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { newId } from "@/lib/ids";
import { toMinorUnits } from "@/lib/money";
import { CardProviderUnavailableError, cardProviderFor } from "@/lib/providers/card-provider";
import type { CardDetails, ChargeResult, SavedCard } from "@/lib/providers/types";
import type { CardInput } from "@/lib/schemas/card";
import {
  creditBundleForm,
  newSubscriberForm,
  onboardingForm,
  subscriptionForm,
  topupForm,
  WALLET_CURRENCY,
} from "@/lib/schemas/wallet";
import { appendLedgerEntry, grantCycleCredit } from "./append-ledger-entry";
import { getHostedWalletCheckout, type HostedWalletCheckout } from "./get-hosted-wallet-checkout";
import { recordCheckoutSessionEvent, recordConnectionEvent, recordSubscriptionEvents } from "./record-wallet-events";
import { cycleEnd } from "./subscription-cycle";
import { checkoutStatus } from "./wallet-json";

// Completing a wallet checkout session, exactly once (SPEC §2, issue 3 §6).
//
// 1. A short claim on the session (`processing_until`), taken by one
//    conditional UPDATE: of two tabs, a double click or a replayed POST,
//    exactly one gets it; the others get 409 and never reach the provider.
// 2. The card charge, outside any transaction (it may take seconds).
// 3. One transaction applies the result: connection, subscription, ledger
//    entries and the session's completion commit together, or not at all.
// A decline releases the claim and leaves the session open for another card.

/** Longer than any provider call may take, so a live claim is never taken over. */
const CLAIM_MS = 2 * 60 * 1000;

export type WalletCheckoutResult = { checkoutSessionId: string; connectionId: string };

export const completeWalletCheckout = async (db: Db, secret: string, input: unknown): Promise<WalletCheckoutResult> => {
  const session = await getHostedWalletCheckout(db, secret);
  if (!session) throw new ApiError("not_found", "No such checkout session.");
  assertPayable(session);
  const plan = planPayment(session, input);

  const claimedUntil = new Date(Date.now() + CLAIM_MS);
  const { count } = await db.walletCheckoutSession.updateMany({
    where: {
      id: session.id,
      status: "open",
      expiresAt: { gt: new Date() },
      OR: [{ processingUntil: null }, { processingUntil: { lt: new Date() } }],
    },
    data: { processingUntil: claimedUntil },
  });
  if (count === 0) {
    const current = await db.walletCheckoutSession.findUniqueOrThrow({ where: { id: session.id } });
    assertPayable(current);
    throw new ApiError("state_conflict", "This checkout is already being paid in another window.");
  }
  const release = () =>
    db.walletCheckoutSession.updateMany({
      where: { id: session.id, processingUntil: claimedUntil },
      data: { processingUntil: null },
    });

  try {
    const chargeId = newId("charge");
    const result = await charge(session, plan, chargeId);
    await recordCharge(
      db,
      {
        id: chargeId,
        merchantId: session.merchantId,
        mode: session.mode,
        provider: plan.provider,
        amount: plan.amount,
        currency: WALLET_CURRENCY,
        checkoutSessionId: session.id,
        connectionId: session.connection?.id,
      },
      result,
    );
    // Wallet charges never ask for a 3-D Secure challenge, so anything but a success is a decline.
    if (result.status !== "succeeded") {
      const message = result.status === "declined" ? result.message : "The card requires authentication.";
      throw new ApiError("card_declined", message, {
        param: plan.source === "card" ? "card.number" : undefined,
      });
    }
    return await db.$transaction((tx) => applyPayment(tx, session, plan, result.card, chargeId, claimedUntil));
  } finally {
    await release();
  }
};

const assertPayable = (session: Parameters<typeof checkoutStatus>[0]) => {
  const status = checkoutStatus(session);
  if (status === "completed") throw new ApiError("state_conflict", "This checkout is already complete.");
  if (status === "expired") throw new ApiError("state_conflict", "This checkout has expired. Start a new one.");
};

type PaymentPlan = {
  amount: bigint;
  provider: string;
  source: "card" | "saved_card";
  card?: CardInput;
  customer?: { first_name: string; last_name: string; email: string; phone: string };
};

/** What the customer is paying for and with, checked before anything is claimed or charged. */
const planPayment = (session: HostedWalletCheckout, input: unknown): PaymentPlan => {
  const provider = providerName(session);
  const connection = session.connection;
  const needsConnection = session.checkoutMode === "topup" || session.checkoutMode === "credit_bundle";
  if ((needsConnection || session.connectionId) && !connection) {
    throw new ApiError("state_conflict", "The wallet connection of this checkout no longer exists.");
  }
  switch (session.checkoutMode) {
    case "onboarding": {
      const form = parseInput(onboardingForm, input);
      const { card, amount, ...customer } = form;
      return { amount: toMinorUnits(amount, WALLET_CURRENCY), provider, source: "card", card, customer };
    }
    case "topup": {
      const form = parseInput(topupForm, input);
      return { amount: toMinorUnits(form.amount, WALLET_CURRENCY), provider, source: "saved_card" };
    }
    case "subscription": {
      const config = session.subscriptionConfig;
      if (!config) throw new ApiError("state_conflict", "The plan of this checkout no longer exists.");
      if (connection?.subscriptions.length) {
        throw new ApiError("state_conflict", "This connection already has an active subscription.");
      }
      if (connection) {
        const { card } = parseInput(subscriptionForm, input);
        return { amount: config.periodAmount, provider, source: "card", card };
      }
      const { card, ...customer } = parseInput(newSubscriberForm, input);
      return { amount: config.periodAmount, provider, source: "card", card, customer };
    }
    case "credit_bundle": {
      parseInput(creditBundleForm, input);
      const bundle = session.creditBundle;
      const offered = connection?.subscriptions.some(
        (sub) => sub.subscriptionConfigId === bundle?.subscriptionConfigId,
      );
      if (!bundle || !offered) {
        throw new ApiError("state_conflict", "This connection has no active subscription that offers this bundle.");
      }
      return { amount: bundle.cost, provider, source: "saved_card" };
    }
  }
};

const providerName = (session: HostedWalletCheckout) => {
  try {
    return cardProviderFor(session.mode).name;
  } catch (error) {
    if (error instanceof CardProviderUnavailableError) throw new ApiError("service_unavailable", error.message);
    throw error;
  }
};

const toCardDetails = (card: CardInput): CardDetails => {
  const expiry = parseExpiry(card.expiry);
  if (!expiry) throw new ApiError("parameter_invalid", "Use the MM/YY format.", { param: "card.expiry" });
  return { number: cardDigits(card.number), expMonth: expiry.month, expYear: expiry.year, cvc: card.cvc };
};

const charge = (session: HostedWalletCheckout, plan: PaymentPlan, chargeId: string): Promise<ChargeResult> => {
  const provider = cardProviderFor(session.mode);
  const source =
    plan.source === "card" && plan.card
      ? { card: toCardDetails(plan.card) }
      : { token: (session.connection as NonNullable<HostedWalletCheckout["connection"]>).cardToken };
  return provider.charge({
    mode: session.mode,
    amount: plan.amount,
    currency: WALLET_CURRENCY,
    source,
    idempotencyKey: chargeId,
  });
};

/** The database side of a successful charge, with its events; all of it commits, or none. */
const applyPayment = async (
  tx: Prisma.TransactionClient,
  session: HostedWalletCheckout,
  plan: PaymentPlan,
  card: SavedCard,
  chargeId: string,
  claimedUntil: Date,
): Promise<WalletCheckoutResult> => {
  const scope = { merchantId: session.merchantId, mode: session.mode };
  const now = new Date();
  const cardColumns = {
    cardProvider: plan.provider,
    cardToken: card.token,
    cardBrand: card.brand,
    cardLast4: card.last4,
  };
  let connectionId = session.connection?.id;
  if (!connectionId && plan.customer) {
    const { first_name, last_name, email, phone } = plan.customer;
    const connection = await tx.connection.create({
      data: {
        id: newId("connection", session.mode),
        ...scope,
        firstName: first_name,
        lastName: last_name,
        email,
        phone,
        currency: WALLET_CURRENCY,
        ...cardColumns,
      },
    });
    connectionId = connection.id;
    await recordConnectionEvent(tx, connectionId, "connection.created");
  } else if (connectionId && plan.source === "card") {
    // A subscriber who typed a card: it becomes the connection's card for later charges.
    await tx.connection.update({ where: { id: connectionId }, data: cardColumns });
  }
  if (!connectionId) throw new Error("A wallet checkout completes with a connection.");
  await tx.charge.update({ where: { id: chargeId }, data: { connectionId } });

  const entry = { ...scope, connectionId, currency: WALLET_CURRENCY, checkoutSessionId: session.id, chargeId };
  switch (session.checkoutMode) {
    case "onboarding":
      await appendLedgerEntry(tx, { ...entry, account: "wallet", amount: plan.amount, reason: "funding" });
      break;
    case "topup":
      await appendLedgerEntry(tx, { ...entry, account: "wallet", amount: plan.amount, reason: "topup" });
      break;
    case "subscription": {
      const config = session.subscriptionConfig as NonNullable<HostedWalletCheckout["subscriptionConfig"]>;
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
      const bundle = session.creditBundle as NonNullable<HostedWalletCheckout["creditBundle"]>;
      const subscription = session.connection?.subscriptions.find(
        (sub) => sub.subscriptionConfigId === bundle.subscriptionConfigId,
      );
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
    where: { id: session.id, status: "open", processingUntil: claimedUntil },
    data: { status: "completed", completedAt: now, connectionId, amount: plan.amount, processingUntil: null },
  });
  if (count !== 1) throw new Error(`Checkout ${session.id} lost its claim while its payment was being applied.`);
  await recordCheckoutSessionEvent(tx, session.id, "checkout_session.completed");
  return { checkoutSessionId: session.id, connectionId };
};
