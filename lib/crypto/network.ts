import "server-only";
import { CRYPTO_ASSETS, type CryptoAsset } from "@/lib/crypto-assets";
import { type CryptoNetworkConfig, env } from "@/lib/env";
import { DomainError } from "@/lib/errors";
import type { Mode } from "@/lib/ids";
import { fixedRateSource, httpRateSource, type RateSource } from "./rate-source";

// The EVM network, assets and price source of each mode, from the environment
// (README "Crypto checkout" lists the variables).

const CHAIN_NAMES: Record<number, string> = {
  1: "Ethereum",
  10: "OP Mainnet",
  137: "Polygon",
  8453: "Base",
  42161: "Arbitrum One",
  11155111: "Sepolia",
  31337: "Local test chain",
};

export const chainName = (chainId: number) => CHAIN_NAMES[chainId] ?? `EVM chain ${chainId}`;

export const cryptoNetwork = (mode: Mode): CryptoNetworkConfig => env().crypto[mode];

/**
 * The assets a session of this mode can be paid in. With a watched chain, an
 * ERC-20 needs its contract address; without one, test mode offers every asset
 * for simulated payments and live mode offers none.
 */
export const availableAssets = (mode: Mode, network = cryptoNetwork(mode)): CryptoAsset[] => {
  if (!network.rpcUrl) return mode === "test" ? [...CRYPTO_ASSETS] : [];
  return CRYPTO_ASSETS.filter((asset) => asset === "ETH" || network.tokens[asset]);
};

export const assertCryptoAvailable = (mode: Mode) => {
  if (availableAssets(mode).length === 0) {
    throw new DomainError(
      "service_unavailable",
      `Crypto checkout is not configured for ${mode} mode on this server (CRYPTO_${mode.toUpperCase()}_RPC_URL is not set).`,
    );
  }
};

const httpSources = new Map<string, RateSource>();

/** Test mode prices at fixed rates unless a price API is configured for it; live mode needs one. */
export const rateSourceFor = (mode: Mode): RateSource => {
  const { rateUrl } = cryptoNetwork(mode);
  if (!rateUrl) {
    if (mode === "test") return fixedRateSource;
    throw new DomainError("service_unavailable", "No price source is configured for live mode (CRYPTO_LIVE_RATE_URL).");
  }
  let source = httpSources.get(rateUrl);
  if (!source) {
    source = httpRateSource(rateUrl, fetch, {
      maxChangePercent: env().crypto.rateMaxChangePercent,
      referenceMs: 60 * 60_000,
    });
    httpSources.set(rateUrl, source);
  }
  return source;
};
