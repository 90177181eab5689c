import crypto from "node:crypto";
import { cardDigits, detectCardBrand } from "@/lib/card/card-number";
import type { CardProvider, ChargeRequest, ChargeResult, DeclineCode } from "@/lib/providers/types";

// A test connector that behaves like a card processor in test mode: Stripe's
// published test card numbers decide the outcome (SPEC §4), any other number
// is refused as a real card used in test mode. Saved-card tokens carry only the
// brand and last four, which is all a test outcome depends on.

const DECLINES: Record<string, { code: DeclineCode; soft: boolean; message: string }> = {
  "4000000000000002": { code: "card_declined", soft: false, message: "The card was declined." },
  "4000000000009995": { code: "insufficient_funds", soft: false, message: "The card has insufficient funds." },
  "4000000000000119": {
    code: "processing_error",
    soft: true,
    message: "The card could not be processed. Try again.",
  },
  "4000000000003220": {
    code: "authentication_required",
    soft: false,
    message: "The card requires 3-D Secure authentication.",
  },
};

// Stripe's test numbers that succeed, one or more per brand.
const SUCCEEDS = new Set([
  "4242424242424242",
  "4000056655665556",
  "5555555555554444",
  "2223003122003222",
  "5200828282828210",
  "5105105105105100",
  "378282246310005",
  "371449635398431",
  "6011111111111117",
  "6011000990139424",
  "3056930009020004",
  "36227206271667",
  "3566002020360505",
  "6200000000000005",
]);

const last4Of = (digits: string) => digits.slice(-4);

// A saved card's outcome is that of the test number with its last four.
const OUTCOME_BY_LAST4 = new Map<string, string>(
  [...SUCCEEDS, ...Object.keys(DECLINES)].map((number) => [last4Of(number), number]),
);

const TOKEN_PATTERN = /^tok_test_([a-z]+)_(\d{4})_[A-Za-z0-9_-]+$/;

export const createTestCardProvider = (name = "test"): CardProvider => ({
  name,
  currencies: ["USD", "EUR", "GBP", "AUD", "CAD", "JPY"],
  brands: ["visa", "mastercard", "amex", "discover", "diners", "jcb", "unionpay"],
  charge: async (request: ChargeRequest): Promise<ChargeResult> => {
    const { number, brand } = resolveSource(request);
    const card = { brand, last4: last4Of(number) };
    if ("card" in request.source) {
      const { expMonth, expYear } = request.source.card;
      const now = new Date();
      if (expYear < now.getUTCFullYear() || (expYear === now.getUTCFullYear() && expMonth < now.getUTCMonth() + 1)) {
        return { status: "declined", code: "expired_card", soft: false, message: "The card has expired.", card };
      }
    }
    const decline = DECLINES[number];
    if (decline) return { status: "declined", ...decline, card };
    if (!SUCCEEDS.has(number)) {
      return {
        status: "declined",
        code: "test_mode_live_card",
        soft: false,
        message: "This is test mode: use a test card number such as 4242 4242 4242 4242.",
        card,
      };
    }
    // Deterministic per idempotency key, as a provider's idempotent replay is.
    const reference = `ch_test_${crypto.createHash("sha256").update(request.idempotencyKey).digest("hex").slice(0, 24)}`;
    const token = "token" in request.source ? request.source.token : newToken(card.brand, card.last4);
    return { status: "succeeded", reference, card: { ...card, token } };
  },
});

const newToken = (brand: string, last4: string) =>
  `tok_test_${brand}_${last4}_${crypto.randomBytes(12).toString("base64url")}`;

const resolveSource = (request: ChargeRequest) => {
  if ("card" in request.source) {
    const number = cardDigits(request.source.card.number);
    return { number, brand: detectCardBrand(number) };
  }
  const match = TOKEN_PATTERN.exec(request.source.token);
  const number = match ? OUTCOME_BY_LAST4.get(match[2]) : undefined;
  if (!match || !number) throw new Error("Unknown saved card token for the test card provider.");
  return { number, brand: detectCardBrand(number) };
};
