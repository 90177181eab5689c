import "server-only";
import { createHash } from "node:crypto";
import type { Db, DbClient } from "@/lib/db/client";
import { env } from "@/lib/env";
import { DomainError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { newId } from "@/lib/ids";
import { metrics } from "@/lib/metrics";
import { currencyExponent, formatMinorUnits } from "@/lib/money";
import type { CreateRequestBody } from "@/lib/schemas/wallet";
import type { MerchantScope } from "@/lib/scope";
import { recordEvents } from "@/lib/webhooks/record-event";
import { type BalanceFields, type Balances, balancesOf } from "./connection-balances";
import {
  type BreakdownLine,
  formatDecimal,
  ONE,
  parseDecimal,
  priceRequest,
  type RequestPrice,
  type RequestUsage,
  settle,
  spendableOf,
} from "./meter-pricing";
import { ledgerEntryEvent } from "./record-wallet-events";
import { type BreakdownLineJson, type MeteredRequestRow, requestJson, tokenBasisOf } from "./wallet-json";

// POST /v1/requests (README "Metered requests"): one request's usage, priced by a meter's tiers and paid from the
// connection's balances, in one transaction under the connection's lock. The merchant's request_id makes it
// idempotent: the same id with the same body answers the first record again and debits nothing more; with another
// body it is refused. Insufficient balances refuse it and write nothing.

export type RecordedRequest = { request: MeteredRequestRow; replayed: boolean };

/** The body as sent, keys sorted at every level: the same request hashes the same whatever its key order. */
const bodyHash = (body: CreateRequestBody) => {
  const canonical = (value: unknown): unknown =>
    value && typeof value === "object" && !Array.isArray(value)
      ? Object.fromEntries(
          Object.keys(value)
            .sort()
            .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
        )
      : value;
  return createHash("sha256")
    .update(JSON.stringify(canonical(body)))
    .digest("hex");
};

/** The first of the calendar month (UTC) `at` is in: the period a meter's tiers graduate over. */
export const periodStart = (at: Date) => new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));

const usageOf = (body: CreateRequestBody): RequestUsage => ({
  inputTokens: BigInt(body.input_tokens),
  outputTokens: BigInt(body.output_tokens),
  inputCharacters: BigInt(body.input_characters),
  outputCharacters: BigInt(body.output_characters),
  inputMilliseconds: BigInt(Math.round(body.input_seconds * 1000)),
  outputMilliseconds: BigInt(Math.round(body.output_seconds * 1000)),
});

const lineJson = (line: BreakdownLine, type: BreakdownLine["tier"]["type"], usage: RequestUsage, basis: string) => {
  const output = basis === "output";
  const count = (input: bigint, out: bigint) => Number(output ? out : input + out);
  // A tier prices its own unit; a `requests` tier prices the whole request, so it shows the request's counts.
  const own = (wanted: typeof type, whole: number) =>
    type === wanted ? Number(line.units) : type === "requests" ? whole : 0;
  return {
    tier: line.tier,
    tokens: own("tokens_1m", count(usage.inputTokens, usage.outputTokens)),
    characters: own("characters_1m", count(usage.inputCharacters, usage.outputCharacters)),
    seconds:
      type === "minutes"
        ? Number(line.units) / 1000
        : type === "requests"
          ? count(usage.inputMilliseconds, usage.outputMilliseconds) / 1000
          : 0,
    cost: formatDecimal(line.cost),
  } satisfies BreakdownLineJson;
};

const notFound = (what: string, param: string) => new DomainError("not_found", `No such ${what}.`, { param });

/** The first record of this request_id: answered again for the same body, refused for another. */
const replay = (existing: MeteredRequestRow, hash: string): RecordedRequest => {
  if (existing.bodyHash !== hash)
    throw new DomainError(
      "resource_exists",
      `request_id: a request with this id was already recorded with a different body; use a new request_id.`,
      { param: "request_id" },
    );
  return { request: existing, replayed: true };
};

type MeterRow = Prisma.MeterGetPayload<object>;

type LockedConnection = BalanceFields & { id: string; currency: string; usage_remainder: bigint };

// A burst of one connection's requests queues on its lock, each holding a pooled connection while it waits: the
// wait for a transaction to start, and its length, allow for the queue (100 at once finish in a few seconds).
const QUEUED_TRANSACTION = { maxWait: 10_000, timeout: 20_000 };

const insufficientFunds = (price: RequestPrice, connection: LockedConnection, spendable: bigint, shortfall: bigint) =>
  new DomainError(
    "insufficient_funds",
    `The connection's balances cannot pay this request: it costs the wallet ${formatDecimal(price.walletCost)} ` +
      `${connection.currency}` +
      (connection.usage_remainder > 0n
        ? ` (plus ${formatDecimal(connection.usage_remainder)} owed from earlier requests)`
        : "") +
      `, ${formatDecimal(spendable)} can be spent: ${formatDecimal(shortfall)} ${connection.currency} short.`,
    { param: "connection_id" },
  );

const record = (db: Db, scope: MerchantScope, meter: MeterRow, body: CreateRequestBody, hash: string) =>
  db.$transaction(async (tx) => {
    const now = new Date();
    const period = periodStart(now);
    // The lock serialises this connection's requests and ledger entries (and a request_id retried meanwhile). What
    // it guards is read after it: a statement that waited for the lock sees the locked row as it is now, but the
    // other rows it joined as they were when it started.
    const [connection] = await tx.$queryRaw<LockedConnection[]>`
      SELECT id, currency, usage_remainder, wallet_balance AS "walletBalance",
        cycle_credit_balance AS "cycleCreditBalance", bundle_credit_balance AS "bundleCreditBalance"
      FROM connections
      WHERE id = ${body.connection_id} AND merchant_id = ${scope.merchantId} AND mode = ${scope.mode}::"Mode"
        AND deleted_at IS NULL
      FOR NO KEY UPDATE`;
    if (!connection) throw notFound("connection", "connection_id");
    const [{ units, threshold }] = await tx.$queryRaw<{ units: bigint | null; threshold: bigint | null }[]>`
      SELECT
        (SELECT units FROM meter_usage_totals
          WHERE connection_id = ${connection.id} AND meter_id = ${meter.id} AND period_start = ${period}) AS units,
        (SELECT low_balance_threshold FROM wallet_settings
          WHERE merchant_id = ${scope.merchantId} AND mode = ${scope.mode}::"Mode") AS threshold`;
    // A request_id recorded before fails the insert below on its unique index: recordRequest answers it.

    const usage = usageOf(body);
    const tiers = meter.tiers as BreakdownLine["tier"][];
    const price = priceRequest({
      meter: {
        rateType: meter.rateType,
        tokenBasis: tokenBasisOf(meter.tokenBasis),
        baseCostPayer: meter.baseCostPayer,
        serviceChargePayer: meter.serviceChargePayer,
        tiers,
      },
      usage,
      inputCost: parseDecimal(body.input_cost),
      outputCost: parseDecimal(body.output_cost),
      unitsBefore: units ?? 0n,
      serviceChargePercent: parseDecimal(env().wallet.serviceChargePercent),
    });

    const balances = balancesOf(connection);
    const minorUnit = ONE / 10n ** BigInt(currencyExponent(connection.currency));
    const settlement = settle(balances, connection.usage_remainder, price.walletCost, minorUnit);
    if (!settlement.ok)
      throw insufficientFunds(price, connection, settlement.spendable * minorUnit, settlement.shortfall);

    const request = await tx.meteredRequest.create({
      data: {
        id: newId("meteredRequest"),
        ...scope,
        requestId: body.request_id,
        bodyHash: hash,
        connectionId: connection.id,
        meterId: meter.id,
        currency: connection.currency,
        metadata: body.metadata,
        ...usage,
        rateType: meter.rateType,
        tokenBasis: meter.tokenBasis,
        baseCostPayer: meter.baseCostPayer,
        serviceChargePayer: meter.serviceChargePayer,
        inputCost: formatDecimal(price.inputCost),
        outputCost: formatDecimal(price.outputCost),
        feeAmount: formatDecimal(price.fee),
        serviceCharge: formatDecimal(price.serviceCharge),
        walletCost: formatDecimal(price.walletCost),
        merchantCost: formatDecimal(price.merchantCost),
        breakdown: price.lines.map((line) => lineJson(line, tiers[0].type, usage, tokenBasisOf(meter.tokenBasis))),
        createdAt: now,
      },
    });

    // The debits, in the spending order (the ledger's trigger moves the balance columns), and the fraction carried.
    const after = { ...balances };
    const entries = settlement.debits.map((debit) => {
      after[debit.account] -= debit.amount;
      return {
        id: newId("ledgerEntry"),
        ...scope,
        connectionId: connection.id,
        account: debit.account,
        amount: -debit.amount,
        balanceAfter: after[debit.account],
        currency: connection.currency,
        reason: "usage" as const,
        meteredRequestId: request.id,
        createdAt: now,
      };
    });
    const ledger = entries.length ? await tx.ledgerEntry.createManyAndReturn({ data: entries }) : [];
    if (settlement.remainder !== connection.usage_remainder)
      await tx.connection.update({ where: { id: connection.id }, data: { usageRemainder: settlement.remainder } });

    // The month's units on this meter (where the next request starts on the tiers), and the day's usage sums.
    const amounts = [
      price.inputCost + price.outputCost,
      price.fee,
      price.serviceCharge,
      price.walletCost,
      price.merchantCost,
    ].map(formatDecimal);
    await tx.$executeRaw`
      WITH month AS (
        INSERT INTO meter_usage_totals (connection_id, meter_id, period_start, units)
        VALUES (${connection.id}, ${meter.id}, ${period}, ${price.units})
        ON CONFLICT (connection_id, meter_id, period_start) DO UPDATE SET units = meter_usage_totals.units + EXCLUDED.units
      )
      INSERT INTO usage_days (merchant_id, mode, day, connection_id, meter_id, requests, tokens, usage_cost, fee_amount,
        service_charge, wallet_cost, merchant_cost)
      VALUES (${scope.merchantId}, ${scope.mode}::"Mode", ${now.toISOString().slice(0, 10)}::date, ${connection.id},
        ${meter.id}, 1, ${usage.inputTokens + usage.outputTokens}, ${amounts[0]}::numeric, ${amounts[1]}::numeric,
        ${amounts[2]}::numeric, ${amounts[3]}::numeric, ${amounts[4]}::numeric)
      ON CONFLICT (merchant_id, mode, day, connection_id, meter_id) DO UPDATE SET
        requests = usage_days.requests + 1, tokens = usage_days.tokens + EXCLUDED.tokens,
        usage_cost = usage_days.usage_cost + EXCLUDED.usage_cost, fee_amount = usage_days.fee_amount + EXCLUDED.fee_amount,
        service_charge = usage_days.service_charge + EXCLUDED.service_charge,
        wallet_cost = usage_days.wallet_cost + EXCLUDED.wallet_cost,
        merchant_cost = usage_days.merchant_cost + EXCLUDED.merchant_cost`;

    // Every event of the request in one write: each debit's balance, the request, and a low balance it caused.
    await recordEvents(tx, [
      ...ledger.map(ledgerEntryEvent),
      { ...scope, type: "request.completed", objectId: connection.id, object: requestJson(request) },
      ...lowBalanceEvent(scope, connection, threshold, balances, after, request.requestId),
    ]);
    return { request, replayed: false };
  }, QUEUED_TRANSACTION);

/** `wallet.low_balance` when the request took the spendable balance from at least the threshold to below it. */
const lowBalanceEvent = (
  scope: MerchantScope,
  connection: LockedConnection,
  threshold: bigint | null,
  before: Balances,
  after: Balances,
  requestId: string,
) => {
  if (threshold === null || spendableOf(before) < threshold || spendableOf(after) >= threshold) return [];
  const money = (amount: bigint) => formatMinorUnits(amount, connection.currency);
  const object = {
    connection_id: connection.id,
    spendable_balance: money(spendableOf(after)),
    low_balance_threshold: money(threshold),
    currency: connection.currency,
    request_id: requestId,
  };
  return [{ ...scope, type: "wallet.low_balance" as const, objectId: connection.id, object }];
};

const isUniqueViolation = (error: unknown) =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

export const recordRequest = async (
  db: Db,
  scope: MerchantScope,
  body: CreateRequestBody,
): Promise<RecordedRequest> => {
  const hash = bodyHash(body);
  try {
    const meter = await db.meter.findFirst({ where: { ...scope, slug: body.meter_slug } });
    if (!meter) throw notFound("meter with this meter_slug", "meter_slug");
    const recorded = await record(db, scope, meter, body, hash);
    metrics.meteredRequests.inc({ outcome: "recorded" });
    return recorded;
  } catch (error) {
    // A request_id recorded before is answered by its first record, whatever stands in the way of a new one now:
    // the unique index said so, its connection is gone, or the balance that paid it has been spent since.
    const refused = error instanceof DomainError ? error.code : undefined;
    const mayBeRecorded = isUniqueViolation(error) || refused === "not_found" || refused === "insufficient_funds";
    const existing = mayBeRecorded ? await findRequest(db, scope, body.request_id) : null;
    if (!existing) {
      if (refused === "insufficient_funds") metrics.meteredRequests.inc({ outcome: "insufficient_funds" });
      throw error;
    }
    const replayed = replay(existing, hash);
    metrics.meteredRequests.inc({ outcome: "replayed" });
    return replayed;
  }
};

export const findRequest = (db: DbClient, scope: MerchantScope, requestId: string) =>
  db.meteredRequest.findUnique({ where: { merchantId_mode_requestId: { ...scope, requestId } } });
