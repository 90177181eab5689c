import "server-only";
import { HOSTED_BRAND_SELECT } from "@/lib/branding/hosted-brand";
import type { Db, DbClient } from "@/lib/db/client";
import { nestedRows, queryRows, selectable, selectWithRelations } from "@/lib/db/prepared-rows";
import { DomainError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { type CardSessionStatus, EXACT_TOTAL_CAP } from "@/lib/schemas/card-session";
import type { MerchantScope } from "@/lib/scope";
import { type CardSessionRow, cardSessionInclude } from "./card-session-json";
import { cardSessionsWithStatus } from "./card-session-state";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const noSuchSession = () => new DomainError("not_found", "No such session.");

/** A malformed id, another merchant's session, the other mode's and a missing one: the same 404. */
export const getCardSessionOrThrow = async (db: DbClient, scope: MerchantScope, id: string) => {
  const row = UUID.test(id)
    ? await db.cardSession.findFirst({ where: { id: id.toLowerCase(), ...scope }, include: cardSessionInclude })
    : null;
  if (!row) throw noSuchSession();
  return row;
};

// What cardSessionInclude adds, in the session's own row: its attempts in order, each with its charges, and its
// refunds.
const RELATIONS = [
  nestedRows({
    field: "attempts",
    fields: Prisma.CardPaymentAttemptScalarFieldEnum,
    table: "card_payment_attempts",
    as: "a",
    where: "a.session_id = s.id",
    orderBy: "a.number",
    children: [
      nestedRows({
        field: "charges",
        fields: Prisma.ChargeScalarFieldEnum,
        table: "charges",
        as: "c",
        where: "c.card_attempt_id = a.id",
        orderBy: "c.id",
      }),
    ],
  }),
  nestedRows({
    field: "refunds",
    fields: Prisma.CardRefundScalarFieldEnum,
    table: "card_refunds",
    as: "r",
    where: "r.session_id = s.id",
    orderBy: "r.id",
  }),
];
const SESSION_COLUMNS = selectable(Prisma.CardSessionScalarFieldEnum, { from: "s" });

/** Card sessions with their relations, in one prepared statement: `from` says which, aliased `s`. */
const withRelations = (db: Db, from: string, values: unknown[]) =>
  selectWithRelations<CardSessionRow>(db, SESSION_COLUMNS, RELATIONS, from, values);

/** getCardSessionOrThrow on prepared statements (lib/db/prepared-rows.ts): the API's GET. */
export const readCardSessionOrThrow = async (db: Db, scope: MerchantScope, id: string): Promise<CardSessionRow> => {
  const [row] = UUID.test(id)
    ? await withRelations(db, `card_sessions s WHERE s.id = $1::uuid AND s.merchant_id = $2 AND s.mode = $3::"Mode"`, [
        id.toLowerCase(),
        scope.merchantId,
        scope.mode,
      ])
    : [];
  if (!row) throw noSuchSession();
  return row;
};

// Card sessions are never deleted, so a merchant's mode that once held more than EXACT_TOTAL_CAP always will:
// its unfiltered lists skip the count, which could only say so again (remembered per process, for the
// OVER_CAP_KEPT scopes seen last). A status filter's count can fall: it is always made.
const OVER_CAP_KEPT = 10_000;
const knownOverCap = new Set<string>();
const scopeKey = ({ merchantId, mode }: MerchantScope) => `${merchantId}:${mode}`;
const rememberOverCap = (scope: MerchantScope) => {
  const key = scopeKey(scope);
  if (knownOverCap.has(key)) return;
  if (knownOverCap.size >= OVER_CAP_KEPT) knownOverCap.delete(knownOverCap.values().next().value as string);
  knownOverCap.add(key);
};

/**
 * Newest first, by page (the Kadosei list style), with the total for the filter. Without a status filter (what
 * a merchant's server polls) on prepared statements; a status filter's rules are Prisma's (card-session-state.ts).
 */
export const listCardSessions = async (
  db: Db,
  scope: MerchantScope,
  { page, limit, status }: { page: number; limit: number; status?: CardSessionStatus },
) => {
  const [rows, counted] = status
    ? await listCardSessionsWithStatus(db, scope, { page, limit, status })
    : await Promise.all([
        // The page first, then its relations: a deep page's skipped rows read none.
        withRelations(
          db,
          `(SELECT * FROM card_sessions WHERE merchant_id = $1 AND mode = $2::"Mode"
            ORDER BY created_at DESC, id DESC OFFSET $3 LIMIT $4) s
           ORDER BY s.created_at DESC, s.id DESC`,
          [scope.merchantId, scope.mode, (page - 1) * limit, limit],
        ),
        knownOverCap.has(scopeKey(scope))
          ? EXACT_TOTAL_CAP + 1
          : queryRows<{ counted: number }>(
              db,
              `SELECT count(*)::int AS counted FROM
                 (SELECT 1 FROM card_sessions WHERE merchant_id = $1 AND mode = $2::"Mode" LIMIT $3) capped`,
              [scope.merchantId, scope.mode, EXACT_TOTAL_CAP + 1],
            ).then(([row]) => row.counted),
      ]);
  if (counted <= EXACT_TOTAL_CAP) return { rows, total: counted, totalExact: true };
  if (!status) rememberOverCap(scope);
  return { rows, total: Math.max(counted, await estimateCardSessions(db, scope, status)), totalExact: false };
};

const listCardSessionsWithStatus = (
  db: Db,
  scope: MerchantScope,
  { page, limit, status }: { page: number; limit: number; status: CardSessionStatus },
) => {
  const where = { ...scope, ...cardSessionsWithStatus(status, new Date()) };
  return Promise.all([
    db.cardSession.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * limit,
      take: limit,
      include: cardSessionInclude,
    }),
    db.cardSession.count({ where, take: EXACT_TOTAL_CAP + 1 }),
  ]);
};

/**
 * The planner's row estimate for the filter, from the table's statistics (ANALYZE, autovacuum). A status filter
 * is estimated by the stored status: the few sessions past their expiry but not yet swept (seconds' worth) are
 * where the estimate and the list can differ, beside the statistics' own error.
 */
const estimateCardSessions = async (db: Db, scope: MerchantScope, status?: CardSessionStatus) => {
  const [row] = await queryRows<{ "QUERY PLAN": [{ Plan: { "Plan Rows": number } }] }>(
    db,
    `EXPLAIN (FORMAT JSON) SELECT 1 FROM card_sessions WHERE merchant_id = $1 AND mode = $2::"Mode"${
      status ? ` AND status = $3::"CardSessionStatus"` : ""
    }`,
    status ? [scope.merchantId, scope.mode, status] : [scope.merchantId, scope.mode],
  );
  return Math.round(row?.["QUERY PLAN"][0]?.Plan["Plan Rows"] ?? 0);
};

export const getCardSessionBySecret = (db: DbClient, secret: string) =>
  db.cardSession.findUnique({
    where: { secret },
    include: { ...cardSessionInclude, merchant: { select: HOSTED_BRAND_SELECT } },
  });
