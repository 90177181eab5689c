import "server-only";
import type { Db } from "@/lib/db/client";
import type { CryptoAsset } from "@/lib/generated/prisma/enums";
import { scopeOf } from "@/lib/scope";
import { closeCryptoSession } from "./close-crypto-session";
import { getHostedCryptoCheckoutOrThrow } from "./get-hosted-crypto-checkout";
import { quoteCryptoSession } from "./quote-crypto-session";
import { type SimulatedPayment, simulateCryptoPayment } from "./simulate-crypto-payment";

// What the customer does on the hosted crypto page. The client secret stands
// for the session and its merchant's scope; an unknown secret is a 404. Each
// action returns the session as the page shows it afterwards.

export const chooseHostedCryptoAsset = async (db: Db, secret: string, asset: CryptoAsset) => {
  await quoteCryptoSession(db, await getHostedCryptoCheckoutOrThrow(db, secret), asset);
  return getHostedCryptoCheckoutOrThrow(db, secret);
};

/** Test mode only (see simulateCryptoPayment). */
export const simulateHostedCryptoPayment = async (db: Db, secret: string, kind: SimulatedPayment) => {
  await simulateCryptoPayment(db, await getHostedCryptoCheckoutOrThrow(db, secret), kind);
  return getHostedCryptoCheckoutOrThrow(db, secret);
};

/** The customer gives up; the page then goes to the session's cancelUrl. */
export const cancelHostedCryptoSession = async (db: Db, secret: string) => {
  const session = await getHostedCryptoCheckoutOrThrow(db, secret);
  return closeCryptoSession(db, scopeOf(session), session.id, "canceled");
};
