import type { CardPaymentOutcome } from "@/lib/card/apply-attempt-outcome";
import { ApiError } from "./errors";

/**
 * The hosted page's view of an attempt: a decline with attempts left is a 402
 * (the form shows it and the customer tries again); everything else is 200
 * with what to do next: follow `redirectUrl`, or show the 3-D Secure challenge.
 */
export const cardOutcomeResponse = (outcome: CardPaymentOutcome): Response => {
  if (outcome.status === "DECLINED") {
    const left = outcome.attemptsRemaining === 1 ? "1 attempt left" : `${outcome.attemptsRemaining} attempts left`;
    throw new ApiError("card_declined", `${outcome.message} (${left})`, { param: "card.number" });
  }
  return Response.json(outcome);
};
