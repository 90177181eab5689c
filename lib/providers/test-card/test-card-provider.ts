import "server-only";
import crypto from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { type CardBrand, cardDigits, detectCardBrand } from "@/lib/card-number";
import type {
  CardProvider,
  ChargeRequest,
  ChargeResult,
  DeclineCode,
  ProviderFee,
  RefundResult,
  SavedCard,
} from "@/lib/providers/types";
import { memoryTestProviderStore, type TestProviderStore } from "./test-provider-store";

// A test provider that behaves like a card processor in test mode: Stripe's
// published test card numbers decide the outcome, any other number is refused
// as a real card used in test mode. Saved-card tokens and 3-D Secure
// references carry only the brand and last four, which is all a test outcome
// depends on. Each provider has its own currencies, brands, fee and latency,
// so routing has real differences to weigh. Like a real processor it keeps
// what it did per idempotency key (its store): a repeated call replays the
// first answer, and `lookupCharge`/`lookupRefund` tell the reconciler.

export type TestProviderProfile = {
  name: string;
  currencies: readonly string[];
  brands: readonly CardBrand[];
  fee: ProviderFee;
  /** Each call sleeps about this long (±25%), as a network round trip would. 0 for none. */
  latencyMs: number;
};

const ALL_BRANDS: readonly CardBrand[] = ["visa", "mastercard", "amex", "discover", "diners", "jcb", "unionpay"];

/** The wallet dialect's provider: instant, and charges in the currencies the wallet speaks. */
const DEFAULT_PROFILE: TestProviderProfile = {
  name: "test",
  currencies: ["USD", "EUR", "GBP", "AUD", "CAD", "JPY"],
  brands: ALL_BRANDS,
  fee: { percentBps: 290, fixedHundredths: 30 },
  latencyMs: 0,
};

const DECLINES: Record<string, { code: DeclineCode; soft: boolean; message: string }> = {
  "4000000000000002": { code: "card_declined", soft: false, message: "The card was declined." },
  "4000000000009995": { code: "insufficient_funds", soft: false, message: "The card has insufficient funds." },
  "4000000000000119": {
    code: "processing_error",
    soft: true,
    message: "The card could not be processed. Try again.",
  },
};

const PROCESSING_ERROR = "4000000000000119";

// Ours (README "Exactly once"): the provider does the work and records it,
// then never answers, so the caller times out not knowing. The reconciler's
// lookup then finds a success, or a decline. Their refunds go silent too.
const SILENT_SUCCEEDS = "4000000000000408";
const SILENT_DECLINES = "4000000000000416";
const SILENT = new Set([SILENT_SUCCEEDS, SILENT_DECLINES]);

// Needs a 3-D Secure challenge: completed on a hosted page, declined anywhere else.
const THREE_D_SECURE = "4000000000003220";

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
  [...SUCCEEDS, ...Object.keys(DECLINES), THREE_D_SECURE, ...SILENT].map((number) => [last4Of(number), number]),
);

/** A silent provider: nothing comes back until the caller gives up (its abort signal), or ever. */
const SILENCE_MS = 10 * 60_000;
const goSilent = async (signal?: AbortSignal): Promise<never> => {
  await sleep(SILENCE_MS, undefined, { signal, ref: false });
  throw new Error("The test provider never answered.");
};

const TOKEN_PATTERN = /^tok_test_([a-z]+)_(\d{4})_[A-Za-z0-9_-]+$/;
const AUTHENTICATION_PATTERN = /^pi_test_([a-z]+)_(\d{4})_[A-Za-z0-9_-]+$/;

export const createTestCardProvider = (
  profile: TestProviderProfile = DEFAULT_PROFILE,
  store: TestProviderStore = memoryTestProviderStore(),
): CardProvider => {
  const respond = async (signal?: AbortSignal) => {
    if (profile.latencyMs > 0) await sleep(profile.latencyMs * (0.75 + Math.random() / 2), undefined, { signal });
  };
  // Deterministic per idempotency key, as a provider's idempotent replay is.
  const referenceOf = (prefix: string, key: string) =>
    `${prefix}_test_${crypto.createHash("sha256").update(`${profile.name}:${key}`).digest("hex").slice(0, 24)}`;
  const replayOf = async <T>(key: string) => (await store.find(profile.name, key))?.result as T | undefined;
  const recorded = async <T extends ChargeResult | RefundResult>(
    kind: "charge" | "authentication" | "refund",
    key: string,
    result: T,
  ) => {
    const reference = "reference" in result ? result.reference : null;
    return (await store.record(profile.name, key, { kind, result, reference })).result as T;
  };

  const decideCharge = (request: ChargeRequest, number: string, brand: CardBrand): ChargeResult => {
    const card = { brand, last4: last4Of(number) };
    if ("card" in request.source) {
      const { expMonth, expYear } = request.source.card;
      const now = new Date();
      if (expYear < now.getUTCFullYear() || (expYear === now.getUTCFullYear() && expMonth < now.getUTCMonth() + 1)) {
        return { status: "declined", code: "expired_card", soft: false, message: "The card has expired.", card };
      }
    }
    if (number === THREE_D_SECURE) {
      if (!request.threeDSecure) {
        const message = "The card requires 3-D Secure authentication.";
        return { status: "declined", code: "authentication_required", soft: false, message, card };
      }
      const reference = `pi_test_${brand}_${card.last4}_${crypto.randomBytes(12).toString("base64url")}`;
      return { status: "requires_action", reference, card };
    }
    const decline = number === SILENT_DECLINES ? DECLINES["4000000000000002"] : DECLINES[number];
    // The processing error is a transient fault of whichever processor is asked first.
    const transient = number === PROCESSING_ERROR && (request.cascadeIndex ?? 0) > 0;
    if (decline && !transient) return { status: "declined", ...decline, card };
    if (!SUCCEEDS.has(number) && number !== SILENT_SUCCEEDS && !transient) {
      return {
        status: "declined",
        code: "test_mode_live_card",
        soft: false,
        message: "This is test mode: use a test card number such as 4242 4242 4242 4242.",
        card,
      };
    }
    const token = "token" in request.source ? request.source.token : newToken(card.brand, card.last4);
    return { status: "succeeded", reference: referenceOf("ch", request.idempotencyKey), card: { ...card, token } };
  };

  return {
    name: profile.name,
    currencies: profile.currencies,
    brands: profile.brands,
    fee: profile.fee,
    nominalLatencyMs: profile.latencyMs,
    charge: async (request) => {
      await respond(request.signal);
      const replay = await replayOf<ChargeResult>(request.idempotencyKey);
      if (replay) return replay;
      const { number, brand } = resolveSource(request);
      const result = await recorded("charge", request.idempotencyKey, decideCharge(request, number, brand));
      if (SILENT.has(number)) await goSilent(request.signal);
      return result;
    },
    completeAuthentication: async (request) => {
      await respond(request.signal);
      const replay = await replayOf<ChargeResult>(request.idempotencyKey);
      if (replay) return replay;
      const match = AUTHENTICATION_PATTERN.exec(request.reference);
      if (!match) throw new Error("Unknown 3-D Secure reference for the test card provider.");
      const card = { brand: match[1] as CardBrand, last4: match[2] };
      if (!request.authenticated) {
        const message = "The cardholder did not complete 3-D Secure authentication.";
        return recorded("authentication", request.idempotencyKey, {
          status: "declined",
          code: "authentication_failed",
          soft: false,
          message,
          card,
        });
      }
      const saved: SavedCard = { ...card, token: newToken(card.brand, card.last4) };
      return recorded("authentication", request.idempotencyKey, {
        status: "succeeded",
        reference: referenceOf("ch", request.idempotencyKey),
        card: saved,
      });
    },
    refund: async (request) => {
      await respond(request.signal);
      const replay = await replayOf<RefundResult>(request.idempotencyKey);
      if (replay) return replay;
      const charged = (await store.findByReference(request.reference))?.result as ChargeResult | undefined;
      if (!charged && !/^ch_test_[0-9a-f]{24}$/.test(request.reference)) {
        throw new Error("Unknown charge reference for the test card provider.");
      }
      const result = await recorded("refund", request.idempotencyKey, {
        status: "succeeded",
        reference: referenceOf("re", request.idempotencyKey),
      });
      const silent = charged && [...SILENT].some((number) => last4Of(number) === charged.card.last4);
      if (silent) await goSilent(request.signal);
      return result;
    },
    lookupCharge: async ({ idempotencyKey }) => {
      const found = await store.find(profile.name, idempotencyKey);
      return found && found.kind !== "refund" ? (found.result as ChargeResult) : undefined;
    },
    lookupRefund: async ({ idempotencyKey }) => {
      const found = await store.find(profile.name, idempotencyKey);
      return found?.kind === "refund" ? (found.result as RefundResult) : undefined;
    },
  };
};

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
