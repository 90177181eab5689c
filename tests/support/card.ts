// The seed's own example (seed 002), as a factory the API tests, the e2e
// tests and their seeds share. It imports no server config, so e2e seeds can use it.

export const seedSessionBody = (overrides: Record<string, unknown> = {}) => ({
  orderReference: "ORD-2024-001",
  paymentMethod: "card",
  currency: "AUD",
  locale: "en_AU",
  amount: { total: 140.76, shipping: 9.95, tax: 11.81 },
  orderItems: [{ name: "Wireless Headphones", sku: "WH-100", quantity: 1, unitPrice: 119 }],
  customer: {
    firstName: "Jane",
    lastName: "Smith",
    email: "jane.smith@example.com",
    phone: "+61412345678",
    billingAddress: {
      line1: "123 Collins Street",
      line2: "Level 5",
      city: "Melbourne",
      state: "VIC",
      postalCode: "3000",
      country: "AU",
    },
    shippingAddress: {
      line1: "123 Collins Street",
      line2: "Level 5",
      city: "Melbourne",
      state: "VIC",
      postalCode: "3000",
      country: "AU",
    },
  },
  shipping: { type: "express", method: "aus_post" },
  additionalInformation: { campaignId: "summer-sale-2024", referralCode: "REF-ABC" },
  redirectUrls: {
    success: "https://merchant.example.com/checkout/success",
    failure: "https://merchant.example.com/checkout/failure",
  },
  ...overrides,
});

export const TEST_CARDS = {
  succeeds: "4242 4242 4242 4242",
  declined: "4000 0000 0000 0002",
  insufficientFunds: "4000 0000 0000 9995",
  processingError: "4000 0000 0000 0119",
  threeDSecure: "4000 0000 0000 3220",
  amex: "3782 822463 10005",
  unionpay: "6200 0000 0000 0005",
  // Ours: the provider charges (or declines), then never answers; the reconciler learns the outcome.
  silentSucceeds: "4000 0000 0000 0408",
  silentDeclines: "4000 0000 0000 0416",
} as const;

export const cardForm = (number: string, overrides: Record<string, string> = {}) => ({
  card: { number, expiry: "12/34", cvc: number.startsWith("37") ? "1234" : "123", ...overrides },
});
