import { ApiError } from "@/lib/api/errors";
import type { DbClient } from "@/lib/db/client";

// SPEC §3: only an open session (no payment seen) can be expired or canceled.
// Repeating the same on an expired or canceled session changes nothing; a
// session with money on the way, or paid, cannot be closed (409).

export type CloseTarget = "expired" | "canceled";

/** Closes an open session by id; returns whether it changed. The status check and the write are one statement. */
export const closeCryptoSession = async (db: DbClient, id: string, target: CloseTarget): Promise<boolean> => {
  const { count } = await db.cryptoCheckoutSession.updateMany({
    where: { id, status: "open" },
    data: { status: target },
  });
  if (count === 1) return true;
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
export const expireDueCryptoSessions = async (db: DbClient, now = new Date(), id?: string) => {
  const { count } = await db.cryptoCheckoutSession.updateMany({
    where: { id, status: "open", expiresAt: { lte: now } },
    data: { status: "expired" },
  });
  return count;
};
