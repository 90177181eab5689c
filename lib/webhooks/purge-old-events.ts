import "server-only";
import type { Db } from "@/lib/db/client";

/** Events (and their delivery logs) are kept 30 days, as Stripe keeps them; one still being delivered is kept. */
export const EVENT_RETENTION_DAYS = 30;

export const purgeOldEvents = (db: Db, now = new Date()) =>
  db.$executeRaw`
    DELETE FROM events e
    WHERE e.created_at < ${new Date(now.getTime() - EVENT_RETENTION_DAYS * 24 * 3_600_000)}
      AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = e.id AND d.status = 'pending')`;
