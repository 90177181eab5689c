import { randomFillSync } from "node:crypto";
import { monotonicFactory } from "ulid";

// Prefixed, K-sortable ids (prefix + ULID), as the Lava dialect shows them:
// `cs_test_01KJHF4SFHW93DY4BVF227F33V`. Sorting ids sorts by creation time,
// which is what cursor pagination relies on. The monotonic factory keeps ids
// created within one millisecond in order.

// ulid's own source asks the system for one byte per character (16 calls per
// id, and every request mints one: 8 % of a trivial request's CPU). This one
// draws the same CSPRNG's bytes from a 4 KiB pool; byte / 256 maps onto the 32
// characters uniformly.
const POOL_BYTES = 4096;
const pool = Buffer.alloc(POOL_BYTES);
let next = POOL_BYTES;
/** A uniform fraction in [0, 1) in steps of 1/256, from the system's CSPRNG (exported for its test). */
export const pooledRandom = () => {
  if (next === POOL_BYTES) {
    randomFillSync(pool);
    next = 0;
  }
  return pool[next++] / 256;
};

const nextUlid = monotonicFactory(pooledRandom);

export const ID_PREFIXES = {
  merchant: "mer",
  apiKey: "key",
  idempotencyKey: "idem",
  request: "req",
  // wallet checkout (Lava dialect); the first two carry the mode: `con_test_…`
  connection: "con",
  walletCheckoutSession: "cs",
  subscriptionConfig: "sc",
  creditBundle: "cb",
  meter: "mtr",
  subscription: "sub",
  ledgerEntry: "le",
  meteredRequest: "mreq",
  charge: "ch",
  // crypto checkout (WeWire dialect, whose ids carry no mode)
  cryptoCheckoutSession: "ccs",
  cryptoCustomer: "cus",
  cryptoAccount: "cxa",
  cryptoTransfer: "ctr",
  // card payment sessions (Kadosei dialect; the session itself has a UUID)
  cardPaymentAttempt: "att",
  cardRefund: "re",
  // webhooks (contract "Webhooks")
  event: "evt",
  webhookEndpoint: "whep",
  webhookDelivery: "whd",
  webhookDeliveryAttempt: "wha",
  // dashboard sign-in (README "Merchant dashboard")
  dashboardUser: "usr",
  dashboardSession: "uss",
  dashboardAccount: "uac",
} as const;

export type IdKind = keyof typeof ID_PREFIXES;

export type Mode = "test" | "live";

/** `newId("apiKey")` → `key_01J…`; with a mode the dialect's mode infix: `cs_test_01J…`. */
export const newId = (kind: IdKind, mode?: Mode): string =>
  mode ? `${ID_PREFIXES[kind]}_${mode}_${nextUlid()}` : `${ID_PREFIXES[kind]}_${nextUlid()}`;

const ULID = "[0-9A-HJKMNP-TV-Z]{26}";

/** True when `id` has the shape of an id of this kind (cheap 404 before any query). */
export const isId = (kind: IdKind, id: string): boolean =>
  new RegExp(`^${ID_PREFIXES[kind]}_((test|live)_)?${ULID}$`).test(id);
