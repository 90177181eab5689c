import "server-only";
import type { METER_TIER_TYPES } from "@/lib/schemas/wallet";
import type { Balances } from "./connection-balances";

// What a metered request costs and how the wallet pays it (README "Metered requests"). Pure arithmetic on bigints:
// an amount is a count of 10^-12 of the currency ("picos"), so a rate's 12 decimal places are exact, and nothing
// here is ever a float. The only rounding is a line's cost (and the service charge) to 12 places, half up.

export const DECIMALS = 12;
export const ONE = 10n ** BigInt(DECIMALS);

export type TierType = (typeof METER_TIER_TYPES)[number];
export type Tier = { start: number; rate: string; type: TierType };

/** "2.5" → 2_500_000_000_000n. At most 12 decimals (the schemas checked it); anything else throws. */
export const parseDecimal = (text: string): bigint => {
  const match = /^(\d+)(?:\.(\d{1,12}))?$/.exec(text);
  if (!match) throw new Error(`${JSON.stringify(text)} is not a decimal of at most ${DECIMALS} places`);
  return BigInt(match[1]) * ONE + BigInt((match[2] ?? "").padEnd(DECIMALS, "0"));
};

/** 1_500_000_000_000n → "1.50", 150_000n → "0.00000015": exact, trailing zeros dropped down to two places. */
export const formatDecimal = (picos: bigint): string => {
  const sign = picos < 0n ? "-" : "";
  const digits = (picos < 0n ? -picos : picos).toString().padStart(DECIMALS + 1, "0");
  const fraction = digits.slice(-DECIMALS).replace(/0+$/, "").padEnd(2, "0");
  return `${sign}${digits.slice(0, -DECIMALS)}.${fraction}`;
};

/** numerator / denominator to the nearest integer, halves up (both non-negative). */
const divideHalfUp = (numerator: bigint, denominator: bigint) => (2n * numerator + denominator) / (2n * denominator);

/**
 * What a tier's rate is per, in the unit a meter counts: tokens and characters per million, seconds (counted in
 * thousandths) per minute, requests one by one. A tier's `start` is in tokens, characters, seconds or requests.
 */
const PER: Record<TierType, { units: bigint; startScale: bigint }> = {
  tokens_1m: { units: 1_000_000n, startScale: 1n },
  characters_1m: { units: 1_000_000n, startScale: 1n },
  minutes: { units: 60_000n, startScale: 1_000n },
  requests: { units: 1n, startScale: 1n },
};

export type RequestUsage = {
  inputTokens: bigint;
  outputTokens: bigint;
  inputCharacters: bigint;
  outputCharacters: bigint;
  /** Thousandths of a second. */
  inputMilliseconds: bigint;
  outputMilliseconds: bigint;
};

export type MeterPricing = {
  rateType: "fixed" | "percentage";
  tokenBasis: "input+output" | "output";
  baseCostPayer: "wallet" | "merchant";
  serviceChargePayer: "wallet" | "merchant";
  tiers: Tier[];
};

/** The units of a request a meter's tiers count, by its token basis (a `requests` meter counts the request). */
export const countedUnits = (type: TierType, basis: MeterPricing["tokenBasis"], usage: RequestUsage): bigint => {
  const pick = (input: bigint, output: bigint) => (basis === "output" ? output : input + output);
  switch (type) {
    case "tokens_1m":
      return pick(usage.inputTokens, usage.outputTokens);
    case "characters_1m":
      return pick(usage.inputCharacters, usage.outputCharacters);
    case "minutes":
      return pick(usage.inputMilliseconds, usage.outputMilliseconds);
    case "requests":
      return 1n;
  }
};

export type BreakdownLine = { tier: Tier; units: bigint; cost: bigint };

export type RequestPrice = {
  inputCost: bigint;
  outputCost: bigint;
  lines: BreakdownLine[];
  fee: bigint;
  serviceCharge: bigint;
  walletCost: bigint;
  merchantCost: bigint;
  /** The counted units this request adds to the connection's month on this meter. */
  units: bigint;
};

/**
 * Prices one request. Tiers graduate over the connection's month on the meter: the request's units start where
 * `unitsBefore` left off, and each tier prices the part of them that falls in it. A `fixed` tier costs its rate per
 * million tokens or characters, per minute or per request; a `percentage` tier costs its rate percent of the base
 * cost (of the output only with token basis `output`), shared among the tiers by their units. The service charge
 * is `serviceChargePercent` of base cost plus fee. The fee is the wallet's; the base cost and the service charge
 * are whoever the meter names.
 */
export const priceRequest = (input: {
  meter: MeterPricing;
  usage: RequestUsage;
  inputCost: bigint;
  outputCost: bigint;
  unitsBefore: bigint;
  serviceChargePercent: bigint;
}): RequestPrice => {
  const { meter, usage, inputCost, outputCost, unitsBefore } = input;
  const type = meter.tiers[0].type;
  const per = PER[type];
  const units = countedUnits(type, meter.tokenBasis, usage);
  const basis = meter.tokenBasis === "output" ? outputCost : inputCost + outputCost;

  const lines: BreakdownLine[] = [];
  const end = unitsBefore + units;
  meter.tiers.forEach((tier, index) => {
    const from = BigInt(tier.start) * per.startScale;
    const next = meter.tiers[index + 1];
    const to = next ? BigInt(next.start) * per.startScale : undefined;
    const lineStart = unitsBefore > from ? unitsBefore : from;
    const lineEnd = to !== undefined && end > to ? to : end;
    // A request of no units is priced on the tier its month stands at.
    const standsHere = units === 0n && unitsBefore >= from && (to === undefined || unitsBefore < to);
    if (lineEnd <= lineStart && !standsHere) return;
    const lineUnits = lineEnd > lineStart ? lineEnd - lineStart : 0n;
    const rate = parseDecimal(tier.rate);
    const cost =
      meter.rateType === "fixed"
        ? divideHalfUp(lineUnits * rate, per.units)
        : units === 0n
          ? divideHalfUp(basis * rate, 100n * ONE)
          : divideHalfUp(basis * lineUnits * rate, units * 100n * ONE);
    lines.push({ tier, units: lineUnits, cost });
  });

  const fee = lines.reduce((sum, line) => sum + line.cost, 0n);
  const baseCost = inputCost + outputCost;
  const serviceCharge = divideHalfUp((baseCost + fee) * input.serviceChargePercent, 100n * ONE);
  const walletPays = (payer: "wallet" | "merchant", amount: bigint) => (payer === "wallet" ? amount : 0n);
  const walletCost =
    fee + walletPays(meter.baseCostPayer, baseCost) + walletPays(meter.serviceChargePayer, serviceCharge);
  return {
    inputCost,
    outputCost,
    lines,
    fee,
    serviceCharge,
    walletCost,
    merchantCost: baseCost + fee + serviceCharge - walletCost,
    units,
  };
};

/** The ledger accounts a metered request spends, in order: the cycle's included credit, bundle credit, the wallet. */
export const SPENDING_ORDER = ["cycle_credit", "bundle_credit", "wallet"] as const;

/** What the balances can pay a metered request: all three accounts. */
export const spendableOf = (balances: Balances) => SPENDING_ORDER.reduce((sum, account) => sum + balances[account], 0n);

export type Settlement =
  | { ok: true; debits: { account: (typeof SPENDING_ORDER)[number]; amount: bigint }[]; remainder: bigint }
  | { ok: false; spendable: bigint; shortfall: bigint };

/**
 * How the wallet pays `cost` (picos) on top of the connection's `remainder`: what is owed in whole minor units
 * (`minorUnit` picos each) is debited in the spending order, and the fraction left is carried to the next request.
 * The balances must cover everything owed, the fraction included; otherwise nothing is debited and the shortfall
 * (in picos) is named.
 */
export const settle = (balances: Balances, remainder: bigint, cost: bigint, minorUnit: bigint): Settlement => {
  const owed = remainder + cost;
  const spendable = spendableOf(balances);
  if (owed > spendable * minorUnit) return { ok: false, spendable, shortfall: owed - spendable * minorUnit };
  let left = owed / minorUnit;
  const debits: { account: (typeof SPENDING_ORDER)[number]; amount: bigint }[] = [];
  for (const account of SPENDING_ORDER) {
    // biome-ignore lint/complexity/useMathMinMax: bigints (Math.min takes numbers)
    const amount = left < balances[account] ? left : balances[account];
    if (amount > 0n) debits.push({ account, amount });
    left -= amount;
  }
  return { ok: true, debits, remainder: owed % minorUnit };
};
