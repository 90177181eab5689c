import type { Formats } from "use-intl/core";

// Named number formats the catalogs use: `{min, number, usd}` is a wallet
// amount (the wallet dialect is in US dollars), `{example, number, amount}` a
// decimal written with the customer's separators. Values are decimal strings,
// which Intl formats exactly.
export const FORMATS = {
  number: {
    usd: { style: "currency", currency: "USD" },
    amount: { minimumFractionDigits: 2, maximumFractionDigits: 2 },
  },
} satisfies Formats;
