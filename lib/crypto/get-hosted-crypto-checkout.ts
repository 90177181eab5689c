import "server-only";
import type { Db } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import { log } from "@/lib/log";
import { expireDueCryptoSessions } from "./close-crypto-session";
import { evaluationOf } from "./crypto-json";
import { getCryptoSessionBySecret } from "./get-crypto-sessions";
import { assetsOffered, quoteCryptoSession } from "./quote-crypto-session";

/**
 * A session as its hosted page shows it, brought up to date first: an open
 * session past its expiry is expired now (not at the next sweep), and an
 * expired quote of an open session is renewed at the current rate.
 */
export const getHostedCryptoCheckout = async (db: Db, secret: string, now = new Date()) => {
  let row = await getCryptoSessionBySecret(db, secret);
  if (!row) return undefined;
  if (row.status === "open" && row.expiresAt <= now) {
    await expireDueCryptoSessions(db, now, row.id);
    row = await getCryptoSessionBySecret(db, secret);
  } else if (row.status === "open" && row.quoteAsset && row.quoteExpiresAt && row.quoteExpiresAt <= now) {
    // A failed re-quote leaves the old quote showing as expired; the page says so.
    const sessionId = row.id;
    await quoteCryptoSession(db, row, row.quoteAsset, now).catch((error) =>
      log.warn({ err: error, crypto_session_id: sessionId }, "A crypto re-quote failed"),
    );
    row = await getCryptoSessionBySecret(db, secret);
  }
  if (!row) return undefined;
  return { ...row, evaluation: evaluationOf(row), assetsOffered: assetsOffered(row) };
};

export type HostedCryptoCheckout = NonNullable<Awaited<ReturnType<typeof getHostedCryptoCheckout>>>;

/** The same for the hosted page's own endpoints: 404 when the secret is unknown. */
export const getHostedCryptoCheckoutOrThrow = async (db: Db, secret: string) => {
  const session = await getHostedCryptoCheckout(db, secret);
  if (!session) throw new DomainError("not_found", "No such checkout.");
  return session;
};
