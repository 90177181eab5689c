import "server-only";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { decodeCheckoutToken } from "@/lib/security/checkout-token";
import { findHostedCheckout } from "./find-hosted-checkout";

/** A malformed token, another server's base URL or an unknown secret: all undefined (the not-found page). */
export const findCheckoutByToken = async (token: string | undefined) => {
  const secret = token ? decodeCheckoutToken(token, env().publicBaseUrl) : undefined;
  return secret ? findHostedCheckout(db(), secret) : undefined;
};
