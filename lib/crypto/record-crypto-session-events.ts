import "server-only";
import type { DbClient } from "@/lib/db/client";
import { env } from "@/lib/env";
import type { EventType } from "@/lib/event-types";
import type { CryptoCheckoutStatus } from "@/lib/generated/prisma/enums";
import { recordEvents } from "@/lib/webhooks/record-event";
import { cryptoSessionInclude, cryptoSessionJson } from "./crypto-json";

export type CryptoSessionChange = { id: string; type: EventType };

/** The event of a status change; the same status with new amounts or flags is an update. */
export const cryptoEventType = (from: CryptoCheckoutStatus, to: CryptoCheckoutStatus): EventType => {
  if (from === to) return "crypto_checkout.updated";
  return to === "open" ? "crypto_checkout.reopened" : `crypto_checkout.${to}`;
};

/** Inside the transaction that made the changes: the session as the API shows it, metadata included. */
export const recordCryptoSessionEvents = async (tx: DbClient, changes: CryptoSessionChange[]) => {
  if (changes.length === 0) return;
  const rows = await tx.cryptoCheckoutSession.findMany({
    where: { id: { in: changes.map((change) => change.id) } },
    include: cryptoSessionInclude,
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const publicBaseUrl = env().publicBaseUrl;
  await recordEvents(
    tx,
    changes.flatMap(({ id, type }) => {
      const row = byId.get(id);
      return row
        ? [
            {
              merchantId: row.merchantId,
              mode: row.mode,
              type,
              objectId: id,
              object: cryptoSessionJson(row, publicBaseUrl),
            },
          ]
        : [];
    }),
  );
};
