import "server-only";
import { type Address, createPublicClient, getAddress, type Hex, http, type PublicClient, parseAbiItem } from "viem";
import { z } from "zod";
import type { CryptoAsset } from "@/lib/crypto-assets";
import type { CryptoNetworkConfig } from "@/lib/env";

// How payments are seen: one interface, so the scanner (cursor, confirmations,
// reorganisations, exactly-once recording) is written once and tested against
// any chain, and an EVM JSON-RPC implementation of it.

export type ObservedTransfer = {
  asset: CryptoAsset;
  to: Address;
  from: Address | null;
  amount: bigint;
  txHash: Hex;
  /** The log's index in its block; -1 for a native ETH transfer (the transaction itself). */
  logIndex: number;
  blockNumber: bigint;
  blockHash: Hex;
};

export interface ChainWatcher {
  readonly chainId: number;
  /** The newest block number. */
  headBlock(): Promise<bigint>;
  /** The canonical hash of a block, or null when the chain has no such block (any more). */
  blockHash(blockNumber: bigint): Promise<Hex | null>;
  /** A block's hash and when it was made (the chain's own clock), or null when the chain has no such block. */
  block(blockNumber: bigint): Promise<{ hash: Hex; time: Date } | null>;
  /** Successful transfers of the watched assets to any of `addresses` (lowercase) in blocks from..to. */
  transfers(fromBlock: bigint, toBlock: bigint, addresses: ReadonlySet<string>): Promise<ObservedTransfer[]>;
}

/** A node answered something that is not what the protocol promises: nothing from that answer is used. */
export class MalformedChainResponseError extends Error {}

const hash32 = z.string().regex(/^0x[0-9a-fA-F]{64}$/);
const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/);
const observedTransfer = z.object({
  asset: z.enum(["ETH", "USDC", "USDT"]),
  to: address,
  from: address.nullable(),
  amount: z.bigint().positive(),
  txHash: hash32,
  logIndex: z.number().int().min(-1),
  blockNumber: z.bigint().nonnegative(),
  blockHash: hash32,
});

/** Every observed transfer must be well-formed, or the whole answer is refused. */
export const checkObservedTransfers = (transfers: unknown[]): ObservedTransfer[] =>
  transfers.map((transfer) => {
    const result = observedTransfer.safeParse(transfer);
    if (!result.success) {
      throw new MalformedChainResponseError(`malformed transfer from the node: ${result.error.issues[0]?.message}`);
    }
    const value = result.data;
    return {
      ...value,
      to: getAddress(value.to),
      from: value.from === null ? null : getAddress(value.from),
      txHash: value.txHash as Hex,
      blockHash: value.blockHash as Hex,
    };
  });

const TRANSFER_EVENT = parseAbiItem("event Transfer(address indexed from, address indexed to, uint256 value)");

const RPC_TIMEOUT_MS = 10_000;

/** An EVM chain over JSON-RPC: native transfers from block bodies, ERC-20 deposits from `Transfer` logs. */
export const evmChainWatcher = (
  network: CryptoNetworkConfig & { rpcUrl: string },
  client: PublicClient = createPublicClient({
    transport: http(network.rpcUrl, { timeout: RPC_TIMEOUT_MS, retryCount: 1 }),
    cacheTime: 0,
  }),
): ChainWatcher => {
  const tokens = (Object.entries(network.tokens) as [CryptoAsset, Address | undefined][]).filter(
    (entry): entry is [CryptoAsset, Address] => entry[1] !== undefined,
  );
  const assetOfToken = new Map(tokens.map(([asset, contract]) => [contract.toLowerCase(), asset]));

  const nativeTransfers = async (blockNumber: bigint, addresses: ReadonlySet<string>) => {
    const block = await client.getBlock({ blockNumber, includeTransactions: true });
    if (!block?.hash || !Array.isArray(block.transactions)) {
      throw new MalformedChainResponseError(`block ${blockNumber} came back without a hash or transactions`);
    }
    const found: unknown[] = [];
    for (const tx of block.transactions) {
      if (typeof tx !== "object" || !tx.to || !addresses.has(tx.to.toLowerCase()) || !(tx.value > 0n)) continue;
      // A reverted transaction moves no ether, though its value is in the block.
      const receipt = await client.getTransactionReceipt({ hash: tx.hash });
      if (receipt.status !== "success" || receipt.blockHash !== block.hash) continue;
      found.push({
        asset: "ETH",
        to: tx.to,
        from: tx.from ?? null,
        amount: tx.value,
        txHash: tx.hash,
        logIndex: -1,
        blockNumber: block.number,
        blockHash: block.hash,
      });
    }
    return found;
  };

  const tokenTransfers = async (fromBlock: bigint, toBlock: bigint, addresses: ReadonlySet<string>) => {
    if (tokens.length === 0) return [];
    const logs = await client.getLogs({
      address: tokens.map(([, contract]) => contract),
      event: TRANSFER_EVENT,
      fromBlock,
      toBlock,
      strict: true,
    });
    return logs
      .filter((log) => !log.removed && addresses.has(String(log.args.to).toLowerCase()))
      .map((log) => ({
        asset: assetOfToken.get(String(log.address).toLowerCase()),
        to: log.args.to,
        from: log.args.from ?? null,
        amount: log.args.value,
        txHash: log.transactionHash,
        logIndex: log.logIndex,
        blockNumber: log.blockNumber,
        blockHash: log.blockHash,
      }));
  };

  const wrap = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      if (error instanceof MalformedChainResponseError) throw error;
      throw new MalformedChainResponseError(
        `${what} failed: ${error instanceof Error ? error.message.split("\n")[0] : error}`,
      );
    }
  };

  const block = (blockNumber: bigint) =>
    client.getBlock({ blockNumber }).catch((error: Error) => {
      if (error.name === "BlockNotFoundError") return null;
      throw error;
    });

  return {
    chainId: network.chainId,
    headBlock: () => wrap("eth_blockNumber", () => client.getBlockNumber({ cacheTime: 0 })),
    blockHash: (blockNumber) => wrap("eth_getBlockByNumber", async () => (await block(blockNumber))?.hash ?? null),
    block: (blockNumber) =>
      wrap("eth_getBlockByNumber", async () => {
        const found = await block(blockNumber);
        return found?.hash ? { hash: found.hash, time: new Date(Number(found.timestamp) * 1000) } : null;
      }),
    transfers: (fromBlock, toBlock, addresses) =>
      wrap("scanning blocks", async () => {
        if (addresses.size === 0) return [];
        const found: unknown[] = await tokenTransfers(fromBlock, toBlock, addresses);
        for (let blockNumber = fromBlock; blockNumber <= toBlock; blockNumber++) {
          found.push(...(await nativeTransfers(blockNumber, addresses)));
        }
        return checkObservedTransfers(found);
      }),
  };
};
