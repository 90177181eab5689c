import "server-only";
import { ASSET_INFO, type CryptoAsset } from "@/lib/crypto-assets";
import { currencyExponent } from "@/lib/money";

// Exact rate maths. A rate is a decimal string, the price of one whole unit of
// the asset in the fiat currency ("3000.12" USD per ETH). The amount due is an
// integer of the asset's smallest unit, rounded up so that the customer never
// pays less than the price.

const DECIMAL = /^(\d{1,30})(?:\.(\d{1,30}))?$/;

/** A positive decimal string → numerator / 10^scale. Throws on anything else. */
export const parseRate = (rate: string): { numerator: bigint; scale: number } => {
  const match = DECIMAL.exec(rate);
  if (!match) throw new RangeError(`not a decimal rate: ${JSON.stringify(rate)}`);
  const [, whole, fraction = ""] = match;
  const numerator = BigInt(whole + fraction);
  if (numerator === 0n) throw new RangeError("a rate must be positive");
  return { numerator, scale: fraction.length };
};

const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;

/** fiat minor units at `rate` → the asset's smallest units, rounded up: 10000n USD cents at "3000" → 33333333333333334n wei. */
export const amountDueInAsset = (fiatMinor: bigint, currency: string, rate: string, asset: CryptoAsset): bigint => {
  if (fiatMinor <= 0n) throw new RangeError("the fiat amount must be positive");
  const { numerator, scale } = parseRate(rate);
  const assetScale = 10n ** BigInt(ASSET_INFO[asset].decimals);
  return ceilDiv(fiatMinor * assetScale * 10n ** BigInt(scale), 10n ** BigInt(currencyExponent(currency)) * numerator);
};

/** Smallest units → a decimal string without trailing zeros: 1500000n USDC → "1.5". */
export const formatAssetAmount = (amount: bigint, asset: CryptoAsset): string => {
  const decimals = ASSET_INFO[asset].decimals;
  const negative = amount < 0n;
  const digits = (negative ? -amount : amount).toString().padStart(decimals + 1, "0");
  const whole = digits.slice(0, digits.length - decimals);
  const fraction = digits.slice(digits.length - decimals).replace(/0+$/, "");
  return `${negative ? "-" : ""}${whole}${fraction ? `.${fraction}` : ""}`;
};
