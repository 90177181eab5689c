import "server-only";
import type { Db } from "@/lib/db/client";
import { UNRESOLVED_CHARGE } from "@/lib/payments/charge-provider";
import { recordCheckoutSessionEvent } from "./record-wallet-events";

/**
 * The background sweep: every open checkout past its expiry that nobody is
 * paying becomes `expired`, with its `checkout_session.expired` event, in one
 * transaction (safe on many instances: a row another sweep expired first no
 * longer matches).
 */
export const expireDueWalletCheckouts = (db: Db, now = new Date()) =>
  db.$transaction(async (tx) => {
    const expired = await tx.walletCheckoutSession.updateManyAndReturn({
      where: {
        status: "open",
        lockedAt: null,
        expiresAt: { lte: now },
        OR: [{ processingUntil: null }, { processingUntil: { lt: now } }],
        // A charge whose outcome is not yet known keeps its session until the reconciler knows.
        charges: { none: UNRESOLVED_CHARGE },
      },
      data: { status: "expired", processingUntil: null },
      select: { id: true },
    });
    for (const { id } of expired) await recordCheckoutSessionEvent(tx, id, "checkout_session.expired");
    return expired.length;
  });
