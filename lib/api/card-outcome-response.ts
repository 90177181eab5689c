import type { CardPaymentOutcome } from "@/lib/card/apply-attempt-outcome";
import { englishMessage } from "@/lib/i18n/english";
import { declineMessageKey } from "@/lib/payments/decline-message";
import { ApiError } from "./errors";
import type { Translate } from "./hosted-messages";

/**
 * The hosted page's view of an attempt, in the customer's language: a decline
 * with attempts left is a 402 (the form shows it and the customer tries
 * again); everything else is 200 with what to do next: follow `redirectUrl`,
 * or show the 3-D Secure challenge.
 */
export const cardOutcomeResponse = (outcome: CardPaymentOutcome, t: Translate): Response => {
  switch (outcome.status) {
    case "DECLINED": {
      const key = declineMessageKey(outcome.declineCode);
      const count = outcome.attemptsRemaining;
      throw new ApiError(
        "card_declined",
        englishMessage("decline.withAttemptsLeft", { message: englishMessage(key), count }),
        { param: "card.number", messageKey: "decline.withAttemptsLeft", messageValues: { message: t(key), count } },
      );
    }
    case "FAILED":
      return Response.json({
        status: outcome.status,
        message: t(declineMessageKey(outcome.declineCode)),
        redirectUrl: outcome.redirectUrl,
      });
    case "PROCESSING":
      return Response.json({ status: outcome.status, message: t("errors.beingConfirmed") });
    default:
      return Response.json(outcome);
  }
};
