import "server-only";
import crypto from "node:crypto";
import os from "node:os";
import { every } from "@/lib/background/every";
import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import type { Mode } from "@/lib/ids";
import { log } from "@/lib/log";
import { metrics } from "@/lib/metrics";
import { evmChainWatcher } from "./chain-watcher";
import { expireDueCryptoSessions } from "./close-crypto-session";
import { LeaseLostError, scanChain } from "./scan-chain";

// The crypto checkout's background work, run by every instance: the expiry
// sweep (one UPDATE, harmless when several run it) and the chain watcher of
// each configured network (a lease lets one instance scan at a time; another
// takes over within a lease period when it dies).

const EXPIRY_SWEEP_MS = 5_000;
const MAX_STEPS_PER_TICK = 20;

export const startCryptoBackground = (db: Db) => {
  const { crypto: config } = env();
  const owner = `${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString("hex")}`;
  const stops = [
    every(EXPIRY_SWEEP_MS, () =>
      expireDueCryptoSessions(db)
        .then(() => undefined)
        .catch((error) => log.error({ err: error, job: "Crypto expiry sweep" }, "Crypto expiry sweep failed")),
    ),
  ];
  const watched = new Set<number>();
  for (const mode of ["test", "live"] as Mode[]) {
    const network = config[mode];
    if (!network.rpcUrl || watched.has(network.chainId)) continue;
    watched.add(network.chainId);
    const watcher = evmChainWatcher({ ...network, rpcUrl: network.rpcUrl });
    stops.push(
      every(config.pollIntervalMs, async () => {
        try {
          for (let step = 0; step < MAX_STEPS_PER_TICK; step++) {
            const result = await scanChain(db, watcher, { confirmations: network.confirmations, owner });
            // Only the instance that reads the chain reports its lag; the others report none.
            if (!result.leased) {
              metrics.chainLag.remove({ chain_id: String(network.chainId) });
              break;
            }
            const readThrough = result.toBlock >= result.fromBlock ? result.toBlock : result.fromBlock - 1n;
            const lag = result.head > readThrough ? result.head - readThrough : 0n;
            metrics.chainLag.set({ chain_id: String(network.chainId) }, Number(lag));
            if (result.caughtUp) break;
          }
        } catch (error) {
          // A failed step leaves no lag behind to repeat: the series goes missing (alert on its absence).
          metrics.chainLag.remove({ chain_id: String(network.chainId) });
          if (error instanceof LeaseLostError) return;
          // Nothing of a failed step was written; the next tick reads the same blocks again.
          log.error({ err: error, chain_id: network.chainId }, "A chain watcher step failed");
        }
      }),
    );
  }
  /** Stops the loops, waits for running steps, and hands the chain leases back so a restart resumes at once. */
  return async () => {
    await Promise.all(stops.map((stop) => stop()));
    await db.chainCursor
      .updateMany({ where: { leaseOwner: owner }, data: { leaseOwner: null, leaseUntil: null } })
      .catch((error) => log.error({ err: error }, "Releasing the chain leases failed"));
  };
};
