// The assets crypto checkout accepts, all on one EVM network per mode, and the
// fiat currencies a session can be priced in (each needs a rate per asset).

export const CRYPTO_ASSETS = ["ETH", "USDC", "USDT"] as const;
export type CryptoAsset = (typeof CRYPTO_ASSETS)[number];

export const ASSET_INFO: Record<CryptoAsset, { name: string; decimals: number; kind: "native" | "erc20" }> = {
  ETH: { name: "Ether", decimals: 18, kind: "native" },
  USDC: { name: "USD Coin", decimals: 6, kind: "erc20" },
  USDT: { name: "Tether USD", decimals: 6, kind: "erc20" },
};

export const isCryptoAsset = (value: string): value is CryptoAsset =>
  (CRYPTO_ASSETS as readonly string[]).includes(value);

export const CRYPTO_FIAT_CURRENCIES = ["USD", "EUR", "GBP", "CHF", "CAD", "AUD", "JPY"] as const;
export type CryptoFiatCurrency = (typeof CRYPTO_FIAT_CURRENCIES)[number];
