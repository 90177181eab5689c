import currencyCodes from "currency-codes";

// Money is an integer count of the currency's minor unit (a bigint), beside its
// ISO 4217 code. Amounts enter as the dialect writes them, a decimal string
// ("10.00") or a JSON number (140.76), and are converted by their decimal
// digits, never by float arithmetic: 0.1 + 0.2 never happens here.

export class MoneyError extends Error {}

// ISO 4217 codes that are not money a customer can pay with: precious metals,
// bond-market units, SDRs, the testing and "no currency" codes.
const NOT_PAYABLE = new Set([
  "XAG",
  "XAU",
  "XBA",
  "XBB",
  "XBC",
  "XBD",
  "XDR",
  "XPD",
  "XPT",
  "XSU",
  "XTS",
  "XUA",
  "XXX",
]);

// The codes already looked up (currency-codes searches its whole table each time; every amount of every answer
// asks): only valid codes are kept, so it holds at most the table.
const exponents = new Map<string, number>();

/** Decimal places of the currency's minor unit (JPY 0, USD 2, KWD 3). Throws for unknown codes. */
export const currencyExponent = (currency: string): number => {
  let digits = exponents.get(currency);
  if (digits === undefined) {
    // currency-codes matches case-insensitively; ISO 4217 codes are upper case.
    const entry = /^[A-Z]{3}$/.test(currency) && !NOT_PAYABLE.has(currency) ? currencyCodes.code(currency) : undefined;
    if (!entry) throw new MoneyError(`${JSON.stringify(currency)} is not a supported ISO 4217 currency code`);
    digits = entry.digits;
    exponents.set(currency, digits);
  }
  return digits;
};

export const isCurrency = (currency: string): boolean => {
  try {
    currencyExponent(currency);
    return true;
  } catch {
    return false;
  }
};

// "1.5e-7" → "0.00000015", "1e21" → "1000000000000000000000": JavaScript
// prints very small and very large numbers in exponent form.
export const expandExponent = (text: string): string => {
  const match = /^(-?)(\d+)(?:\.(\d+))?e([+-]?\d+)$/i.exec(text);
  if (!match) return text;
  const [, sign, whole, fraction = "", exponentText] = match;
  const digits = whole + fraction;
  const point = whole.length + Number(exponentText);
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${"0".repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
};

/**
 * Major-unit amount → minor units. `toMinorUnits("10.5", "USD")` = 1050n,
 * `toMinorUnits(140.76, "AUD")` = 14076n. More decimals than the currency has
 * is an error, never a rounding.
 */
export const toMinorUnits = (amount: string | number, currency: string): bigint => {
  const exponent = currencyExponent(currency);
  if (typeof amount === "number" && !Number.isFinite(amount)) throw new MoneyError("must be a finite number");
  // A JSON number's shortest round-trip text is the literal the client wrote
  // (for up to 15 significant digits), so its digits are exact.
  const text = typeof amount === "number" ? expandExponent(String(amount)) : amount.trim();
  const match = /^(-?)(\d+)(?:\.(\d*))?$/.exec(text);
  if (!match) throw new MoneyError("must be a decimal amount such as 10.00");
  const [, sign, whole, rawFraction = ""] = match;
  const fraction = rawFraction.replace(/0+$/, "");
  if (fraction.length > exponent) {
    throw new MoneyError(
      exponent === 0 ? `${currency} has no decimal places` : `${currency} allows at most ${exponent} decimal places`,
    );
  }
  if (typeof amount === "number" && (whole + fraction).replace(/^0+/, "").replace(/0+$/, "").length > 15) {
    throw new MoneyError("has more significant digits than a JSON number carries exactly; send fewer");
  }
  const minor = BigInt(whole + fraction.padEnd(exponent, "0"));
  return sign === "-" ? -minor : minor;
};

/** Minor units → the decimal string with exactly the currency's places: 1050n USD → "10.50". */
export const formatMinorUnits = (minor: bigint, currency: string): string => {
  const exponent = currencyExponent(currency);
  const digits = (minor < 0n ? -minor : minor).toString().padStart(exponent + 1, "0");
  const whole = digits.slice(0, digits.length - exponent);
  const text = exponent === 0 ? whole : `${whole}.${digits.slice(-exponent)}`;
  return minor < 0n ? `-${text}` : text;
};

/** Minor units → a JSON number in major units, for dialects that send numbers (140.76). */
export const toMajorNumber = (minor: bigint, currency: string): number => Number(formatMinorUnits(minor, currency));

/** A price for people, in their locale: 14076n AUD, "en-AU" → "$140.76". Exact: Intl reads the decimal string. */
export const formatMoney = (minor: bigint, currency: string, locale = "en-US"): string =>
  new Intl.NumberFormat(locale, { style: "currency", currency }).format(
    formatMinorUnits(minor, currency) as unknown as number, // Intl.NumberFormat v3 formats decimal strings exactly
  );

/** How a locale writes a currency's symbol: USD in en → "$", in fr-CA → "$ US". */
export const currencySymbol = (currency: string, locale: string): string =>
  new Intl.NumberFormat(locale, { style: "currency", currency })
    .formatToParts(0)
    .find((part) => part.type === "currency")?.value ?? currency;

/** A decimal string of a currency for people, every digit kept: "3000.123456", USD → "$3,000.123456". */
export const formatDecimalMoney = (decimal: string, currency: string, locale: string): string =>
  new Intl.NumberFormat(locale, { style: "currency", currency, maximumFractionDigits: 20 }).format(
    decimal as unknown as number, // Intl.NumberFormat v3 formats decimal strings exactly
  );
