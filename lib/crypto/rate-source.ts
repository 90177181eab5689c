import "server-only";
import { z } from "zod";
import { CRYPTO_ASSETS, type CryptoAsset } from "@/lib/crypto-assets";
import { expandExponent } from "@/lib/money";
import { parseRate } from "./quote";

// Where fiat→asset prices come from. Test mode uses fixed rates, so amounts in
// tests and demos never move; a real deployment points at a price API.

export type Rate = { asset: CryptoAsset; currency: string; price: string; source: string };

export interface RateSource {
  readonly name: string;
  /** The price of one whole unit of `asset` in `currency`, as a decimal string. */
  rate(asset: CryptoAsset, currency: string): Promise<Rate>;
}

export class RateUnavailableError extends Error {}

// Round numbers, so a person can check a quote in their head.
const FIXED_RATES: Record<string, Record<CryptoAsset, string>> = {
  USD: { ETH: "3000", USDC: "1", USDT: "1" },
  EUR: { ETH: "2750", USDC: "0.92", USDT: "0.92" },
  GBP: { ETH: "2400", USDC: "0.8", USDT: "0.8" },
  CHF: { ETH: "2650", USDC: "0.88", USDT: "0.88" },
  CAD: { ETH: "4100", USDC: "1.37", USDT: "1.37" },
  AUD: { ETH: "4600", USDC: "1.53", USDT: "1.53" },
  JPY: { ETH: "450000", USDC: "150", USDT: "150" },
};

export const fixedRateSource: RateSource = {
  name: "fixed",
  async rate(asset, currency) {
    const price = FIXED_RATES[currency]?.[asset];
    if (!price) throw new RateUnavailableError(`no fixed rate for ${asset} in ${currency}`);
    return { asset, currency, price, source: "fixed" };
  },
};

// CoinGecko's `/simple/price` shape, which most price APIs and proxies offer:
// GET <url>?ids=ethereum,usd-coin,tether&vs_currencies=usd → {"ethereum":{"usd":3012.5},…}
const COINGECKO_IDS: Record<CryptoAsset, string> = { ETH: "ethereum", USDC: "usd-coin", USDT: "tether" };

const priceResponse = z.record(z.string(), z.record(z.string(), z.number().positive().finite()));

const CACHE_MS = 30_000;
const TIMEOUT_MS = 5_000;

/** Two decimal rates as integers of one scale, to compare them exactly. */
const onOneScale = (a: string, b: string) => {
  const [x, y] = [parseRate(a), parseRate(b)];
  const scale = Math.max(x.scale, y.scale);
  return [x.numerator * 10n ** BigInt(scale - x.scale), y.numerator * 10n ** BigInt(scale - y.scale)];
};

/** Whether `price` is more than `percent` % away from `reference`. */
export const outsideBand = (price: string, reference: string, percent: number) => {
  const [value, base] = onOneScale(price, reference);
  const distance = value > base ? value - base : base - value;
  return distance * 100n > base * BigInt(percent);
};

export type RateBand = {
  /** The most a price may move from the last one accepted for its asset and currency. */
  maxChangePercent: number;
  /** A last accepted price older than this is no reference any more (markets do move). */
  referenceMs: number;
};

const DEFAULT_BAND: RateBand = { maxChangePercent: 20, referenceMs: 60 * 60_000 };

/**
 * Prices from an HTTP price API, cached 30 s per currency; failures are
 * RateUnavailableError. A price far outside a band around the last one this
 * process accepted (a broken or compromised API, a unit mix-up) is refused
 * too, rather than quoted to a customer.
 */
export const httpRateSource = (
  url: string,
  fetchImpl: typeof fetch = fetch,
  band: RateBand = DEFAULT_BAND,
  now: () => number = Date.now,
): RateSource => {
  const cache = new Map<string, { at: number; prices: Promise<z.infer<typeof priceResponse>> }>();
  const lastGood = new Map<string, { price: string; at: number }>();
  const load = async (currency: string) => {
    const request = new URL(url);
    request.searchParams.set("ids", CRYPTO_ASSETS.map((asset) => COINGECKO_IDS[asset]).join(","));
    request.searchParams.set("vs_currencies", currency.toLowerCase());
    const response = await fetchImpl(request, {
      signal: AbortSignal.timeout(TIMEOUT_MS),
      headers: { accept: "application/json" },
    });
    if (!response.ok) throw new RateUnavailableError(`price API answered ${response.status}`);
    const parsed = priceResponse.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) throw new RateUnavailableError("price API answered an unexpected body");
    return parsed.data;
  };
  return {
    name: "http",
    async rate(asset, currency) {
      const cached = cache.get(currency);
      let prices = cached && now() - cached.at < CACHE_MS ? cached.prices : undefined;
      if (!prices) {
        prices = load(currency);
        cache.set(currency, { at: now(), prices });
        // A failure is not cached: the next customer asks again.
        prices.catch(() => cache.delete(currency));
      }
      let data: z.infer<typeof priceResponse>;
      try {
        data = await prices;
      } catch (error) {
        throw error instanceof RateUnavailableError
          ? error
          : new RateUnavailableError(`price API unreachable: ${error}`);
      }
      const value = data[COINGECKO_IDS[asset]]?.[currency.toLowerCase()];
      if (value === undefined) throw new RateUnavailableError(`price API has no ${asset} price in ${currency}`);
      // A JSON number's shortest text is the literal the API wrote.
      const price = expandExponent(String(value));
      try {
        parseRate(price);
      } catch {
        throw new RateUnavailableError(`price API answered an unusable ${asset} price: ${price}`);
      }
      const key = `${asset}:${currency}`;
      const reference = lastGood.get(key);
      if (reference && now() - reference.at < band.referenceMs) {
        if (outsideBand(price, reference.price, band.maxChangePercent)) {
          throw new RateUnavailableError(
            `price API answered ${asset} at ${price} ${currency}, more than ${band.maxChangePercent}% from the last accepted ${reference.price}: refused`,
          );
        }
      }
      lastGood.set(key, { price, at: now() });
      return { asset, currency, price, source: "http" };
    },
  };
};
