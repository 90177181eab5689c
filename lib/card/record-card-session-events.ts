import "server-only";
import type { DbClient, Prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import type { EventType } from "@/lib/event-types";
import { recordEvents } from "@/lib/webhooks/record-event";
import { cardRefundJson, cardSessionInclude, cardSessionJson } from "./card-session-json";

/** Inside the transaction that changed them: one event per session, carrying the session as GET shows it. */
export const recordCardSessionEvents = async (tx: DbClient, ids: string[], type: EventType) => {
  if (ids.length === 0) return;
  const rows = await tx.cardSession.findMany({
    where: { id: { in: ids } },
    include: cardSessionInclude,
    orderBy: { createdAt: "asc" },
  });
  const publicBaseUrl = env().publicBaseUrl;
  await recordEvents(
    tx,
    rows.map((row) => ({
      merchantId: row.merchantId,
      mode: row.mode,
      type,
      objectId: row.id,
      object: cardSessionJson(row, publicBaseUrl),
    })),
  );
};

/** `refund.completed` or `.failed`: ordered with its session's events (the object id is the session's). */
export const recordCardRefundEvent = (
  tx: DbClient,
  refund: Prisma.CardRefundGetPayload<object>,
  type: "refund.completed" | "refund.failed",
) =>
  recordEvents(tx, [
    {
      merchantId: refund.merchantId,
      mode: refund.mode,
      type,
      objectId: refund.sessionId,
      object: cardRefundJson(refund),
    },
  ]);
