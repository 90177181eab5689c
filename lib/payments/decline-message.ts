import "server-only";
import type { MessageKey } from "@/lib/i18n/messages";
import type { DeclineCode } from "@/lib/providers/types";

/** What a customer is told about each decline, as a catalog key; no decline code means the provider did not answer. */
const DECLINE_MESSAGE_KEYS: Record<DeclineCode, MessageKey> = {
  card_declined: "decline.card_declined",
  insufficient_funds: "decline.insufficient_funds",
  processing_error: "decline.processing_error",
  authentication_required: "decline.authentication_required",
  authentication_failed: "decline.authentication_failed",
  expired_card: "decline.expired_card",
  test_mode_live_card: "decline.test_mode_live_card",
};

export const declineMessageKey = (code: DeclineCode | undefined): MessageKey =>
  code ? DECLINE_MESSAGE_KEYS[code] : "errors.noAnswer";
