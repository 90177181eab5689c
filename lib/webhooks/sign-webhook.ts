import "server-only";
import crypto from "node:crypto";
import { Webhook } from "standardwebhooks";

// Standard Webhooks (standardwebhooks.com): `webhook-id` (the event id, the
// same on every retry, for the receiver's de-duplication), `webhook-timestamp`
// (seconds) and `webhook-signature` ("v1,<base64 HMAC-SHA256>"; several,
// space-separated, while a rotated secret is still honoured).

const SECRET_PREFIX = "whsec_";

/** A new signing secret: 32 random bytes, base64, with the `whsec_` prefix the libraries expect. */
export const newSigningSecret = () => `${SECRET_PREFIX}${crypto.randomBytes(32).toString("base64")}`;

export const webhookHeaders = (secrets: string[], messageId: string, timestamp: Date, body: string) => ({
  "content-type": "application/json",
  "user-agent": "Tillpoint-Webhooks/1",
  "webhook-id": messageId,
  "webhook-timestamp": String(Math.floor(timestamp.getTime() / 1000)),
  "webhook-signature": secrets.map((secret) => new Webhook(secret).sign(messageId, timestamp, body)).join(" "),
});
