import { ApiError } from "@/lib/api/errors";
import type { Db } from "@/lib/db/client";
import { effectiveCardStatus } from "./card-session-json";
import { expireDueCardSessions } from "./close-card-session";
import { getCardSessionBySecret } from "./get-card-sessions";

/** The session behind a hosted page's secret, expired on the spot if its time is up. */
export const getHostedCardSession = async (db: Db, secret: string) => {
  const row = await getCardSessionBySecret(db, secret);
  if (!row) return undefined;
  // Stored as expired already, or not yet due: nothing to write.
  if (row.status === "EXPIRED" || effectiveCardStatus(row) !== "EXPIRED") return row;
  await expireDueCardSessions(db, new Date(), row.id);
  return (await getCardSessionBySecret(db, secret)) ?? undefined;
};

export type HostedCardSession = NonNullable<Awaited<ReturnType<typeof getHostedCardSession>>>;

export const getHostedCardSessionOrThrow = async (db: Db, secret: string) => {
  const session = await getHostedCardSession(db, secret);
  if (!session) throw new ApiError("not_found", "No such checkout session.");
  return session;
};

const FINISHED: Record<string, string> = {
  SUCCEEDED: "This payment is already complete.",
  PARTIALLY_REFUNDED: "This payment is already complete.",
  REFUNDED: "This payment is already complete.",
  FAILED: "This payment failed: no attempts are left. Return to the shop to start again.",
  EXPIRED: "This checkout has expired. Return to the shop to start again.",
  CANCELLED: "This checkout was cancelled by the shop.",
};

/** 409 unless the session can take a payment now (PENDING, or a claim that ran out). */
export const assertCardSessionPayable = (session: HostedCardSession, now = new Date()) => {
  const status = effectiveCardStatus(session, now);
  const finished = FINISHED[status];
  if (finished) throw new ApiError("state_conflict", finished);
  if (status === "PROCESSING" && session.processingUntil && session.processingUntil > now) {
    throw new ApiError("state_conflict", "This payment is already being processed, perhaps in another window.");
  }
};
