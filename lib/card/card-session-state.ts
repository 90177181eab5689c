import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { CardSessionStatus } from "@/lib/generated/prisma/enums";
import { UNRESOLVED_CHARGE } from "@/lib/payments/charge-provider";

// Every rule about what a card session is and what may happen to it, in one
// place: as pure functions of a row (the JSON, the hosted page, the error a
// customer or merchant gets) and as the queries that apply the same rules in
// the database (claims, the expiry sweep, cancels, refunds, list filters).
//
//   PENDING ──claim──▶ PROCESSING ──▶ SUCCEEDED ──refund──▶ PARTIALLY_REFUNDED / REFUNDED
//      │                  │ └──declined, attempts left──▶ PENDING (or PROCESSING, claim lapsed)
//      │                  └──declined, none left──▶ FAILED
//      ├──merchant──▶ CANCELLED
//      └──clock──▶ EXPIRED (also PROCESSING whose claim lapsed with no outcome to learn)
//
// A session is *idle* when nobody is paying it: PENDING, or PROCESSING whose
// claim ran out and none of whose charges still waits for its outcome. Only an
// idle session can be claimed, and only an idle one past its expiry is EXPIRED,
// whether or not the sweep has written it yet.

export type CardStateFields = {
  status: CardSessionStatus;
  expiresAt: Date;
  processingUntil: Date | null;
  attempts: { charges: { status: string }[] }[];
};

const UNRESOLVED_STATUSES: readonly string[] = UNRESOLVED_CHARGE.status.in;

const hasUnresolvedCharge = (session: CardStateFields) =>
  session.attempts.some((attempt) => attempt.charges.some((charge) => UNRESOLVED_STATUSES.includes(charge.status)));

const isIdle = (session: CardStateFields, now: Date) =>
  session.status === "PENDING" ||
  (session.status === "PROCESSING" &&
    session.processingUntil !== null &&
    session.processingUntil <= now &&
    !hasUnresolvedCharge(session));

/** The status a reader sees now: the stored one, or EXPIRED for an idle session past its expiry. */
export const cardSessionStatus = (session: CardStateFields, now = new Date()): CardSessionStatus =>
  isIdle(session, now) && session.expiresAt <= now ? "EXPIRED" : session.status;

const FINISHED: Partial<Record<CardSessionStatus, string>> = {
  SUCCEEDED: "This payment is already complete.",
  PARTIALLY_REFUNDED: "This payment is already complete.",
  REFUNDED: "This payment is already complete.",
  FAILED: "This payment failed: no attempts are left. Return to the shop to start again.",
  EXPIRED: "This checkout has expired. Return to the shop to start again.",
  CANCELLED: "This checkout was cancelled by the shop.",
};

/** Why a payment attempt cannot start now, or undefined when it can. */
export const payConflict = (session: CardStateFields, now = new Date()): string | undefined => {
  const status = cardSessionStatus(session, now);
  if (FINISHED[status]) return FINISHED[status];
  if (status === "PROCESSING" && !isIdle(session, now)) {
    return "This payment is already being processed, perhaps in another window.";
  }
  return undefined;
};

const CANCEL_CONFLICT: Partial<Record<CardSessionStatus, string>> = {
  PROCESSING: "A payment for this session is in progress; it cannot be cancelled now.",
  SUCCEEDED: "This session is paid; refund it instead.",
  PARTIALLY_REFUNDED: "This session is paid; refund it instead.",
  REFUNDED: "This session was paid and refunded; it can no longer be cancelled.",
  FAILED: "This session has failed; it can no longer be cancelled.",
  EXPIRED: "This session has expired; it can no longer be cancelled.",
};

/** Why a cancel is refused, or undefined when it is allowed (PENDING) or changes nothing (CANCELLED). */
export const cancelConflict = (status: CardSessionStatus): string | undefined => CANCEL_CONFLICT[status];

export const REFUNDABLE_STATUSES = ["SUCCEEDED", "PARTIALLY_REFUNDED"] as const satisfies CardSessionStatus[];

/** Why a refund is refused, or undefined when the session is paid and not fully refunded. */
export const refundConflict = (status: CardSessionStatus): string | undefined => {
  if ((REFUNDABLE_STATUSES as readonly string[]).includes(status)) return undefined;
  return status === "REFUNDED"
    ? "This session is already fully refunded."
    : `Only a paid session can be refunded; this one is ${status}.`;
};

// ── The same rules as queries ────────────────────────────────────────────

// `not: null` keeps the condition two-valued (SQL's `NULL <= now` is neither
// true nor false), so `NOT idle` means what it says.
const idle = (now: Date): Prisma.CardSessionWhereInput => ({
  OR: [
    { status: "PENDING" },
    { status: "PROCESSING", processingUntil: { not: null, lte: now }, charges: { none: UNRESOLVED_CHARGE } },
  ],
});

/** Sessions a new payment attempt may claim. */
export const claimableCardSession = (now: Date): Prisma.CardSessionWhereInput => ({
  AND: [{ expiresAt: { gt: now } }, idle(now)],
});

/** Sessions the expiry sweep closes: what `cardSessionStatus` already shows as EXPIRED. */
export const dueToExpireCardSession = (now: Date): Prisma.CardSessionWhereInput => ({
  AND: [{ expiresAt: { lte: now } }, idle(now)],
});

/** Sessions a merchant may cancel. */
export const cancellableCardSession = (now: Date): Prisma.CardSessionWhereInput => ({
  status: "PENDING",
  expiresAt: { gt: now },
});

/** `?status=` of the list: the sessions whose `cardSessionStatus` is `status` now. */
export const cardSessionsWithStatus = (status: CardSessionStatus, now: Date): Prisma.CardSessionWhereInput => {
  switch (status) {
    case "EXPIRED":
      return { OR: [{ status: "EXPIRED" }, dueToExpireCardSession(now)] };
    case "PENDING":
    case "PROCESSING":
      return { status, NOT: dueToExpireCardSession(now) };
    default:
      return { status };
  }
};
