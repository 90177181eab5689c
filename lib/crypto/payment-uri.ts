import "server-only";
import type { CryptoAsset } from "@/lib/crypto-assets";

/**
 * An EIP-681 payment request for a wallet's QR scanner: native ETH as
 * `ethereum:<to>@<chain>?value=<wei>`, an ERC-20 as a `transfer` call on its
 * contract. Without a known contract, only the address.
 */
export const paymentUri = (args: {
  asset: CryptoAsset;
  address: string;
  chainId: number;
  amount: bigint;
  tokenContract: string | null;
}) => {
  if (args.asset === "ETH") return `ethereum:${args.address}@${args.chainId}?value=${args.amount}`;
  if (!args.tokenContract) return `ethereum:${args.address}@${args.chainId}`;
  return `ethereum:${args.tokenContract}@${args.chainId}/transfer?address=${args.address}&uint256=${args.amount}`;
};
