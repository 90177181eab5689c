import { Lava } from "@lavapayments/nodejs";
import { api, BASE_URL } from "./api";
import { CUSTOMER, TEST_CARD } from "./wallet-customer";

// Wallet-dialect helpers: the real Lava SDK pointed at our server, and the
// hosted form's own endpoint, called as the browser calls it.

export const PUBLIC_BASE_URL = process.env.TEST_PUBLIC_BASE_URL ?? BASE_URL;

export const lavaClient = (apiKey: string) =>
  new Lava(apiKey, { apiVersion: "2025-04-28.v1", baseUrl: `${BASE_URL}/v1/` });

/** The checkout token, decoded as Lava's front-end hook decodes it. */
export const decodeToken = (token: string) => JSON.parse(atob(token)) as { secret: string; base: string };

export { CUSTOMER, DECLINED_CARD, TEST_CARD } from "./wallet-customer";

/** Pays a session through the hosted form's endpoint. */
export const payCheckout = (token: string, body: unknown) =>
  api(`/api/hosted/wallet/${decodeToken(token).secret}`, { method: "POST", body });

/** The SDK's error message carries the status and our error object: "Lava API Error: 404 Not Found - {…}". */
export const lavaError = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    const match = /^Lava API Error: (\d{3}) [^-]*- (.*)$/s.exec((error as Error).message);
    if (!match) throw error;
    return {
      status: Number(match[1]),
      error: JSON.parse(match[2]) as { code: string; param?: string; message: string },
    };
  }
  throw new Error("Expected the Lava SDK call to fail");
};

/** Onboards a customer end to end and returns the new connection's id. */
export const onboard = async (lava: Lava, amount = "25.00") => {
  const session = await lava.checkoutSessions.create({
    checkout_mode: "onboarding",
    origin_url: "https://shop.example.com/",
  });
  const paid = await payCheckout(session.checkout_session_token, { ...CUSTOMER, card: TEST_CARD, amount });
  if (paid.status !== 200) throw new Error(`Onboarding failed: ${paid.text}`);
  return paid.json.connection_id as string;
};
