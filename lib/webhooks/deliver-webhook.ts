import "server-only";
import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { newId } from "@/lib/ids";
import { openSecret } from "@/lib/security/encryption-key";
import { SecretBoxError } from "@/lib/security/secret-box";
import { isSuccessfulResponse, postWebhook, type WebhookResponse } from "./post-webhook";
import { recordEvent } from "./record-event";
import { nextRetryAt } from "./retry-schedule";
import { webhookHeaders } from "./sign-webhook";
import { webhookEndpointJson } from "./webhook-json";
import { allowsLoopback } from "./webhook-target";

// One delivery attempt, from claim to record. The deliveries table is the
// queue: a claim is one UPDATE over rows picked FOR UPDATE SKIP LOCKED, so two
// workers never take the same row, and it moves the row's `next_attempt_at`
// one lease ahead, so a worker killed mid-request leaves the row to be taken
// again when the lease ends (at least once). The HTTP request happens outside
// any transaction; its result is written in a second one, on condition that
// the claim is still ours.

export type ClaimedDelivery = {
  id: string;
  attemptCount: number;
  retryUntil: Date;
  eventId: string;
  payload: string;
  endpointId: string;
  url: string;
  mode: "test" | "live";
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: Date | null;
};

/** Longer than a request may take plus the time to record it, so a live claim is never taken over. */
export const leaseMs = (timeoutMs: number) => 2 * timeoutMs + 5_000;

/**
 * Due deliveries of enabled endpoints, oldest first. A delivery waits while an
 * earlier event of the same object is still pending for the same endpoint, so
 * each receiver sees one object's events in order.
 */
export const claimDueDeliveries = (db: Db, limit: number, lease: number) =>
  db.$queryRaw<ClaimedDelivery[]>`
    WITH due AS (
      SELECT d.id FROM webhook_deliveries d
      JOIN webhook_endpoints e ON e.id = d.endpoint_id AND e.status = 'enabled'
      WHERE d.status = 'pending' AND d.next_attempt_at <= now()
        AND NOT EXISTS (
          SELECT 1 FROM webhook_deliveries earlier
          WHERE earlier.endpoint_id = d.endpoint_id AND earlier.object_id = d.object_id
            AND earlier.status = 'pending' AND earlier.event_seq < d.event_seq)
      ORDER BY d.next_attempt_at, d.event_seq
      LIMIT ${limit}
      FOR UPDATE OF d SKIP LOCKED
    )
    UPDATE webhook_deliveries d
    SET next_attempt_at = now() + ${lease} * interval '1 millisecond',
        attempt_count = d.attempt_count + 1, updated_at = now()
    FROM due, events ev, webhook_endpoints e
    WHERE d.id = due.id AND ev.id = d.event_id AND e.id = d.endpoint_id
    RETURNING d.id, d.attempt_count AS "attemptCount", d.retry_until AS "retryUntil", ev.id AS "eventId",
      ev.payload, e.id AS "endpointId", e.url, e.mode::text AS mode, e.secret,
      e.previous_secret AS "previousSecret", e.previous_secret_expires_at AS "previousSecretExpiresAt"`;

const signingSecrets = (delivery: ClaimedDelivery, now: Date) =>
  (delivery.previousSecret && delivery.previousSecretExpiresAt && delivery.previousSecretExpiresAt > now
    ? [delivery.secret, delivery.previousSecret]
    : [delivery.secret]
  ).map((stored) => openSecret("webhook_signing_secret", stored));

export const sendDelivery = async (delivery: ClaimedDelivery): Promise<WebhookResponse> => {
  const now = new Date();
  let secrets: string[];
  try {
    secrets = signingSecrets(delivery, now);
  } catch (error) {
    // Another key sealed it (the start refuses a wrong key, so only a tampered row gets here): never sent unsigned.
    if (!(error instanceof SecretBoxError)) throw error;
    return { status: null, durationMs: 0, error: error.message };
  }
  return postWebhook({
    url: delivery.url,
    headers: webhookHeaders(secrets, delivery.eventId, now, delivery.payload),
    body: delivery.payload,
    timeoutMs: env().webhooks.timeoutMs,
    allowLoopback: allowsLoopback(new URL(delivery.url), delivery.mode),
  });
};

/** What became of a delivery after this attempt; undefined when another worker took it over meanwhile. */
export type DeliveryOutcome = "delivered" | "retrying" | "failed";

/** The attempt's log row, the delivery's new state, and the endpoint's health, in one transaction. */
export const recordDeliveryResult = (
  db: Db,
  delivery: ClaimedDelivery,
  response: WebhookResponse,
): Promise<DeliveryOutcome | undefined> =>
  db.$transaction(async (tx): Promise<DeliveryOutcome | undefined> => {
    const now = new Date();
    const config = env().webhooks;
    await tx.webhookDeliveryAttempt.create({
      data: {
        id: newId("webhookDeliveryAttempt"),
        deliveryId: delivery.id,
        attemptedAt: new Date(now.getTime() - response.durationMs),
        responseStatus: response.status,
        durationMs: response.durationMs,
        error: response.error?.slice(0, 500),
        responseBody: response.body || null,
      },
    });
    const delivered = isSuccessfulResponse(response);
    const retryAt = delivered ? null : nextRetryAt(delivery.attemptCount, now, delivery.retryUntil, config);
    const { count } = await tx.webhookDelivery.updateMany({
      // Still ours: nobody took it over after our lease ran out.
      where: { id: delivery.id, status: "pending", attemptCount: delivery.attemptCount },
      data: {
        status: delivered ? "delivered" : retryAt ? "pending" : "failed",
        nextAttemptAt: retryAt,
        deliveredAt: delivered ? now : null,
      },
    });
    if (count === 0) return undefined;

    if (delivered) {
      await tx.webhookEndpoint.updateMany({
        where: { id: delivery.endpointId, failingSince: { not: null } },
        data: { failingSince: null },
      });
      return "delivered";
    }
    await tx.webhookEndpoint.updateMany({
      where: { id: delivery.endpointId, failingSince: null },
      data: { failingSince: now },
    });
    // Failing for the whole retry window, with no success since: disabled, and an event says so.
    const disabled = await tx.webhookEndpoint.updateManyAndReturn({
      where: {
        id: delivery.endpointId,
        status: "enabled",
        failingSince: { lte: new Date(now.getTime() - config.retryWindowMs) },
      },
      data: {
        status: "disabled",
        disabledReason: `Every delivery failed for ${Math.round(config.retryWindowMs / 3_600_000)} hours.`,
      },
    });
    for (const endpoint of disabled) {
      await recordEvent(tx, {
        merchantId: endpoint.merchantId,
        mode: endpoint.mode,
        type: "webhook_endpoint.disabled",
        objectId: endpoint.id,
        object: webhookEndpointJson(endpoint),
      });
    }
    return retryAt ? "retrying" : "failed";
  });

/** The delivery queue, for /metrics: deliveries pending (due now or waiting for a retry), and the oldest one's age. */
export const webhookQueue = async (db: Db) => {
  const [row] = await db.$queryRaw<{ depth: number; oldest: Date | null }[]>`
    SELECT count(*)::int AS depth, min(created_at) AS oldest FROM webhook_deliveries WHERE status = 'pending'`;
  return {
    depth: row?.depth ?? 0,
    oldestSeconds: row?.oldest ? Math.max(0, (Date.now() - row.oldest.getTime()) / 1000) : 0,
  };
};
