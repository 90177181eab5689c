import "server-only";
import { HOSTED_BRAND_SELECT } from "@/lib/branding/hosted-brand";
import type { Db, DbClient } from "@/lib/db/client";
import { groupBy, preparedRows } from "@/lib/db/prepared-rows";
import { DomainError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { type CardSessionStatus, EXACT_TOTAL_CAP } from "@/lib/schemas/card-session";
import type { MerchantScope } from "@/lib/scope";
import { type CardSessionRow, cardSessionInclude } from "./card-session-json";
import { cardSessionsWithStatus } from "./card-session-state";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A malformed id, another merchant's session, the other mode's and a missing one: the same 404. */
export const getCardSessionOrThrow = async (db: DbClient, scope: MerchantScope, id: string) => {
  const row = UUID.test(id)
    ? await db.cardSession.findFirst({ where: { id: id.toLowerCase(), ...scope }, include: cardSessionInclude })
    : null;
  if (!row) throw new DomainError("not_found", "No such session.");
  return row;
};

type AttemptRow = CardSessionRow["attempts"][number];

const sessionById = preparedRows<Omit<CardSessionRow, "attempts" | "refunds">>(
  "card-session-by-id",
  Prisma.CardSessionScalarFieldEnum,
  `card_sessions WHERE id = $1::uuid AND merchant_id = $2 AND mode = $3::"Mode"`,
);
const attemptsOfSession = preparedRows<Omit<AttemptRow, "charges">>(
  "card-attempts-of-session",
  Prisma.CardPaymentAttemptScalarFieldEnum,
  "card_payment_attempts WHERE session_id = $1::uuid ORDER BY number",
);
// An attempt's charges carry its session too (lib/card/pay-card-session.ts): found by the session's index.
const attemptChargesOfSession = preparedRows<AttemptRow["charges"][number]>(
  "card-attempt-charges-of-session",
  Prisma.ChargeScalarFieldEnum,
  "charges WHERE card_session_id = $1::uuid AND card_attempt_id IS NOT NULL ORDER BY id",
);
const refundsOfSession = preparedRows<CardSessionRow["refunds"][number]>(
  "card-refunds-of-session",
  Prisma.CardRefundScalarFieldEnum,
  "card_refunds WHERE session_id = $1::uuid ORDER BY id",
);

/** getCardSessionOrThrow on prepared statements (lib/db/prepared-rows.ts): the API's GET. */
export const readCardSessionOrThrow = async (db: Db, scope: MerchantScope, id: string): Promise<CardSessionRow> => {
  const sessionId = id.toLowerCase();
  const [row] = UUID.test(id) ? await sessionById(db, [sessionId, scope.merchantId, scope.mode]) : [];
  if (!row) throw new DomainError("not_found", "No such session.");
  const [attempts, charges, refunds] = await Promise.all([
    attemptsOfSession(db, [sessionId]),
    attemptChargesOfSession(db, [sessionId]),
    refundsOfSession(db, [sessionId]),
  ]);
  const chargesOf = groupBy(charges, "cardAttemptId");
  return {
    ...row,
    attempts: attempts.map((attempt) => ({ ...attempt, charges: chargesOf.get(attempt.id) ?? [] })),
    refunds,
  };
};

/** Newest first, by page (the Kadosei list style), with the total for the filter. */
export const listCardSessions = async (
  db: DbClient,
  scope: MerchantScope,
  { page, limit, status }: { page: number; limit: number; status?: CardSessionStatus },
) => {
  const where = { ...scope, ...(status ? cardSessionsWithStatus(status, new Date()) : {}) };
  const [rows, counted] = await Promise.all([
    db.cardSession.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * limit,
      take: limit,
      include: cardSessionInclude,
    }),
    db.cardSession.count({ where, take: EXACT_TOTAL_CAP + 1 }),
  ]);
  if (counted <= EXACT_TOTAL_CAP) return { rows, total: counted, totalExact: true };
  return { rows, total: Math.max(counted, await estimateCardSessions(db, scope, status)), totalExact: false };
};

/**
 * The planner's row estimate for the filter, from the table's statistics (ANALYZE, autovacuum). A status filter
 * is estimated by the stored status: the few sessions past their expiry but not yet swept (seconds' worth) are
 * where the estimate and the list can differ, beside the statistics' own error.
 */
const estimateCardSessions = async (db: DbClient, scope: MerchantScope, status?: CardSessionStatus) => {
  const filter = status ? Prisma.sql`AND status = ${status}::"CardSessionStatus"` : Prisma.empty;
  const [row] = await db.$queryRaw<{ "QUERY PLAN": [{ Plan: { "Plan Rows": number } }] }[]>`
    EXPLAIN (FORMAT JSON) SELECT 1 FROM card_sessions
    WHERE merchant_id = ${scope.merchantId} AND mode = ${scope.mode}::"Mode" ${filter}`;
  return Math.round(row?.["QUERY PLAN"][0]?.Plan["Plan Rows"] ?? 0);
};

export const getCardSessionBySecret = (db: DbClient, secret: string) =>
  db.cardSession.findUnique({
    where: { secret },
    include: { ...cardSessionInclude, merchant: { select: HOSTED_BRAND_SELECT } },
  });
