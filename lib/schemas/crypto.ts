import { z } from "zod";
import { CRYPTO_ASSETS, CRYPTO_FIAT_CURRENCIES } from "@/lib/crypto-assets";
import { toMinorUnits } from "@/lib/money";
import { arrayListQuery } from "@/lib/pagination";
import { localeSchema } from "./locale";
import { metadataSchema } from "./metadata";
import { redirectUrlSchema } from "./redirect-url";

// The WeWire dialect's fields (contract "Crypto checkout (WeWire dialect)"). Every field of the original WeWire API is
// required; amounts are JSON numbers in major units of the fiat currency,
// which the schema turns into integer minor units.

const text = (max: number) =>
  z.string().trim().min(1, "must not be empty").max(max, `must have at most ${max} characters`);

const amountFits = (amount: number, currency: string) => {
  try {
    return toMinorUnits(amount, currency) > 0n;
  } catch {
    return false;
  }
};

export const createCryptoCheckoutBody = z
  .strictObject({
    amount: z
      .number({ error: "must be a number in major units, e.g. 100 or 19.99" })
      .positive("must be greater than zero")
      // Far above any checkout, and far below what integer minor units can hold.
      .max(1_000_000_000, "must be at most 1000000000"),
    currency: z.enum(CRYPTO_FIAT_CURRENCIES, { error: `must be one of ${CRYPTO_FIAT_CURRENCIES.join(", ")}` }),
    successUrl: redirectUrlSchema,
    cancelUrl: redirectUrlSchema,
    email: z.email("must be an e-mail address").max(254),
    name: text(200),
    metadata: metadataSchema,
    productId: text(200),
    productName: text(200),
    productDescription: z.string().trim().max(2000, "must have at most 2000 characters"),
    allowedAssets: z
      .array(z.enum(CRYPTO_ASSETS, { error: `each must be one of ${CRYPTO_ASSETS.join(", ")}` }), {
        error: `must be an array of ${CRYPTO_ASSETS.join(", ")} (empty for all)`,
      })
      .max(CRYPTO_ASSETS.length)
      .refine((assets) => new Set(assets).size === assets.length, "must not repeat an asset"),
    // An extension of the dialect: the hosted page's language (README "Hosted pages: languages").
    locale: localeSchema.optional(),
  })
  .superRefine((body, context) => {
    // The currency decides how many decimals the amount may have (JPY none, USD 2).
    if (
      typeof body.amount === "number" &&
      body.amount > 0 &&
      typeof body.currency === "string" &&
      !amountFits(body.amount, body.currency)
    ) {
      context.addIssue({
        code: "custom",
        path: ["amount"],
        message: `has more decimal places than ${body.currency} allows, or more digits than a JSON number carries exactly`,
      });
    }
  })
  // The command: the amount in minor units of the currency.
  .transform((body) => ({ ...body, amount: toMinorUnits(body.amount, body.currency) }));
export type CreateCryptoSessionCommand = z.output<typeof createCryptoCheckoutBody>;

export const listCryptoCheckoutQuery = arrayListQuery;

export const cryptoSettingsBody = z.strictObject({
  xpub: z.string().trim().min(1).max(200),
});

export const chooseAssetBody = z.strictObject({ asset: z.enum(CRYPTO_ASSETS) });

export const SIMULATED_PAYMENTS = ["full", "partial", "over"] as const;
export const simulatePaymentBody = z.strictObject({ kind: z.enum(SIMULATED_PAYMENTS) });
