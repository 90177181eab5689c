import "server-only";
import type { CardBrand } from "@/lib/card-number";
import type { Mode } from "@/lib/ids";

// What a card provider must do. Every call of every family goes through the
// payments core (lib/payments), which writes the operation row with its
// idempotency key first. A call never throws for a customer's card: declines
// are results. It throws when no answer came (a timeout, a network error, a
// provider 5xx): the outcome is then unknown, never a decline, and the
// reconciler asks the provider by the idempotency key what happened.

/** A card as typed by the customer: it is passed to the provider and never stored or logged. */
export type CardDetails = { number: string; expMonth: number; expYear: number; cvc: string };

/** What we keep of a card: the provider's reusable token and what a person recognises. */
export type SavedCard = { token: string; brand: CardBrand; last4: string };

export type ChargeRequest = {
  mode: Mode;
  /** Minor units of `currency`. */
  amount: bigint;
  currency: string;
  /** A new card, or a card saved by an earlier charge at the same provider. */
  source: { card: CardDetails } | { token: string };
  /** The provider charges at most once per key, so a retried call cannot charge twice. */
  idempotencyKey: string;
  /**
   * The customer is on a page that can run a 3-D Secure challenge. Without it
   * (a renewal, a saved card) a card that needs one is declined, as Stripe
   * declines an off-session payment with `authentication_required`.
   */
  threeDSecure?: boolean;
  /**
   * Which provider of a routing cascade this is (0 for the first asked). Test
   * providers use it to make Stripe's processing-error card a transient
   * fault of the first processor only, so the cascade has something to show.
   */
  cascadeIndex?: number;
  /** Aborted when the caller stops waiting (routing's timeout). */
  signal?: AbortSignal;
};

export type DeclineCode =
  | "card_declined"
  | "insufficient_funds"
  | "processing_error"
  | "authentication_required"
  | "authentication_failed"
  | "expired_card"
  | "test_mode_live_card";

export type ChargeResult =
  | { status: "succeeded"; reference: string; card: SavedCard }
  | {
      /** The issuer wants a 3-D Secure challenge; `completeAuthentication` finishes the charge. */
      status: "requires_action";
      reference: string;
      card: Omit<SavedCard, "token">;
    }
  | {
      status: "declined";
      code: DeclineCode;
      /** A soft decline may succeed elsewhere or later; routing cascades on it. */
      soft: boolean;
      message: string;
      card: Omit<SavedCard, "token">;
    };

export type AuthenticationRequest = {
  mode: Mode;
  /** The `reference` of the charge that answered `requires_action`. */
  reference: string;
  /** Whether the cardholder passed the issuer's challenge. */
  authenticated: boolean;
  idempotencyKey: string;
  signal?: AbortSignal;
};

export type RefundRequest = {
  mode: Mode;
  /** The `reference` of a succeeded charge. */
  reference: string;
  amount: bigint;
  currency: string;
  idempotencyKey: string;
  signal?: AbortSignal;
};

export type RefundResult = { status: "succeeded"; reference: string } | { status: "failed"; message: string };

/** The reconciler's question: what did you do with the call of this key? */
export type LookupRequest = { mode: Mode; idempotencyKey: string };

/** Percent (in basis points) plus a fixed part in hundredths of the currency's major unit. */
export type ProviderFee = { percentBps: number; fixedHundredths: number };

export type CardProvider = {
  name: string;
  currencies: readonly string[];
  brands: readonly CardBrand[];
  fee: ProviderFee;
  /** What a call usually takes: routing's speed estimate until it has observed calls. */
  nominalLatencyMs: number;
  charge(request: ChargeRequest): Promise<ChargeResult>;
  completeAuthentication(request: AuthenticationRequest): Promise<ChargeResult>;
  refund(request: RefundRequest): Promise<RefundResult>;
  /**
   * The answer the provider gave (or would replay) for a charge or 3-D Secure
   * completion with this key; undefined when it never received that call.
   * Throws when the provider cannot be asked.
   */
  lookupCharge(request: LookupRequest): Promise<ChargeResult | undefined>;
  /** The same for a refund. */
  lookupRefund(request: LookupRequest): Promise<RefundResult | undefined>;
};
