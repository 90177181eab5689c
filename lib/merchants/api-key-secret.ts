import "server-only";
import crypto from "node:crypto";
import type { Mode } from "@/lib/ids";

// `sk_test_` / `sk_live_` + 32 random bytes (256 bits) in base64url. Only the
// SHA-256 is stored: a fast hash is right for a high-entropy secret (no
// dictionary to try), and it lets one indexed lookup authenticate a request.
export const generateApiKeySecret = (mode: Mode) => `sk_${mode}_${crypto.randomBytes(32).toString("base64url")}`;

export const hashApiKeySecret = (secret: string) => crypto.createHash("sha256").update(secret).digest("hex");

/** What a person sees in listings: `sk_test_…Ab3x`. */
export const redactApiKeySecret = (secret: string) =>
  `${secret.slice(0, secret.indexOf("_", 3) + 1)}…${secret.slice(-4)}`;

export const API_KEY_PATTERN = /^sk_(test|live)_[A-Za-z0-9_-]{43}$/;
