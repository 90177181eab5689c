import "server-only";
import type { Db, DbClient } from "@/lib/db/client";
import { env } from "@/lib/env";
import { DomainError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { MerchantScope } from "@/lib/scope";
import { getCryptoSessionOrThrow } from "./get-crypto-sessions";
import { recordCryptoSessionEvents } from "./record-crypto-session-events";

// contract "Crypto checkout (WeWire dialect)": only an open session (no payment seen) can be expired or canceled.
// Repeating the same on an expired or canceled session changes nothing; a
// session with money on the way, or paid, cannot be closed (409).

export type CloseTarget = "expired" | "canceled";

/**
 * Closes one of the merchant's open sessions and returns it. The status check
 * and the write are one statement. (The hosted page cancels as its session's
 * merchant: the client secret stands for that scope.)
 */
export const closeCryptoSession = async (db: Db, scope: MerchantScope, sessionId: string, target: CloseTarget) => {
  const { id } = await getCryptoSessionOrThrow(db, scope, sessionId);
  const closed = await db.$transaction(async (tx) => {
    const { count } = await tx.cryptoCheckoutSession.updateMany({
      where: { id, status: "open" },
      data: { status: target },
    });
    if (count === 1) await recordCryptoSessionEvents(tx, [{ id, type: `crypto_checkout.${target}` }]);
    return count === 1;
  });
  const row = await getCryptoSessionOrThrow(db, scope, id);
  if (closed || row.status === "expired" || row.status === "canceled") return row;
  throw new DomainError(
    "state_conflict",
    row.status === "completed"
      ? "This checkout session is paid; it can no longer be expired or canceled."
      : "A payment for this checkout session has been seen on chain; it can no longer be expired or canceled.",
  );
};

/**
 * Which sessions are past their expiry as far as we can know: on a chain a
 * watcher reads, only those that expired before the time its scan has read
 * through (a node that is down or behind must not turn payments made in time
 * into late ones); on a chain nobody watches (simulated payments), now.
 */
const pastExpiry = async (tx: DbClient, now: Date): Promise<Prisma.CryptoCheckoutSessionWhereInput> => {
  const { test, live } = env().crypto;
  const watched = [...new Set([test, live].filter((network) => network.rpcUrl).map((network) => network.chainId))];
  const cursors = await tx.chainCursor.findMany({
    where: { chainId: { in: watched } },
    select: { chainId: true, scannedThrough: true },
  });
  return {
    OR: [
      { chainId: { notIn: watched }, expiresAt: { lte: now } },
      ...cursors.flatMap(({ chainId, scannedThrough }) =>
        scannedThrough ? [{ chainId, expiresAt: { lte: scannedThrough < now ? scannedThrough : now } }] : [],
      ),
    ],
  };
};

/**
 * The background sweep, in two statements (safe on many instances): every
 * open session past its expiry expires; every pending one (a part paid) whose
 * transfers are all confirmed expires `underpaid`, with its amount received.
 * With `id`, that one session only (the hosted page expires its session the
 * moment it is opened late).
 */
export const expireDueCryptoSessions = (db: Db, now = new Date(), id?: string) =>
  db.$transaction(async (tx) => {
    const due = await pastExpiry(tx, now);
    const candidates = await tx.cryptoCheckoutSession.findMany({
      where: { id, status: { in: ["open", "pending"] }, AND: [due] },
      select: { id: true },
      orderBy: { id: "asc" },
    });
    if (candidates.length === 0) return 0;
    // Locked first (in id order, as the chain scan does), then decided by statements that see everything
    // committed before the lock was ours: a transfer the scan recorded meanwhile is not missed.
    const ids = candidates.map((candidate) => candidate.id);
    await tx.$queryRaw`SELECT id FROM crypto_checkout_sessions WHERE id IN (${Prisma.join(ids)}) ORDER BY id FOR UPDATE`;
    const expired = await tx.cryptoCheckoutSession.updateManyAndReturn({
      where: { id: { in: ids }, status: "open" },
      data: { status: "expired" },
      select: { id: true },
    });
    // A transfer still waiting for confirmations may complete it: such a session waits.
    const underpaid = await tx.cryptoCheckoutSession.updateManyAndReturn({
      where: { id: { in: ids }, status: "pending", transfers: { none: { status: "seen" } } },
      data: { status: "expired", underpaid: true },
      select: { id: true },
    });
    await recordCryptoSessionEvents(
      tx,
      [...expired, ...underpaid].map((session) => ({ id: session.id, type: "crypto_checkout.expired" as const })),
    );
    return expired.length + underpaid.length;
  });
