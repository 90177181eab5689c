import "server-only";
import type { Db } from "@/lib/db/client";
import { queryRows, whereDefined } from "@/lib/db/prepared-rows";
import type { MerchantScope } from "@/lib/scope";
import { type RequestFilters, requestConditions } from "./list-wallet-objects";
import { formatDecimal, parseDecimal } from "./meter-pricing";

// GET /v1/usage (README "Usage"): metered requests summed per UTC day in SQL, every day of the range listed (an
// idle day with zeros), and the range's totals. A day the range covers whole is read from its daily sums
// (usage_days, written with each request), so the cost follows days, connections and meters, not requests; only a
// day the range cuts (and any range filtered by metadata, which the daily sums do not keep) sums the requests
// themselves. Amounts are summed exactly (numeric in the database, bigint here).

const AMOUNTS = ["usage_cost", "fee_amount", "service_charge", "wallet_cost", "merchant_cost"] as const;
type Amount = (typeof AMOUNTS)[number];

type DayRow = { day: string; requests: string; tokens: string } & Record<Amount, string>;
type Sums = { requests: bigint; tokens: bigint } & Record<Amount, bigint>;

const DAY_MS = 86_400_000;

const zero = (): Sums => ({
  requests: 0n,
  tokens: 0n,
  ...(Object.fromEntries(AMOUNTS.map((amount) => [amount, 0n])) as Record<Amount, bigint>),
});

const add = (into: Sums, sums: Sums) => {
  for (const key of Object.keys(into) as (keyof Sums)[]) into[key] += sums[key];
};

const sumsJson = (sums: Sums) => ({
  total_requests: Number(sums.requests),
  total_usage_tokens: Number(sums.tokens),
  total_usage_cost: formatDecimal(sums.usage_cost),
  total_fee_amount: formatDecimal(sums.fee_amount),
  total_service_charge_amount: formatDecimal(sums.service_charge),
  total_request_cost: formatDecimal(sums.wallet_cost + sums.merchant_cost),
  total_wallet_cost: formatDecimal(sums.wallet_cost),
  total_merchant_cost: formatDecimal(sums.merchant_cost),
  // What the wallets paid, and what of it the merchant keeps: the fee, less the costs the merchant bears.
  total_gross_volume: formatDecimal(sums.wallet_cost),
  total_net_volume: formatDecimal(sums.fee_amount - sums.merchant_cost),
});

const SUMS = AMOUNTS.map((amount) => `sum(${amount})::text AS ${amount}`).join(", ");

/** Per day, the requests themselves between two instants. */
const requestSums = (db: Db, scope: MerchantScope, filters: RequestFilters, from: Date, to: Date) => {
  const values: unknown[] = [];
  const where = whereDefined(values, [
    ...requestConditions(scope, filters),
    ["created_at >= ?", from],
    ["created_at < ?", to],
  ]);
  return queryRows<DayRow>(
    db,
    `SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(*)::text AS requests,
       sum(input_tokens + output_tokens)::text AS tokens, ${SUMS}
     FROM (SELECT created_at, input_tokens, output_tokens, input_cost + output_cost AS usage_cost, fee_amount,
             service_charge, wallet_cost, merchant_cost
           FROM metered_requests WHERE ${where}) AS requests
     GROUP BY 1`,
    values,
  );
};

/** Per day, the daily sums of whole days (YYYY-MM-DD, both ends included). */
const daySums = (db: Db, scope: MerchantScope, filters: RequestFilters, first: string, last: string) => {
  const values: unknown[] = [];
  const where = whereDefined(values, [
    ["merchant_id = ?", scope.merchantId],
    ['mode = ?::"Mode"', scope.mode],
    ["connection_id = ?", filters.connectionId],
    ["meter_id = ?", filters.meterId],
    ["day >= ?::date", first],
    ["day <= ?::date", last],
  ]);
  return queryRows<DayRow>(
    db,
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, sum(requests)::text AS requests, sum(tokens)::text AS tokens, ${SUMS}
     FROM usage_days WHERE ${where} GROUP BY 1`,
    values,
  );
};

const toSums = (row: DayRow): Sums => ({
  requests: BigInt(row.requests),
  tokens: BigInt(row.tokens),
  ...(Object.fromEntries(AMOUNTS.map((amount) => [amount, parseDecimal(row[amount])])) as Record<Amount, bigint>),
});

const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export const usage = async (
  db: Db,
  scope: MerchantScope,
  range: { start: Date; end: Date },
  filters: RequestFilters,
  now = new Date(),
) => {
  const start = range.start.getTime();
  const end = range.end.getTime();
  const firstDay = Date.UTC(range.start.getUTCFullYear(), range.start.getUTCMonth(), range.start.getUTCDate());
  const days: number[] = [];
  for (let day = firstDay; day < end; day += DAY_MS) days.push(day);

  // A day is whole when the range starts by its start and ends at or after its end, or after now (nothing later
  // has been recorded yet). The daily sums keep no metadata: a metadata filter sums the requests.
  const whole = (day: number) => !filters.metadata && start <= day && (end >= day + DAY_MS || end >= now.getTime());
  const wholeDays = days.filter(whole);
  const cut = days.filter((day) => !whole(day));
  const rows = (
    await Promise.all([
      wholeDays.length ? daySums(db, scope, filters, dateOf(wholeDays[0]), dateOf(wholeDays.at(-1) ?? 0)) : [],
      // Cut days are the range's first and last (or every day, filtered by metadata): one scan each side.
      ...contiguous(cut).map(([from, to]) =>
        requestSums(db, scope, filters, new Date(Math.max(from, start)), new Date(Math.min(to + DAY_MS, end))),
      ),
    ])
  ).flat();

  const byDay = new Map<string, Sums>();
  for (const row of rows) {
    const sums = byDay.get(row.day) ?? zero();
    add(sums, toSums(row));
    byDay.set(row.day, sums);
  }
  const totals = zero();
  const items = days.map((day) => {
    const sums = byDay.get(dateOf(day)) ?? zero();
    add(totals, sums);
    return {
      date: dateOf(day),
      start: new Date(Math.max(day, start)).toISOString(),
      end: new Date(Math.min(day + DAY_MS, end)).toISOString(),
      ...sumsJson(sums),
    };
  });
  return { items, totals: sumsJson(totals) };
};

/** Runs of consecutive days as [first, last]. */
const contiguous = (days: number[]): [number, number][] => {
  const runs: [number, number][] = [];
  for (const day of days) {
    const last = runs.at(-1);
    if (last && last[1] + DAY_MS === day) last[1] = day;
    else runs.push([day, day]);
  }
  return runs;
};
