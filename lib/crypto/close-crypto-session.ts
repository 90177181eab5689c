import { ApiError } from "@/lib/api/errors";
import type { Db } from "@/lib/db/client";
import { recordCryptoSessionEvents } from "./record-crypto-session-events";

// SPEC §3: only an open session (no payment seen) can be expired or canceled.
// Repeating the same on an expired or canceled session changes nothing; a
// session with money on the way, or paid, cannot be closed (409).

export type CloseTarget = "expired" | "canceled";

/** Closes an open session by id; returns whether it changed. The status check and the write are one statement. */
export const closeCryptoSession = async (db: Db, id: string, target: CloseTarget): Promise<boolean> => {
  const closed = await db.$transaction(async (tx) => {
    const { count } = await tx.cryptoCheckoutSession.updateMany({
      where: { id, status: "open" },
      data: { status: target },
    });
    if (count === 1) await recordCryptoSessionEvents(tx, [{ id, type: `crypto_checkout.${target}` }]);
    return count === 1;
  });
  if (closed) return true;
  const row = await db.cryptoCheckoutSession.findUniqueOrThrow({ where: { id }, select: { status: true } });
  if (row.status === "expired" || row.status === "canceled") return false;
  throw new ApiError(
    "state_conflict",
    row.status === "completed"
      ? "This checkout session is paid; it can no longer be expired or canceled."
      : "A payment for this checkout session has been seen on chain; it can no longer be expired or canceled.",
  );
};

/**
 * The background sweep: every open session past its expiry, in one statement
 * (safe on many instances); with `id`, that one session only (the hosted page
 * expires its session the moment it is opened late).
 */
export const expireDueCryptoSessions = (db: Db, now = new Date(), id?: string) =>
  db.$transaction(async (tx) => {
    const expired = await tx.cryptoCheckoutSession.updateManyAndReturn({
      where: { id, status: "open", expiresAt: { lte: now } },
      data: { status: "expired" },
      select: { id: true },
    });
    await recordCryptoSessionEvents(
      tx,
      expired.map((session) => ({ id: session.id, type: "crypto_checkout.expired" as const })),
    );
    return expired.length;
  });
