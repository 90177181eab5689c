import { ApiError } from "@/lib/api/errors";
import type { Db } from "@/lib/db/client";
import { effectiveCardStatus } from "./card-session-json";
import { claimableCardSession } from "./card-session-state";
import { recordCardSessionEvents } from "./record-card-session-events";

// SPEC §4: PENDING → CANCELLED (by the merchant) or EXPIRED (by the clock).
// A session being paid, or paid, is neither.

const CONFLICT: Record<string, string> = {
  PROCESSING: "A payment for this session is in progress; it cannot be cancelled now.",
  SUCCEEDED: "This session is paid; refund it instead.",
  PARTIALLY_REFUNDED: "This session is paid; refund it instead.",
  REFUNDED: "This session was paid and refunded; it can no longer be cancelled.",
  FAILED: "This session has failed; it can no longer be cancelled.",
  EXPIRED: "This session has expired; it can no longer be cancelled.",
};

/** Cancels a PENDING session; cancelling a cancelled one again changes nothing. The check and the write are one statement. */
export const cancelCardSession = async (db: Db, id: string) => {
  const now = new Date();
  const cancelled = await db.$transaction(async (tx) => {
    const { count } = await tx.cardSession.updateMany({
      where: { id, status: "PENDING", expiresAt: { gt: now } },
      data: { status: "CANCELLED", completedAt: now },
    });
    if (count === 1) await recordCardSessionEvents(tx, [id], "session.cancelled");
    return count === 1;
  });
  if (cancelled) return;
  const status = effectiveCardStatus(await db.cardSession.findUniqueOrThrow({ where: { id } }), now);
  if (status === "CANCELLED") return;
  throw new ApiError("state_conflict", CONFLICT[status] ?? `A ${status} session cannot be cancelled.`);
};

/**
 * The background sweep: every session past its expiry that nobody is paying
 * (a payment whose outcome is not yet known keeps its session),
 * in one transaction (safe on many instances); with `id`, that session only
 * (the hosted page expires its session the moment it is opened late). A claim
 * that ran out leaves an unfinished attempt: it is marked abandoned.
 */
export const expireDueCardSessions = async (db: Db, now = new Date(), id?: string) =>
  db.$transaction(async (tx) => {
    const expired = await tx.cardSession.updateManyAndReturn({
      where: {
        id,
        expiresAt: { lte: now },
        ...claimableCardSession(now),
      },
      data: { status: "EXPIRED", processingUntil: null, completedAt: now },
      select: { id: true },
    });
    if (expired.length > 0) {
      await tx.cardPaymentAttempt.updateMany({
        where: {
          ...(id ? { sessionId: id } : {}),
          status: { in: ["processing", "requires_action"] },
          session: { status: "EXPIRED" },
        },
        data: { status: "abandoned", finishedAt: now },
      });
      await recordCardSessionEvents(
        tx,
        expired.map((session) => session.id),
        "session.expired",
      );
    }
    return expired.length;
  });
