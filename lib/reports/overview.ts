import "server-only";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { loadRoutingState, ROUTING_WINDOW_MINUTES } from "@/lib/providers/provider-stats";
import type { PaymentFamily } from "@/lib/schemas/payment-filters";
import type { MerchantScope } from "@/lib/scope";
import { BRANCHES } from "./list-payments";

// The overview's figures (README "Merchant dashboard"), each one SQL
// aggregate on an index: payments per UTC day and family over the last
// OVERVIEW_DAYS (by the day a payment was created; volume counts what was
// paid, refunded or not), conversion, card providers over the routing
// window, and webhook deliveries.

export const OVERVIEW_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

export type DayFigures = {
  day: string;
  family: PaymentFamily;
  currency: string;
  created: number;
  paid: number;
  volume: bigint;
};

/** The first instant of the window: midnight UTC, OVERVIEW_DAYS - 1 days before today. */
export const windowStart = (now: Date) =>
  new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - (OVERVIEW_DAYS - 1) * DAY_MS);

/** The window's days as YYYY-MM-DD, oldest first. */
export const windowDays = (now: Date) =>
  Array.from({ length: OVERVIEW_DAYS }, (_, index) =>
    new Date(windowStart(now).getTime() + index * DAY_MS).toISOString().slice(0, 10),
  );

const PAID = Prisma.sql`('succeeded', 'refunded')`;

const paymentsPerDay = async (db: Db, scope: MerchantScope, since: Date) => {
  const branches = BRANCHES.map(
    (branch) => Prisma.sql`(SELECT ${branch.family} AS family,
        to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, ${branch.currency} AS currency,
        ${branch.status} AS status, ${branch.amount} AS amount
      FROM ${branch.table}
      WHERE merchant_id = ${scope.merchantId} AND mode = ${scope.mode}::"Mode" AND created_at >= ${since})`,
  );
  const rows = await db.$queryRaw<(Omit<DayFigures, "created" | "paid"> & { created: bigint; paid: bigint })[]>`
    SELECT family, day, currency, count(*) AS created,
      count(*) FILTER (WHERE status IN ${PAID}) AS paid,
      coalesce(sum(amount) FILTER (WHERE status IN ${PAID}), 0)::bigint AS volume
    FROM (${Prisma.join(branches, " UNION ALL ")}) AS payments
    GROUP BY family, day, currency ORDER BY day`;
  return rows.map((row) => ({ ...row, created: Number(row.created), paid: Number(row.paid) }));
};

/** The window's deliveries to the scope's endpoints, by state. */
const webhookFigures = async (db: Db, scope: MerchantScope, since: Date) => {
  const rows = await db.$queryRaw<{ status: "pending" | "delivered" | "failed"; count: bigint }[]>`
    SELECT d.status::text AS status, count(*) AS count
    FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
    WHERE e.merchant_id = ${scope.merchantId} AND e.mode = ${scope.mode}::"Mode" AND d.created_at >= ${since}
    GROUP BY d.status`;
  const count = (status: string) => Number(rows.find((row) => row.status === status)?.count ?? 0n);
  return { delivered: count("delivered"), failed: count("failed"), pending: count("pending") };
};

export const overview = async (db: Db, scope: MerchantScope, now = new Date()) => {
  const since = windowStart(now);
  const [days, routing, webhooks, endpoints] = await Promise.all([
    paymentsPerDay(db, scope, since),
    loadRoutingState(db, scope, now),
    webhookFigures(db, scope, since),
    db.webhookEndpoint.count({ where: scope }),
  ]);
  const providers = Object.entries(routing.windows).map(([provider, window]) => ({
    provider,
    calls: window.calls,
    approvals: window.approvals,
    averageLatencyMs: window.calls ? Math.round(window.latencyMsSum / window.calls) : null,
    circuitOpenUntil: routing.openCircuits[provider] ?? null,
  }));
  return { days, providers, routingWindowMinutes: ROUTING_WINDOW_MINUTES, webhooks, endpoints };
};
export type Overview = Awaited<ReturnType<typeof overview>>;
