import crypto from "node:crypto";
import type { Mode } from "@/lib/ids";

// contract "Hosted checkout pages": one token format for every hosted checkout. A session's client
// secret (≥ 128 bits, useful only to pay that one session) and the base URL of
// the server that knows it, as base64 JSON, exactly what Lava's front-end hook
// decodes with `JSON.parse(atob(token))`.

/** The family is in the secret's prefix, so the hosted entry point knows where to look. */
export const CHECKOUT_SECRET_PREFIXES = { wallet: "css", crypto: "cxs", card: "cds" } as const;
export type CheckoutFamily = keyof typeof CHECKOUT_SECRET_PREFIXES;

export const newCheckoutSecret = (family: CheckoutFamily, mode: Mode) =>
  `${CHECKOUT_SECRET_PREFIXES[family]}_${mode}_${crypto.randomBytes(32).toString("base64url")}`;

const SECRET_PATTERN = /^([a-z]+)_(test|live)_[A-Za-z0-9_-]{43}$/;

export const checkoutFamilyOf = (secret: string): CheckoutFamily | undefined => {
  const prefix = SECRET_PATTERN.exec(secret)?.[1];
  return (Object.keys(CHECKOUT_SECRET_PREFIXES) as CheckoutFamily[]).find(
    (family) => CHECKOUT_SECRET_PREFIXES[family] === prefix,
  );
};

/** `base` is the public base URL with its trailing slash, as the original API's example token has it. */
export const encodeCheckoutToken = (secret: string, publicBaseUrl: string) =>
  Buffer.from(tokenJson(secret, publicBaseUrl)).toString("base64");

const tokenJson = (secret: string, publicBaseUrl: string) => JSON.stringify({ secret, base: `${publicBaseUrl}/` });

/**
 * The secret of a token minted by this server, or undefined. Accepts base64
 * and base64url, padded or not (the token travels in paths and queries).
 */
export const decodeCheckoutToken = (token: string, publicBaseUrl: string): string | undefined => {
  if (token.length > 1024 || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(token)) return undefined;
  try {
    const decoded: unknown = JSON.parse(Buffer.from(token.replace(/-/g, "+").replace(/_/g, "/"), "base64").toString());
    if (!decoded || typeof decoded !== "object") return undefined;
    const { secret, base } = decoded as Record<string, unknown>;
    if (typeof secret !== "string" || base !== `${publicBaseUrl}/`) return undefined;
    return checkoutFamilyOf(secret) ? secret : undefined;
  } catch {
    return undefined;
  }
};

/** The hosted page of a session: `/checkout/{token}`, the token in base64url (contract "Hosted checkout pages"). */
export const hostedCheckoutUrl = (secret: string, publicBaseUrl: string) =>
  `${publicBaseUrl}/checkout/${Buffer.from(tokenJson(secret, publicBaseUrl)).toString("base64url")}`;
