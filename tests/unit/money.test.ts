import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  currencyExponent,
  formatMinorUnits,
  formatMoney,
  isCurrency,
  MoneyError,
  toMajorNumber,
  toMinorUnits,
} from "@/lib/money";

describe("money", () => {
  test("ISO 4217 exponents", () => {
    assert.equal(currencyExponent("JPY"), 0);
    assert.equal(currencyExponent("USD"), 2);
    assert.equal(currencyExponent("KWD"), 3);
    assert.equal(currencyExponent("CLF"), 4);
    for (const code of ["usd", "XXX", "XAU", "ABC", ""]) assert.equal(isCurrency(code), false, code);
  });

  test("decimal strings and JSON numbers become exact minor units", () => {
    assert.equal(toMinorUnits("10.00", "USD"), 1000n);
    assert.equal(toMinorUnits("10.5", "USD"), 1050n);
    assert.equal(toMinorUnits(140.76, "AUD"), 14076n);
    assert.equal(toMinorUnits(0.3, "USD"), 30n);
    assert.equal(toMinorUnits(1.005, "KWD"), 1005n, "1.005 is not 1.00499999… here");
    assert.equal(toMinorUnits(500, "JPY"), 500n);
    assert.equal(toMinorUnits("1.230", "USD"), 123n, "trailing zeros are not extra precision");
    assert.equal(toMinorUnits(1e21, "USD"), 100000000000000000000000n);
    assert.equal(toMinorUnits("-2.50", "EUR"), -250n);
    assert.equal(toMinorUnits("90071992547409.93", "USD"), 9007199254740993n, "beyond float precision, still exact");
    // biome-ignore lint/correctness/noPrecisionLoss: the point: a JSON number cannot carry this amount
    assert.throws(() => toMinorUnits(90071992547409.93, "USD"), /significant digits/);
  });

  test("more decimals than the currency allows is an error, never a rounding", () => {
    assert.throws(() => toMinorUnits("10.001", "USD"), MoneyError);
    assert.throws(() => toMinorUnits(1.5, "JPY"), /JPY has no decimal places/);
    assert.throws(() => toMinorUnits(1e-7, "USD"), /at most 2 decimal places/);
    assert.throws(() => toMinorUnits(0.1234, "KWD"), /at most 3/);
  });

  test("malformed amounts are errors", () => {
    for (const amount of ["", "abc", "1,00", "1.2.3", " ", "0x10", "1e2", Number.NaN, Number.POSITIVE_INFINITY]) {
      assert.throws(() => toMinorUnits(amount, "USD"), MoneyError, String(amount));
    }
    assert.throws(() => toMinorUnits("1", "ZZZ"), /not a supported ISO 4217/);
  });

  test("formatting back to the dialects' forms", () => {
    assert.equal(formatMinorUnits(1000n, "USD"), "10.00");
    assert.equal(formatMinorUnits(5n, "USD"), "0.05");
    assert.equal(formatMinorUnits(-5n, "KWD"), "-0.005");
    assert.equal(formatMinorUnits(500n, "JPY"), "500");
    assert.equal(toMajorNumber(14076n, "AUD"), 140.76);
    assert.equal(JSON.stringify({ total: toMajorNumber(14076n, "AUD") }), '{"total":140.76}');
  });

  test("formatting for people follows the locale", () => {
    assert.equal(formatMoney(14076n, "AUD", "en-AU"), "$140.76");
    assert.equal(formatMoney(500n, "JPY", "ja-JP"), "￥500");
    assert.equal(formatMoney(123456n, "EUR", "de-DE"), "1.234,56\u00a0€");
    assert.equal(formatMoney(9007199254740993n, "USD", "en-US"), "$90,071,992,547,409.93");
  });
});
