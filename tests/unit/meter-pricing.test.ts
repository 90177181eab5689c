import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  formatDecimal,
  type MeterPricing,
  parseDecimal,
  priceRequest,
  type RequestUsage,
  settle,
  type Tier,
} from "@/lib/wallet/meter-pricing";

// The tier arithmetic of metered requests against figures worked out by hand (README "Metered requests").

const NO_USAGE: RequestUsage = {
  inputTokens: 0n,
  outputTokens: 0n,
  inputCharacters: 0n,
  outputCharacters: 0n,
  inputMilliseconds: 0n,
  outputMilliseconds: 0n,
};

const meter = (tiers: Tier[], fields: Partial<MeterPricing> = {}): MeterPricing => ({
  rateType: "fixed",
  tokenBasis: "input+output",
  baseCostPayer: "wallet",
  serviceChargePayer: "wallet",
  tiers,
  ...fields,
});

const price = (
  pricing: MeterPricing,
  usage: Partial<RequestUsage>,
  { before = 0n, input = "0", output = "0", serviceCharge = "0" } = {},
) =>
  priceRequest({
    meter: pricing,
    usage: { ...NO_USAGE, ...usage },
    inputCost: parseDecimal(input),
    outputCost: parseDecimal(output),
    unitsBefore: before,
    serviceChargePercent: parseDecimal(serviceCharge),
  });

/** Each line as [units, cost], the fee, and the wallet's and merchant's parts, as decimal strings. */
const summary = (result: ReturnType<typeof priceRequest>) => ({
  lines: result.lines.map((line) => [line.tier.start, Number(line.units), formatDecimal(line.cost)]),
  fee: formatDecimal(result.fee),
  serviceCharge: formatDecimal(result.serviceCharge),
  wallet: formatDecimal(result.walletCost),
  merchant: formatDecimal(result.merchantCost),
});

const TOKENS: Tier[] = [
  { start: 0, rate: "2.50", type: "tokens_1m" },
  { start: 1_000_000, rate: "1.25", type: "tokens_1m" },
];

describe("meter pricing", () => {
  test("decimals: exact in and out, two places at least, twelve at most", () => {
    assert.equal(parseDecimal("2.50"), 2_500_000_000_000n);
    assert.equal(parseDecimal("0.000000000001"), 1n);
    assert.equal(formatDecimal(0n), "0.00");
    assert.equal(formatDecimal(1_500_000_000_000n), "1.50");
    assert.equal(formatDecimal(150_000n), "0.00000015");
    assert.equal(formatDecimal(123_456_789_012_345n), "123.456789012345");
    assert.equal(formatDecimal(-5_000_000_000n), "-0.005");
    for (const bad of ["1.0000000000001", "-1", "1e3", "", ".5"]) assert.throws(() => parseDecimal(bad), bad);
  });

  test("tokens: per million, input and output counted, or the output alone", () => {
    // 1,500 tokens at 2.50 per million = 0.00375
    assert.deepEqual(summary(price(meter(TOKENS), { inputTokens: 1200n, outputTokens: 300n })), {
      lines: [[0, 1500, "0.00375"]],
      fee: "0.00375",
      serviceCharge: "0.00",
      wallet: "0.00375",
      merchant: "0.00",
    });
    // token basis output: 300 tokens = 0.00075
    const output = price(meter(TOKENS, { tokenBasis: "output" }), { inputTokens: 1200n, outputTokens: 300n });
    assert.equal(formatDecimal(output.fee), "0.00075");
    assert.equal(output.units, 300n);
  });

  test("a tier boundary: the month's units graduate across it", () => {
    // 999,000 used this month; 2,000 more: 1,000 at 2.50 (0.0025) and 1,000 at 1.25 (0.00125)
    const result = price(meter(TOKENS), { inputTokens: 2000n }, { before: 999_000n });
    assert.deepEqual(summary(result).lines, [
      [0, 1000, "0.0025"],
      [1_000_000, 1000, "0.00125"],
    ]);
    assert.equal(formatDecimal(result.fee), "0.00375");
    // Exactly at the boundary, everything is the second tier's.
    assert.deepEqual(summary(price(meter(TOKENS), { inputTokens: 400n }, { before: 1_000_000n })).lines, [
      [1_000_000, 400, "0.0005"],
    ]);
    // No usage is priced on the tier the month stands at, at nothing.
    assert.deepEqual(summary(price(meter(TOKENS), {}, { before: 1_200_000n })).lines, [[1_000_000, 0, "0.00"]]);
  });

  test("characters: per million", () => {
    // 333 characters at 15 per million = 0.004995
    const result = price(meter([{ start: 0, rate: "15", type: "characters_1m" }]), {
      inputCharacters: 300n,
      outputCharacters: 33n,
    });
    assert.equal(formatDecimal(result.fee), "0.004995");
  });

  test("seconds: per minute, tiers starting in seconds, each line rounded half up to 12 places", () => {
    // 12.5 s at 0.006 per minute = 0.00125
    const speech = meter([{ start: 0, rate: "0.006", type: "minutes" }]);
    assert.equal(formatDecimal(price(speech, { inputMilliseconds: 12_500n }).fee), "0.00125");
    // 1 s at 0.01 per minute = 0.000166666666666… → 0.000166666667
    const cent = meter([{ start: 0, rate: "0.01", type: "minutes" }]);
    assert.equal(formatDecimal(price(cent, { outputMilliseconds: 1000n }).fee), "0.000166666667");
    // 50 s used, 20 s more over a tier at 60 s: 10 s at 0.01 (0.001666666667) and 10 s at 0.005 (0.000833333333)
    const tiered = meter([
      { start: 0, rate: "0.01", type: "minutes" },
      { start: 60, rate: "0.005", type: "minutes" },
    ]);
    const result = price(tiered, { inputMilliseconds: 20_000n }, { before: 50_000n });
    assert.deepEqual(summary(result).lines, [
      [0, 10_000, "0.001666666667"],
      [60, 10_000, "0.000833333333"],
    ]);
    assert.equal(formatDecimal(result.fee), "0.0025");
  });

  test("requests: each request one unit, the month's count choosing the tier", () => {
    const perRequest = meter([
      { start: 0, rate: "0.01", type: "requests" },
      { start: 1000, rate: "0.005", type: "requests" },
    ]);
    assert.deepEqual(summary(price(perRequest, { inputTokens: 5000n }, { before: 999n })).lines, [[0, 1, "0.01"]]);
    assert.deepEqual(summary(price(perRequest, {}, { before: 1000n })).lines, [[1000, 1, "0.005"]]);
  });

  test("percentage: of the base cost (or the output's), shared among tiers by units", () => {
    const twenty = meter([{ start: 0, rate: "20", type: "tokens_1m" }], { rateType: "percentage" });
    // 20 % of 0.001 + 0.003 = 0.0008; of the output's 0.003 alone = 0.0006
    assert.equal(formatDecimal(price(twenty, { inputTokens: 10n }, { input: "0.001", output: "0.003" }).fee), "0.0008");
    const outputOnly = meter(twenty.tiers, { rateType: "percentage", tokenBasis: "output" });
    assert.equal(
      formatDecimal(price(outputOnly, { outputTokens: 10n }, { input: "0.001", output: "0.003" }).fee),
      "0.0006",
    );
    // 500 used, 1,000 more over a tier at 1,000: half the 0.01 at 20 % (0.001), half at 10 % (0.0005)
    const tiered = meter(
      [
        { start: 0, rate: "20", type: "tokens_1m" },
        { start: 1000, rate: "10", type: "tokens_1m" },
      ],
      { rateType: "percentage" },
    );
    const result = price(tiered, { inputTokens: 1000n }, { before: 500n, input: "0.01" });
    assert.deepEqual(summary(result).lines, [
      [0, 500, "0.001"],
      [1000, 500, "0.0005"],
    ]);
    assert.equal(formatDecimal(result.fee), "0.0015");
  });

  test("service charge and payers: the fee is the wallet's, base cost and charge whoever the meter names", () => {
    const pricing = meter([{ start: 0, rate: "20", type: "tokens_1m" }], {
      rateType: "percentage",
      baseCostPayer: "merchant",
      serviceChargePayer: "wallet",
    });
    // base 0.004, fee 0.0008, charge 1.5 % of 0.0048 = 0.000072
    const result = price(pricing, { inputTokens: 10n }, { input: "0.001", output: "0.003", serviceCharge: "1.5" });
    assert.deepEqual(summary(result), {
      lines: [[0, 10, "0.0008"]],
      fee: "0.0008",
      serviceCharge: "0.000072",
      wallet: "0.000872",
      merchant: "0.004",
    });
    const walletPaysAll = price(
      meter(pricing.tiers, { rateType: "percentage" }),
      { inputTokens: 10n },
      {
        input: "0.001",
        output: "0.003",
        serviceCharge: "1.5",
      },
    );
    assert.equal(formatDecimal(walletPaysAll.walletCost), "0.004872");
    assert.equal(walletPaysAll.merchantCost, 0n);
  });
});

describe("settling a request's cost", () => {
  const CENT = 10_000_000_000n; // one USD minor unit, in 10^-12 dollars
  const balances = { cycle_credit: 1n, bundle_credit: 2n, wallet: 100n };

  test("whole cents debited in order (cycle credit, bundle credit, wallet), the fraction carried", () => {
    const first = settle(balances, 0n, (25n * CENT) / 10n, CENT); // 2.5 cents
    assert.deepEqual(first, {
      ok: true,
      debits: [
        { account: "cycle_credit", amount: 1n },
        { account: "bundle_credit", amount: 1n },
      ],
      remainder: CENT / 2n,
    });
    // 0.5 carried + 0.7 = 1.2 cents: one cent from what is left of the bundle, 0.2 carried
    const second = settle({ cycle_credit: 0n, bundle_credit: 1n, wallet: 100n }, CENT / 2n, (7n * CENT) / 10n, CENT);
    assert.deepEqual(second, { ok: true, debits: [{ account: "bundle_credit", amount: 1n }], remainder: CENT / 5n });
    // Less than a cent owed: nothing debited yet.
    assert.deepEqual(settle(balances, 0n, CENT / 3n, CENT), { ok: true, debits: [], remainder: CENT / 3n });
  });

  test("the balances must cover everything owed, the fraction included; the shortfall is named", () => {
    assert.deepEqual(settle(balances, 0n, 103n * CENT, CENT), {
      ok: true,
      debits: [
        { account: "cycle_credit", amount: 1n },
        { account: "bundle_credit", amount: 2n },
        { account: "wallet", amount: 100n },
      ],
      remainder: 0n,
    });
    assert.deepEqual(settle(balances, CENT / 2n, 103n * CENT, CENT), {
      ok: false,
      spendable: 103n,
      shortfall: CENT / 2n,
    });
    const empty = { cycle_credit: 0n, bundle_credit: 0n, wallet: 0n };
    assert.deepEqual(settle(empty, 0n, 1n, CENT), { ok: false, spendable: 0n, shortfall: 1n });
    assert.deepEqual(settle(empty, 0n, 0n, CENT), { ok: true, debits: [], remainder: 0n });
  });
});
