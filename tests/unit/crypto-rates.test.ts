import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { amountDueInAsset, formatAssetAmount, parseRate } from "@/lib/crypto/quote";
import { fixedRateSource, httpRateSource, outsideBand, RateUnavailableError } from "@/lib/crypto/rate-source";

describe("rate maths", () => {
  test("fiat minor units → the asset's smallest unit, exact, rounded up", () => {
    // 100.00 USD at 3000 USD/ETH = 0.0333… ETH: rounded up to the next wei.
    assert.equal(amountDueInAsset(10_000n, "USD", "3000", "ETH"), 33_333_333_333_333_334n);
    assert.equal(amountDueInAsset(1_999n, "USD", "1", "USDC"), 19_990_000n);
    assert.equal(amountDueInAsset(1_500n, "JPY", "150", "USDT"), 10_000_000n); // JPY has no minor unit
    assert.equal(amountDueInAsset(920n, "EUR", "0.92", "USDC"), 10_000_000n);
    assert.equal(amountDueInAsset(1n, "USD", "3012.57", "ETH"), 3_319_424_942_823n); // 0.01 / 3012.57 = 3319424942822.9… wei, up
    // Exactly divisible amounts are not rounded.
    assert.equal(amountDueInAsset(300_000n, "USD", "3000", "ETH"), 10n ** 18n);
  });

  test("rates are positive decimal strings", () => {
    assert.deepEqual(parseRate("3000.125"), { numerator: 3_000_125n, scale: 3 });
    for (const bad of ["0", "-1", "1e3", "", "abc", "1.", ".5"]) assert.throws(() => parseRate(bad), RangeError);
    assert.throws(() => amountDueInAsset(0n, "USD", "1", "USDC"), RangeError);
  });

  test("smallest units print as exact decimals", () => {
    assert.equal(formatAssetAmount(33_333_333_333_333_334n, "ETH"), "0.033333333333333334");
    assert.equal(formatAssetAmount(1_500_000n, "USDC"), "1.5");
    assert.equal(formatAssetAmount(10n ** 18n, "ETH"), "1");
    assert.equal(formatAssetAmount(0n, "USDT"), "0");
  });
});

describe("rate sources", () => {
  test("the fixed source prices every supported pair; unknown currencies are unavailable", async () => {
    assert.equal((await fixedRateSource.rate("ETH", "USD")).price, "3000");
    assert.equal((await fixedRateSource.rate("USDC", "EUR")).price, "0.92");
    await assert.rejects(fixedRateSource.rate("ETH", "XYZ"), RateUnavailableError);
  });

  const jsonFetch = (body: unknown, status = 200, calls: URL[] = []) =>
    (async (input: URL) => {
      calls.push(input);
      return new Response(JSON.stringify(body), { status });
    }) as unknown as typeof fetch;

  test("the HTTP source reads CoinGecko's simple/price shape and caches per currency", async () => {
    const calls: URL[] = [];
    const source = httpRateSource(
      "https://prices.example/simple/price",
      jsonFetch({ ethereum: { eur: 2801.55 }, "usd-coin": { eur: 0.93 }, tether: { eur: 1.5e-7 } }, 200, calls),
    );
    assert.equal((await source.rate("ETH", "EUR")).price, "2801.55");
    assert.equal((await source.rate("USDC", "EUR")).price, "0.93");
    assert.equal((await source.rate("USDT", "EUR")).price, "0.00000015");
    assert.equal(calls.length, 1);
    assert.equal(calls[0].searchParams.get("vs_currencies"), "eur");
    assert.equal(calls[0].searchParams.get("ids"), "ethereum,usd-coin,tether");
  });

  test("an HTTP error, a wrong body or a missing price is RateUnavailableError, not a wrong quote", async () => {
    const cases = [
      jsonFetch({}, 500),
      jsonFetch({ ethereum: { usd: "3000" } }),
      jsonFetch({ ethereum: { usd: -1 } }),
      jsonFetch({ ethereum: { eur: 3000 } }),
      (async () => {
        throw new TypeError("fetch failed");
      }) as unknown as typeof fetch,
    ];
    for (const fetchImpl of cases) {
      await assert.rejects(
        httpRateSource("https://prices.example/", fetchImpl).rate("ETH", "USD"),
        RateUnavailableError,
      );
    }
  });

  test("a price far from the last accepted one is refused; a close one, or one after the reference aged, is taken", async () => {
    let ethUsd = 3000;
    let clock = 0;
    const fetchImpl = (async () =>
      new Response(JSON.stringify({ ethereum: { usd: ethUsd } }), { status: 200 })) as unknown as typeof fetch;
    const source = httpRateSource(
      "https://prices.example/",
      fetchImpl,
      { maxChangePercent: 20, referenceMs: 3_600_000 },
      () => clock,
    );
    assert.equal((await source.rate("ETH", "USD")).price, "3000");
    const later = async (price: number, ms = 31_000) => {
      ethUsd = price;
      clock += ms; // past the 30 s cache
      return source.rate("ETH", "USD");
    };
    assert.equal((await later(3500)).price, "3500"); // +16.7 %
    await assert.rejects(later(30), /more than 20% from the last accepted 3500/); // a cents/dollars mix-up
    await assert.rejects(later(4201), RateUnavailableError); // +20.03 %
    assert.equal((await later(4200)).price, "4200"); // +20 % exactly: inside
    // An hour without an accepted price: the market may have moved; the next price is the new reference.
    assert.equal((await later(9000, 3_601_000)).price, "9000");
  });

  test("the band is exact decimal maths", () => {
    assert.equal(outsideBand("1.2", "1", 20), false);
    assert.equal(outsideBand("1.2000001", "1", 20), true);
    assert.equal(outsideBand("0.8", "1", 20), false);
    assert.equal(outsideBand("0.79999999", "1", 20), true);
  });
});
