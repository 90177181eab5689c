import "server-only";
import type { Db } from "@/lib/db/client";
import { parameter, queryRows, whereDefined } from "@/lib/db/prepared-rows";
import type { MerchantScope } from "@/lib/scope";
import { type RequestFilters, requestConditions } from "./list-wallet-objects";
import { formatDecimal, parseDecimal } from "./meter-pricing";

// GET /v1/usage (README "Usage"): metered requests summed per UTC day in SQL, every day of the range listed (an
// idle day with zeros), and the range's totals. Amounts are summed exactly (numeric in the database, bigint
// here) and written as the dialect writes money.

const AMOUNTS = [
  "usage_cost",
  "fee_amount",
  "service_charge_amount",
  "request_cost",
  "wallet_cost",
  "merchant_cost",
] as const;
type Amount = (typeof AMOUNTS)[number];

type DayRow = { day: string; requests: bigint; tokens: bigint } & Record<Amount, string>;
type Sums = { requests: bigint; tokens: bigint } & Record<Amount, bigint>;

const DAY_MS = 86_400_000;

const zero = (): Sums => ({
  requests: 0n,
  tokens: 0n,
  ...(Object.fromEntries(AMOUNTS.map((amount) => [amount, 0n])) as Record<Amount, bigint>),
});

const sumsJson = (sums: Sums) => ({
  total_requests: Number(sums.requests),
  total_usage_tokens: Number(sums.tokens),
  total_usage_cost: formatDecimal(sums.usage_cost),
  total_fee_amount: formatDecimal(sums.fee_amount),
  total_service_charge_amount: formatDecimal(sums.service_charge_amount),
  total_request_cost: formatDecimal(sums.request_cost),
  total_wallet_cost: formatDecimal(sums.wallet_cost),
  total_merchant_cost: formatDecimal(sums.merchant_cost),
  // What the wallets paid, and what of it the merchant keeps: the fee, less the costs the merchant bears.
  total_gross_volume: formatDecimal(sums.wallet_cost),
  total_net_volume: formatDecimal(sums.fee_amount - sums.merchant_cost),
});

export const usage = async (
  db: Db,
  scope: MerchantScope,
  range: { start: Date; end: Date },
  filters: RequestFilters,
) => {
  const values: unknown[] = [];
  const where = whereDefined(values, [
    ...requestConditions(scope, filters),
    ["created_at >= ?", range.start],
    ["created_at < ?", range.end],
  ]);
  const rows = await queryRows<DayRow>(
    db,
    `SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(*) AS requests,
       COALESCE(sum(input_tokens + output_tokens), 0)::int8 AS tokens,
       sum(input_cost + output_cost)::text AS usage_cost, sum(fee_amount)::text AS fee_amount,
       sum(service_charge)::text AS service_charge_amount,
       sum(wallet_cost + merchant_cost)::text AS request_cost,
       sum(wallet_cost)::text AS wallet_cost, sum(merchant_cost)::text AS merchant_cost
     FROM metered_requests WHERE ${where} GROUP BY 1 ORDER BY 1 LIMIT ${parameter(values, 1000)}`,
    values,
  );
  const byDay = new Map(rows.map((row) => [row.day, row]));
  const totals = zero();
  const items = [];
  for (let day = Date.UTC(...utcDay(range.start)); day < range.end.getTime(); day += DAY_MS) {
    const date = new Date(day).toISOString().slice(0, 10);
    const row = byDay.get(date);
    const sums = zero();
    if (row) {
      sums.requests = BigInt(row.requests);
      sums.tokens = BigInt(row.tokens);
      for (const amount of AMOUNTS) sums[amount] = parseDecimal(row[amount]);
    }
    for (const key of Object.keys(totals) as (keyof Sums)[]) totals[key] += sums[key];
    items.push({
      date,
      start: new Date(Math.max(day, range.start.getTime())).toISOString(),
      end: new Date(Math.min(day + DAY_MS, range.end.getTime())).toISOString(),
      ...sumsJson(sums),
    });
  }
  return { items, totals: sumsJson(totals) };
};

const utcDay = (at: Date): [number, number, number] => [at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()];
