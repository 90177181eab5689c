import "server-only";
import type { BillingInterval, WalletCheckoutMode } from "@/lib/generated/prisma/enums";
import type { HostedWalletCheckout } from "./get-hosted-wallet-checkout";
import { checkoutStatus } from "./wallet-json";

/**
 * What the hosted wallet page shows. `phase` picks the page: a result
 * (`expired`, `completed`, `locked`), a payment whose outcome is not known yet
 * (`in_progress`), or the form (`payable`). The form's kind follows the
 * checkout mode, and a subscription without a wallet asks for the customer
 * too. Amounts are cents.
 */
export type HostedWalletView = {
  id: string;
  secret: string;
  testMode: boolean;
  currency: string;
  /** The page that opened the checkout: where "cancel" goes, and the only origin an embed talks to. */
  originUrl: string;
  phase: "expired" | "completed" | "locked" | "in_progress" | "payable";
  checkoutMode: WalletCheckoutMode;
  form: "onboarding" | "topup" | "subscription" | "new_subscriber" | "credit_bundle";
  /** What was paid, once completed. */
  paidAmount: bigint | null;
  connectionId: string | null;
  wallet: {
    subscriber: string;
    savedCard: { brand: string; last4: string };
    balance: bigint;
  } | null;
  plan: { name: string; price: bigint; includedCredit: bigint; interval: BillingInterval } | null;
  bundle: { name: string; credit: bigint; price: bigint } | null;
};

export const hostedWalletView = (session: HostedWalletCheckout, now = new Date()): HostedWalletView => {
  const status = checkoutStatus(session, now);
  const { connection, subscriptionConfig: plan, creditBundle: bundle } = session;
  const processing = (session.processingUntil !== null && session.processingUntil > now) || session.charges.length > 0;
  return {
    id: session.id,
    secret: session.secret,
    testMode: session.mode === "test",
    currency: session.currency,
    originUrl: session.originUrl,
    phase:
      status === "expired" || status === "completed" || status === "locked"
        ? status
        : processing
          ? "in_progress"
          : "payable",
    checkoutMode: session.checkoutMode,
    form: session.checkoutMode === "subscription" && !connection ? "new_subscriber" : session.checkoutMode,
    paidAmount: session.amount,
    connectionId: session.connectionId,
    wallet: connection
      ? {
          subscriber: `${connection.firstName} ${connection.lastName}`,
          savedCard: { brand: connection.cardBrand, last4: connection.cardLast4 },
          balance: session.balances?.wallet ?? 0n,
        }
      : null,
    plan: plan
      ? {
          name: plan.name,
          price: plan.periodAmount,
          includedCredit: plan.includedCredit,
          interval: plan.billingInterval,
        }
      : null,
    bundle: bundle ? { name: bundle.name, credit: bundle.creditAmount, price: bundle.cost } : null,
  };
};
