// Response schemas of the crypto checkout API (WeWire dialect).
// Producer: lib/crypto/crypto-json.ts → cryptoSessionJson(row, publicBaseUrl).
//
// Every object is strict: a field the producer does not write fails validation.
// Nullability follows the code (Prisma column types and the `?? null` in the producer),
// not what happens to be true "in practice"; see crypto-card-platform-NOTES.md.
import { z } from "zod";
import { CRYPTO_ASSETS, CRYPTO_FIAT_CURRENCIES } from "@/lib/crypto-assets";
import { CryptoCheckoutStatus, CryptoTransferStatus } from "@/lib/generated/prisma/enums";
import { timestamp } from "./scalars";

/** On-chain amounts are decimal strings: wei do not fit a JSON number. */
const assetDecimal = z
  .string()
  .regex(/^-?\d+(\.\d+)?$/)
  .meta({
    description: "An amount of the asset in its whole units, as a decimal string (no trailing zeros).",
    example: "0.0421",
  });
const baseUnitInteger = z
  .string()
  .regex(/^-?\d+$/)
  .meta({
    description: "The same amount in the asset's smallest unit (wei, or 10^-6 USDC/USDT), as an integer string.",
    example: "42100000000000000",
  });

export const cryptoAssetSchema = z
  .enum(CRYPTO_ASSETS)
  .meta({ id: "CryptoAsset", description: "An asset crypto checkout accepts." });

export const cryptoCheckoutStatusSchema = z.enum(CryptoCheckoutStatus).meta({
  id: "CryptoCheckoutStatus",
  description:
    "open: nothing seen on chain yet · pending: a payment was seen (part paid, or waiting for confirmations) · completed: paid in full · expired · canceled.",
});

export const cryptoCheckoutCustomerSchema = z
  .strictObject({
    id: z.string().meta({
      description: "`cus_…`: one customer per e-mail address, merchant and mode.",
      example: "cus_01KJHF4SFHW93DY4BVF227F33V",
    }),
    email: z.string(),
    name: z.string(),
    createdAt: timestamp,
  })
  .meta({
    id: "CryptoCheckoutCustomer",
    description: "The customer of a crypto checkout session (created or reused by e-mail address).",
  });

export const cryptoNetworkRefSchema = z
  .strictObject({
    chainId: z.number().int().meta({ example: 11155111 }),
    name: z.string().meta({ description: "A known chain's name, else `EVM chain <id>`.", example: "Sepolia" }),
  })
  .meta({ id: "CryptoNetworkRef", description: "The EVM network a deposit address lives on." });

export const cryptoPaymentBaseUnitsSchema = z
  .strictObject({
    amountDue: baseUnitInteger,
    amountReceived: baseUnitInteger,
    amountPending: baseUnitInteger,
    amountRemaining: baseUnitInteger,
  })
  .meta({ id: "CryptoPaymentBaseUnits", description: "The four amounts of `payment`, in the asset's smallest unit." });

export const cryptoTransactionSchema = z
  .strictObject({
    hash: z.string().meta({ description: "Transaction hash (a simulated test-mode payment has a made-up one)." }),
    logIndex: z
      .number()
      .int()
      .nullable()
      .meta({ description: "The ERC-20 Transfer log's index; null for a native ETH transfer." }),
    asset: cryptoAssetSchema,
    amount: assetDecimal,
    from: z.string().nullable().meta({ description: "Sender address, when known." }),
    blockNumber: z.number().int().nullable().meta({ description: "null for a simulated transfer (no block)." }),
    confirmations: z.number().int(),
    status: z.enum(CryptoTransferStatus).meta({
      description:
        "seen: in a block, not yet enough confirmations · confirmed · orphaned: its block left the canonical chain.",
    }),
    simulated: z.boolean(),
    seenAt: timestamp,
  })
  .meta({
    id: "CryptoTransaction",
    description: "One on-chain transfer to the session's deposit address, oldest first.",
  });

export const cryptoPaymentSchema = z
  .strictObject({
    asset: cryptoAssetSchema,
    network: cryptoNetworkRefSchema,
    tokenContract: z.string().nullable().meta({
      description: "The ERC-20 contract; null for ETH, or when this server has no contract configured for the asset.",
    }),
    address: z.string().meta({ description: "The deposit address (derived from the merchant's xpub)." }),
    amountDue: assetDecimal,
    amountReceived: assetDecimal.meta({ description: "Confirmed transfers of the quoted asset." }),
    amountPending: assetDecimal.meta({ description: "Transfers seen but not yet confirmed." }),
    amountRemaining: assetDecimal.meta({ description: "Due minus received minus pending, never below 0." }),
    baseUnits: cryptoPaymentBaseUnitsSchema,
    rate: z
      .string()
      .nullable()
      .meta({ description: "The quote's rate (a decimal string). Nullable column; set whenever a quote exists." }),
    rateSource: z.string().nullable(),
    quotedAt: timestamp.nullable(),
    quoteExpiresAt: timestamp.nullable(),
    confirmationsRequired: z.number().int(),
    overpaid: z.boolean(),
    underpaid: z.boolean(),
    paidLate: z.boolean(),
    transactions: z.array(cryptoTransactionSchema),
  })
  .meta({
    id: "CryptoPayment",
    description: "The quote and what has been received, once the customer has picked an asset on the hosted page.",
  });

export const cryptoCheckoutSessionSchema = z
  .strictObject({
    id: z
      .string()
      .meta({ description: "`ccs_…` (WeWire ids carry no mode).", example: "ccs_01KJHF4SFHW93DY4BVF227F33V" }),
    status: cryptoCheckoutStatusSchema,
    currency: z.enum(CRYPTO_FIAT_CURRENCIES),
    amount: z.number().meta({ description: "In major units of `currency` (a JSON number).", example: 19.99 }),
    email: z.string(),
    name: z.string(),
    productId: z.string(),
    productName: z.string(),
    productDescription: z.string().meta({ description: "May be empty." }),
    locale: z
      .string()
      .nullable()
      .meta({ description: "The hosted page's language as sent at creation (BCP 47); null when none was sent." }),
    allowedAssets: z
      .array(cryptoAssetSchema)
      .meta({ description: "As sent at creation; empty means every asset this server offers." }),
    expiresAt: timestamp,
    metadata: z.record(z.string(), z.string()).meta({ description: "As sent at creation (string values)." }),
    customerId: z.string(),
    redirectUrl: z.string().meta({ description: "The same as `successUrl` (the original API's field)." }),
    successUrl: z.string(),
    cancelUrl: z.string(),
    createdAt: timestamp,
    updatedAt: timestamp,
    completedAt: timestamp.nullable(),
    customer: cryptoCheckoutCustomerSchema,
    livemode: z.boolean(),
    checkoutUrl: z
      .string()
      .meta({ description: "The hosted checkout page for the customer: `<public base URL>/checkout/<token>`." }),
    payment: cryptoPaymentSchema
      .nullable()
      .meta({ description: "null until the customer has picked an asset (no quote yet)." }),
  })
  .meta({
    id: "CryptoCheckoutSession",
    description:
      "A crypto checkout session (WeWire dialect): the original API's list item plus `status`, `checkoutUrl` and `payment`. Also the `data.object` of `crypto_checkout.*` events.",
  });

/** GET /api/v1/checkout: a bare array, newest first; the next page is in the `Link` header. */
export const cryptoCheckoutSessionListSchema = z.array(cryptoCheckoutSessionSchema).meta({
  id: "CryptoCheckoutSessionList",
  description:
    'A bare array, newest first. When there is another page, the `Link: <…?limit=…&starting_after=…>; rel="next"` response header points to it.',
});
