import "server-only";
import { HOSTED_BRAND_SELECT } from "@/lib/branding/hosted-brand";
import type { DbClient } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { type CardSessionStatus, EXACT_TOTAL_CAP } from "@/lib/schemas/card-session";
import type { MerchantScope } from "@/lib/scope";
import { cardSessionInclude } from "./card-session-json";
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
