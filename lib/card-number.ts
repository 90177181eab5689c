// Card-number rules shared by the hosted forms (as the customer types) and the
// server (which never trusts the browser): digits only, Luhn, brand by IIN.

export type CardBrand = "visa" | "mastercard" | "amex" | "discover" | "diners" | "jcb" | "unionpay" | "unknown";

export const CARD_BRAND_LABELS: Record<CardBrand, string> = {
  visa: "Visa",
  mastercard: "Mastercard",
  amex: "American Express",
  discover: "Discover",
  diners: "Diners Club",
  jcb: "JCB",
  unionpay: "UnionPay",
  unknown: "Card",
};

/** "4242 4242-4242 4242" → "4242424242424242". */
export const cardDigits = (number: string) => number.replace(/[\s-]/g, "");

export const luhnValid = (digits: string): boolean => {
  if (!/^\d{12,19}$/.test(digits)) return false;
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
};

// Issuer identification number ranges, most specific first.
const BRAND_PATTERNS: [CardBrand, RegExp][] = [
  ["amex", /^3[47]/],
  ["diners", /^3(0[0-5]|[689])/],
  ["jcb", /^35(2[89]|[3-8])/],
  ["discover", /^(6011|65|64[4-9])/],
  ["unionpay", /^62/],
  ["mastercard", /^(5[1-5]|2(2[2-9]|[3-6]|7[01]|720))/],
  ["visa", /^4/],
];

export const detectCardBrand = (digits: string): CardBrand =>
  BRAND_PATTERNS.find(([, pattern]) => pattern.test(digits))?.[0] ?? "unknown";

export const cvcLength = (brand: CardBrand) => (brand === "amex" ? 4 : 3);

/** "MM/YY" → month and four-digit year, or undefined when it is not a month. */
export const parseExpiry = (expiry: string): { month: number; year: number } | undefined => {
  const match = /^\s*(0[1-9]|1[0-2])\s*\/\s*(\d{2})\s*$/.exec(expiry);
  if (!match) return undefined;
  return { month: Number(match[1]), year: 2000 + Number(match[2]) };
};

/** A card is valid through the last day of its expiry month. */
export const isExpired = ({ month, year }: { month: number; year: number }, now = new Date()) =>
  year < now.getUTCFullYear() || (year === now.getUTCFullYear() && month < now.getUTCMonth() + 1);
