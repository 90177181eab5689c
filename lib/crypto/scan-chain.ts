import "server-only";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { newId } from "@/lib/ids";
import type { ChainWatcher, ObservedTransfer } from "./chain-watcher";
import { countCryptoPayments, refreshCryptoSessions } from "./refresh-crypto-sessions";

// One scan step of one chain, safe to run on every instance at once and to
// kill at any point:
// - a lease on the chain's cursor row lets one instance scan at a time;
// - transfers, confirmations, session states and the cursor move in one
//   transaction, so after a crash the same blocks are scanned again, and the
//   unique key (chain, tx hash, log index) stops a transfer counting twice;
// - a block hash that changed (reorganisation) rewinds the cursor, orphans the
//   transfers of the blocks that left the chain, and rescans.

export type ScanOptions = {
  confirmations: number;
  /** Who holds the lease: unique per process. */
  owner: string;
  leaseMs?: number;
  /** Most blocks read per step. */
  batchBlocks?: number;
  /** Addresses of sessions this old or younger stay watched after they close (payments after expiry). */
  watchDays?: number;
};

export type ScanResult =
  | { leased: false }
  | {
      leased: true;
      fromBlock: bigint;
      toBlock: bigint;
      head: bigint;
      recorded: number;
      rewound: boolean;
      caughtUp: boolean;
    };

// Two epochs: a reorganisation deeper than this does not happen on Ethereum (finality).
export const REORG_REWIND_BLOCKS = 64n;

const acquireLease = async (db: Db, watcher: ChainWatcher, owner: string, leaseMs: number) => {
  const take = () =>
    db.$queryRaw<{ next_block: bigint; last_block_hash: string | null }[]>`
      UPDATE chain_cursors
         SET lease_owner = ${owner}, lease_until = now() + ${`${leaseMs} milliseconds`}::interval, updated_at = now()
       WHERE chain_id = ${watcher.chainId}
         AND (lease_until IS NULL OR lease_until < now() OR lease_owner = ${owner})
      RETURNING next_block, last_block_hash`;
  let [cursor] = await take();
  if (!cursor) {
    const exists = await db.chainCursor.findUnique({ where: { chainId: watcher.chainId }, select: { chainId: true } });
    if (exists) return undefined; // another instance holds the lease
    // First run on this chain: watch from the current head on.
    const head = await watcher.headBlock();
    await db.$executeRaw`
      INSERT INTO chain_cursors (chain_id, next_block, updated_at) VALUES (${watcher.chainId}, ${head}, now())
      ON CONFLICT (chain_id) DO NOTHING`;
    [cursor] = await take();
  }
  return cursor;
};

const watchedAddresses = async (db: Db, chainId: number, watchDays: number) => {
  const rows = await db.$queryRaw<{ id: string; address: string }[]>`
    SELECT id, address FROM crypto_checkout_sessions
     WHERE chain_id = ${chainId}
       AND (status IN ('open', 'pending') OR created_at > now() - ${`${watchDays} days`}::interval)`;
  return new Map(rows.map((row) => [row.address.toLowerCase(), row.id]));
};

export const scanChain = async (db: Db, watcher: ChainWatcher, options: ScanOptions): Promise<ScanResult> => {
  const { confirmations, owner, leaseMs = 30_000, batchBlocks = 50, watchDays = 30 } = options;
  const cursor = await acquireLease(db, watcher, owner, leaseMs);
  if (!cursor) return { leased: false };
  // Every block that exists now is at or below the head we are about to learn.
  const headAskedAt = new Date();
  const head = await watcher.headBlock();
  const startBlock = BigInt(cursor.next_block);

  // Reorganisation: the last block we read is no longer the chain's block at that height.
  let fromBlock = startBlock;
  let rewound = false;
  if (cursor.last_block_hash && fromBlock > 0n) {
    const current = await watcher.blockHash(fromBlock - 1n);
    if (current !== cursor.last_block_hash) {
      fromBlock = fromBlock > REORG_REWIND_BLOCKS ? fromBlock - REORG_REWIND_BLOCKS : 0n;
      rewound = true;
    }
  }
  const toBlock = head < fromBlock + BigInt(batchBlocks) - 1n ? head : fromBlock + BigInt(batchBlocks) - 1n;

  const sessionByAddress = await watchedAddresses(db, watcher.chainId, watchDays);
  const observed: ObservedTransfer[] =
    toBlock >= fromBlock ? await watcher.transfers(fromBlock, toBlock, new Set(sessionByAddress.keys())) : [];
  // The hash the next step checks: of the last block read (and, at the head, its time says how far payments
  // are known), or, with nothing to read, the one checked before, or after a rewind, of the block before.
  const lastRead = toBlock >= fromBlock ? await watcher.block(toBlock) : undefined;
  const hashWithNothingRead = async () => {
    if (!rewound) return cursor.last_block_hash;
    return fromBlock > 0n ? watcher.blockHash(fromBlock - 1n) : null;
  };
  const toBlockHash = toBlock >= fromBlock ? (lastRead?.hash ?? null) : await hashWithNothingRead();
  // Read to the head: every payment made before the head block was (by the chain's clock, and no later than
  // we asked) has been read. A node that is behind has an old head, so it holds expiries back.
  const caughtUp = toBlock >= head;
  const headTime = !caughtUp ? null : toBlock === head ? lastRead?.time : (await watcher.block(head))?.time;
  const scannedThrough = headTime ? (headTime < headAskedAt ? headTime : headAskedAt) : undefined;

  // Transfers waiting for confirmations: still on the canonical chain? deep enough yet?
  const waiting = await db.cryptoTransfer.findMany({
    where: { chainId: watcher.chainId, status: "seen", simulated: false },
    select: { id: true, sessionId: true, blockNumber: true, blockHash: true },
  });
  const hashes = new Map<bigint, string | null>();
  const canonicalHash = async (blockNumber: bigint) => {
    if (!hashes.has(blockNumber)) hashes.set(blockNumber, await watcher.blockHash(blockNumber));
    return hashes.get(blockNumber);
  };
  const depth = (blockNumber: bigint) => (head >= blockNumber ? Number(head - blockNumber + 1n) : 0);
  const updates: { id: string; sessionId: string; status: "seen" | "confirmed" | "orphaned"; confirmations: number }[] =
    [];
  for (const transfer of waiting) {
    if (transfer.blockNumber === null) continue;
    const onChain = (await canonicalHash(transfer.blockNumber)) === transfer.blockHash;
    const seenDepth = onChain ? depth(transfer.blockNumber) : 0;
    updates.push({
      id: transfer.id,
      sessionId: transfer.sessionId,
      status: !onChain ? "orphaned" : seenDepth >= confirmations ? "confirmed" : "seen",
      confirmations: seenDepth,
    });
  }

  let recorded = 0;
  const completed = await db.$transaction(async (tx) => {
    // Still our lease, and nobody moved the cursor meanwhile? Otherwise write nothing.
    const [held] = await tx.$queryRaw<{ chain_id: number }[]>`
      SELECT chain_id FROM chain_cursors
       WHERE chain_id = ${watcher.chainId} AND lease_owner = ${owner} AND next_block = ${startBlock}
       FOR UPDATE`;
    if (!held) throw new LeaseLostError();
    // The sessions this step writes to, locked (in id order, as the expiry sweep does) before anything is
    // read from them: a transfer is "after close" exactly when its session was closed before it was recorded.
    const sessionIds = [
      ...new Set([
        ...updates.map((update) => update.sessionId),
        ...observed.flatMap((transfer) => sessionByAddress.get(transfer.to.toLowerCase()) ?? []),
      ]),
    ].sort();
    if (sessionIds.length > 0) {
      await tx.$queryRaw`
        SELECT id FROM crypto_checkout_sessions WHERE id IN (${Prisma.join(sessionIds)}) ORDER BY id FOR UPDATE`;
    }
    const touched: string[] = [];
    for (const update of updates) {
      await tx.cryptoTransfer.update({
        where: { id: update.id },
        data: {
          status: update.status,
          confirmations: update.confirmations,
          confirmedAt: update.status === "confirmed" ? new Date() : undefined,
        },
      });
      touched.push(update.sessionId);
    }
    for (const transfer of observed) {
      const sessionId = sessionByAddress.get(transfer.to.toLowerCase());
      if (!sessionId) continue;
      const seenDepth = depth(transfer.blockNumber);
      const status = seenDepth >= confirmations ? "confirmed" : "seen";
      // A transfer seen before is left alone, unless a reorganisation orphaned it and it is back in a new block.
      const changed = await tx.$executeRaw`
        INSERT INTO crypto_transfers
          (id, session_id, chain_id, asset, tx_hash, log_index, block_number, block_hash, from_address, amount,
           status, confirmations, confirmed_at, after_close)
        VALUES (${newId("cryptoTransfer")}, ${sessionId}, ${watcher.chainId}, ${transfer.asset}::"CryptoAsset",
                ${transfer.txHash.toLowerCase()}, ${transfer.logIndex}, ${transfer.blockNumber}, ${transfer.blockHash},
                ${transfer.from}, ${new Prisma.Decimal(transfer.amount.toString())},
                ${status}::"CryptoTransferStatus", ${seenDepth}, ${status === "confirmed" ? new Date() : null},
                (SELECT status IN ('expired', 'canceled') FROM crypto_checkout_sessions WHERE id = ${sessionId}))
        ON CONFLICT (chain_id, tx_hash, log_index) DO UPDATE
          SET block_number = EXCLUDED.block_number, block_hash = EXCLUDED.block_hash, status = EXCLUDED.status,
              confirmations = EXCLUDED.confirmations, confirmed_at = EXCLUDED.confirmed_at
          WHERE crypto_transfers.status = 'orphaned'`;
      if (changed > 0) {
        recorded++;
        touched.push(sessionId);
      }
    }
    await tx.chainCursor.update({
      where: { chainId: watcher.chainId },
      data: {
        nextBlock: toBlock >= fromBlock ? toBlock + 1n : fromBlock,
        lastBlockHash: toBlockHash,
        scannedThrough,
      },
    });
    return refreshCryptoSessions(tx, touched);
  });
  countCryptoPayments(completed, "chain");
  return { leased: true, fromBlock, toBlock, head, recorded, rewound, caughtUp };
};

export class LeaseLostError extends Error {
  constructor() {
    super("another instance took over this chain's scan; this step wrote nothing");
  }
}
