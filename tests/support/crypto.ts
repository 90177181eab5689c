import crypto from "node:crypto";
import { HDKey } from "viem/accounts";
import { decodeCheckoutToken } from "@/lib/security/checkout-token";

// Crypto checkout (WeWire dialect) helpers, shared by the API and chain tests
// (which start their own server, so nothing here needs tests/support/api.ts).

/** A fresh account-level extended public key (m/44'/60'/0') of a random wallet. */
export const randomXpub = () => HDKey.fromMasterSeed(crypto.randomBytes(32)).derive("m/44'/60'/0'").publicExtendedKey;

export const checkoutBody = (overrides: Record<string, unknown> = {}) => ({
  amount: 100,
  currency: "USD",
  successUrl: "https://shop.example.com/success",
  cancelUrl: "https://shop.example.com/cancel",
  email: "ada@example.com",
  name: "Ada Lovelace",
  metadata: { orderId: "1234567890" },
  productId: "prod_1",
  productName: "Analytical Engine",
  productDescription: "A general-purpose mechanical computer",
  allowedAssets: [],
  ...overrides,
});

/** The client secret inside a session's checkoutUrl (/checkout/{base64url token}). */
export const secretOf = (checkoutUrl: string, publicBaseUrl: string) => {
  const token = new URL(checkoutUrl).pathname.split("/").pop() ?? "";
  const secret = decodeCheckoutToken(token, publicBaseUrl);
  if (!secret) throw new Error(`no secret in ${checkoutUrl}`);
  return secret;
};
