import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Webhook } from "standardwebhooks";
import { eventPayload } from "@/lib/webhooks/record-event";
import { newSigningSecret, webhookHeaders } from "@/lib/webhooks/sign-webhook";

// Our headers checked by the Standard Webhooks reference library, as a receiver would.

const body = eventPayload(
  "evt_01KJHF4SFHW93DY4BVF227F33V",
  { merchantId: "mer_1", mode: "test", type: "session.completed", objectId: "s1", object: { total: 140n } },
  new Date("2026-11-21T10:00:00.000Z"),
);

describe("webhook signatures", () => {
  test("the envelope: id, type, version, created_at, livemode and the object; bigints as strings", () => {
    assert.deepEqual(JSON.parse(body), {
      id: "evt_01KJHF4SFHW93DY4BVF227F33V",
      object: "event",
      type: "session.completed",
      version: 1,
      created_at: "2026-11-21T10:00:00.000Z",
      livemode: false,
      data: { object: { total: "140" } },
    });
  });

  test("standardwebhooks verifies our signature, and refuses a changed body, id or secret", () => {
    const secret = newSigningSecret();
    assert.match(secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
    const headers = webhookHeaders([secret], "evt_1", new Date(), body);
    assert.equal(headers["webhook-id"], "evt_1");
    assert.match(headers["webhook-timestamp"], /^\d{10}$/);
    assert.deepEqual(new Webhook(secret).verify(body, headers), JSON.parse(body));
    assert.throws(() => new Webhook(secret).verify(body.replace("140", "141"), headers));
    assert.throws(() => new Webhook(secret).verify(body, { ...headers, "webhook-id": "evt_2" }));
    assert.throws(() => new Webhook(newSigningSecret()).verify(body, headers));
  });

  test("an old timestamp is refused by the receiver (replays)", () => {
    const secret = newSigningSecret();
    const headers = webhookHeaders([secret], "evt_1", new Date(Date.now() - 60 * 60 * 1000), body);
    assert.throws(() => new Webhook(secret).verify(body, headers), /timestamp/i);
  });

  test("during a rotation both secrets sign: either verifies", () => {
    const [current, previous] = [newSigningSecret(), newSigningSecret()];
    const headers = webhookHeaders([current, previous], "evt_1", new Date(), body);
    assert.equal(headers["webhook-signature"].split(" ").length, 2);
    assert.doesNotThrow(() => new Webhook(current).verify(body, headers));
    assert.doesNotThrow(() => new Webhook(previous).verify(body, headers));
  });
});
