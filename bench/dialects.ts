import { decodeCheckoutToken } from "@/lib/security/checkout-token";
import { seedSessionBody } from "@/tests/support/card";
import { checkoutBody } from "@/tests/support/crypto";

// What the bench calls in each dialect: the create a merchant's server sends
// (a fresh Idempotency-Key per request: `[<id>]` is replaced by autocannon),
// the GET and list it polls, and the hosted pages its customers open.

export type DialectName = "wallet" | "crypto" | "card";

export type HostedPage = { name: string; path: string };

export type Dialect = {
  name: DialectName;
  label: string;
  /** The table its sessions live in (growth pre-loads it). */
  table: "wallet_checkout_sessions" | "crypto_checkout_sessions" | "card_sessions";
  createPath: string;
  createBody: string;
  getPath: (id: string) => string;
  listPath: string;
  /** The session's id and hosted pages, from the create answer. */
  created: (json: Record<string, unknown>, publicBaseUrl: string) => { id: string; pages: HostedPage[] };
};

const pathOf = (url: unknown) => new URL(String(url)).pathname;

export const DIALECTS: Dialect[] = [
  {
    name: "wallet",
    label: "wallet (Lava)",
    table: "wallet_checkout_sessions",
    createPath: "/v1/checkout_sessions",
    createBody: JSON.stringify({
      checkout_mode: "onboarding",
      origin_url: "https://shop.example.com/",
      reference_id: "order-[<id>]",
    }),
    getPath: (id) => `/v1/checkout_sessions/${id}`,
    listPath: "/v1/checkout_sessions",
    created: (json, publicBaseUrl) => {
      const token = String(json.checkout_session_token);
      const secret = decodeCheckoutToken(token, publicBaseUrl);
      if (!secret) throw new Error(`The wallet token names another server: ${token}`);
      return {
        id: String(json.checkout_session_id),
        pages: [
          { name: "wallet checkout page", path: `/checkout/${encodeURIComponent(token)}` },
          { name: "wallet embed page", path: `/embed/checkout/${secret}` },
        ],
      };
    },
  },
  {
    name: "crypto",
    label: "crypto (WeWire)",
    table: "crypto_checkout_sessions",
    createPath: "/api/v1/checkout",
    createBody: JSON.stringify(checkoutBody({ metadata: { orderId: "[<id>]" } })),
    getPath: (id) => `/api/v1/checkout/sessions/${id}`,
    listPath: "/api/v1/checkout",
    created: (json) => ({
      id: String(json.id),
      pages: [{ name: "crypto checkout page", path: pathOf(json.checkoutUrl) }],
    }),
  },
  {
    name: "card",
    label: "card (Kadosei)",
    table: "card_sessions",
    createPath: "/api/v1/sessions",
    createBody: JSON.stringify(seedSessionBody({ orderReference: "ORD-[<id>]" })),
    getPath: (id) => `/api/v1/sessions/${id}`,
    listPath: "/api/v1/sessions",
    created: (json) => ({
      id: String(json.sessionId),
      pages: [{ name: "card checkout page", path: pathOf(json.checkoutUrl) }],
    }),
  },
];

/** The page every hosted page is compared with (app/bench/empty). */
export const EMPTY_PAGE: HostedPage = { name: "empty page", path: "/bench/empty" };
