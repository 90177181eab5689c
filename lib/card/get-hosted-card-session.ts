import "server-only";
import type { Db } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import { cardSessionStatus, payConflict } from "./card-session-state";
import { expireDueCardSessions } from "./close-card-session";
import { getCardSessionBySecret } from "./get-card-sessions";

/** The session behind a hosted page's secret, expired on the spot if its time is up. */
export const getHostedCardSession = async (db: Db, secret: string) => {
  const row = await getCardSessionBySecret(db, secret);
  if (!row) return undefined;
  // Stored as expired already, or not yet due: nothing to write.
  if (row.status === "EXPIRED" || cardSessionStatus(row) !== "EXPIRED") return row;
  await expireDueCardSessions(db, new Date(), row.id);
  return (await getCardSessionBySecret(db, secret)) ?? undefined;
};

export type HostedCardSession = NonNullable<Awaited<ReturnType<typeof getHostedCardSession>>>;

export const getHostedCardSessionOrThrow = async (db: Db, secret: string) => {
  const session = await getHostedCardSession(db, secret);
  if (!session) throw new DomainError("not_found", "No such checkout session.");
  return session;
};

/** 409 unless the session can take a payment now (PENDING, or a claim that ran out). */
export const assertCardSessionPayable = (session: HostedCardSession, now = new Date()) => {
  const conflict = payConflict(session, now);
  if (conflict) throw new DomainError("state_conflict", conflict);
};
