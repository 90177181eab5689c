// Every event type Tillpoint emits (contract "Webhooks"), by the family that emits it.
// An endpoint may subscribe to any of them; an unknown type is a 400.
export const EVENT_TYPES = {
  // wallet checkout (Lava dialect)
  "checkout_session.completed": "A wallet checkout session was paid.",
  "checkout_session.expired": "A wallet checkout session ran out unpaid.",
  "checkout_session.locked": "A wallet checkout session was locked after too many failed payment attempts.",
  "connection.created": "A customer's wallet connection was created by a checkout.",
  "connection.deleted": "A wallet connection was deleted.",
  "subscription.created": "A subscription started.",
  "subscription.renewed": "A subscription was charged for a new billing cycle.",
  "subscription.cancelled": "A subscription ended (cancelled, its connection deleted, or its renewal declined).",
  "wallet.balance_updated": "A ledger entry changed a connection's wallet or credit balance.",
  "request.completed": "A metered request was recorded and paid (POST /v1/requests).",
  "wallet.low_balance":
    "A metered request took a connection's spendable balance below the merchant's low_balance_threshold.",
  // crypto checkout (WeWire dialect); the object carries the session's metadata
  "crypto_checkout.pending": "A payment was seen on chain and is waiting for confirmations.",
  "crypto_checkout.completed": "A crypto checkout session was paid in full.",
  "crypto_checkout.expired":
    "A crypto checkout session ran out unpaid, or with a part paid (`payment.underpaid`, `payment.amountReceived`).",
  "crypto_checkout.canceled": "A crypto checkout session was canceled.",
  "crypto_checkout.reopened": "A payment was dropped by a chain reorganisation; the session is open again.",
  "crypto_checkout.updated":
    "The amounts or flags (overpaid, underpaid, paid late) of a session changed, its status did not.",
  // card payment sessions (Kadosei dialect)
  "session.completed": "A card payment session was paid.",
  "session.failed": "A card payment session used up its payment attempts.",
  "session.expired": "A card payment session ran out unpaid.",
  "session.cancelled": "A card payment session was cancelled by the merchant.",
  "refund.completed": "A refund of a card payment session succeeded.",
  "refund.failed": "The card provider refused a refund, or has no record of it; nothing was refunded.",
  // the payments core (every family): an operation whose outcome the provider has not told us for too long
  "charge.unresolved": "A card charge's outcome is still unknown after the reconciliation window; look at it.",
  "refund.unresolved": "A refund's outcome is still unknown after the reconciliation window; look at it.",
  // webhooks themselves
  "webhook_endpoint.disabled": "An endpoint failed for the whole retry window and was disabled.",
  "webhook_endpoint.test":
    "A test event the merchant sent to one endpoint from the dashboard; it goes to that endpoint only, whatever its filter.",
} as const;

export type EventType = keyof typeof EVENT_TYPES;

export const EVENT_TYPE_NAMES = Object.keys(EVENT_TYPES) as [EventType, ...EventType[]];

/** The version of the event envelope; it changes only with an incompatible change. */
export const EVENT_VERSION = 1;
