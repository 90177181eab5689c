import type { CardBrand } from "@/lib/card/card-number";
import type { Mode } from "@/lib/ids";

// What a card connector must do (SPEC §4). Every card charge of every family
// goes through `CardProvider.charge`; the card issue adds more connectors and
// routing between them. A charge never throws for a customer's card: declines
// are results. It throws only when the provider itself could not be asked.

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
};

export type DeclineCode =
  | "card_declined"
  | "insufficient_funds"
  | "processing_error"
  | "authentication_required"
  | "expired_card"
  | "test_mode_live_card";

export type ChargeResult =
  | { status: "succeeded"; reference: string; card: SavedCard }
  | {
      status: "declined";
      code: DeclineCode;
      /** A soft decline may succeed elsewhere or later; routing cascades on it. */
      soft: boolean;
      message: string;
      card: Omit<SavedCard, "token">;
    };

export type CardProvider = {
  name: string;
  currencies: readonly string[];
  brands: readonly CardBrand[];
  charge(request: ChargeRequest): Promise<ChargeResult>;
};
