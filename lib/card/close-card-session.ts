import "server-only";
import type { Db } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import type { MerchantScope } from "@/lib/scope";
import {
  cancelConflict,
  cancellableCardSession,
  cardSessionStatus,
  dueToExpireCardSession,
} from "./card-session-state";
import { getCardSessionOrThrow } from "./get-card-sessions";
import { recordCardSessionEvents } from "./record-card-session-events";

// contract "Card payment sessions (Kadosei dialect)": PENDING → CANCELLED (by the merchant) or EXPIRED (by the clock).
// A session being paid, or paid, is neither.

/**
 * Cancels one of the merchant's PENDING sessions and returns it; cancelling a
 * cancelled one again changes nothing. The check and the write are one statement.
 */
export const cancelCardSession = async (db: Db, scope: MerchantScope, sessionId: string) => {
  const { id } = await getCardSessionOrThrow(db, scope, sessionId);
  const now = new Date();
  const cancelled = await db.$transaction(async (tx) => {
    const { count } = await tx.cardSession.updateMany({
      where: { id, ...cancellableCardSession(now) },
      data: { status: "CANCELLED", completedAt: now },
    });
    if (count === 1) await recordCardSessionEvents(tx, [id], "session.cancelled");
    return count === 1;
  });
  const session = await getCardSessionOrThrow(db, scope, id);
  if (cancelled) return session;
  const status = cardSessionStatus(session, now);
  if (status === "CANCELLED") return session;
  // PENDING here: a payment attempt held it at the moment of the cancel, and has just let it go.
  throw new DomainError(
    "state_conflict",
    cancelConflict(status) ?? "A payment attempt just ended; try the cancel again.",
  );
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
      where: { id, ...dueToExpireCardSession(now) },
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
