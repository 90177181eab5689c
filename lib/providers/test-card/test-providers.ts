import "server-only";
import { createTestCardProvider, type TestProviderProfile } from "./test-card-provider";
import { databaseTestProviderStore } from "./test-provider-store";

// The four test providers that card sessions route between (contract "Card payment sessions (Kadosei dialect)"). They
// share Stripe's test card numbers and differ where routing looks: which
// currencies and brands they take, what they charge, how fast they answer.
// Fees are list-price-like, not any provider's actual pricing.
const PROFILES: TestProviderProfile[] = [
  {
    name: "stripe",
    currencies: ["USD", "EUR", "GBP", "AUD", "CAD", "NZD", "JPY", "SGD", "CHF", "SEK", "NOK", "DKK"],
    brands: ["visa", "mastercard", "amex", "discover", "diners", "jcb", "unionpay"],
    fee: { percentBps: 290, fixedHundredths: 30 },
    latencyMs: 60,
  },
  {
    name: "adyen",
    currencies: ["USD", "EUR", "GBP", "AUD", "CAD", "JPY", "CHF", "SEK", "NOK", "DKK", "HKD", "SGD", "KWD", "BHD"],
    brands: ["visa", "mastercard", "amex", "jcb", "unionpay", "diners", "discover"],
    fee: { percentBps: 260, fixedHundredths: 12 },
    latencyMs: 90,
  },
  {
    name: "checkout_com",
    currencies: ["USD", "EUR", "GBP", "AUD", "AED", "SAR", "QAR", "KWD", "BHD"],
    brands: ["visa", "mastercard", "amex", "diners", "discover", "jcb"],
    fee: { percentBps: 250, fixedHundredths: 20 },
    latencyMs: 75,
  },
  {
    name: "braintree",
    currencies: ["USD", "EUR", "GBP", "AUD", "CAD"],
    brands: ["visa", "mastercard", "amex", "discover"],
    fee: { percentBps: 259, fixedHundredths: 49 },
    latencyMs: 120,
  },
];

export const TEST_PROVIDERS = PROFILES.map((profile) => createTestCardProvider(profile, databaseTestProviderStore));
