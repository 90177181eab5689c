import "server-only";
import { cardDigits, parseExpiry } from "@/lib/card-number";
import { DomainError } from "@/lib/errors";
import type { CardDetails } from "@/lib/providers/types";
import type { CardInput } from "@/lib/schemas/card";

/** A card as the hosted forms send it (already checked by its zod schema) → what a provider is given. */
export const toCardDetails = (card: CardInput): CardDetails => {
  const expiry = parseExpiry(card.expiry);
  if (!expiry) throw new DomainError("parameter_invalid", "Use the MM/YY format.", { param: "card.expiry" });
  return { number: cardDigits(card.number), expMonth: expiry.month, expYear: expiry.year, cvc: card.cvc };
};
