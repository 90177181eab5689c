import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { newId } from "@/lib/ids";
import { createApiKey } from "@/lib/merchants/create-api-key";
import { sealSecret } from "@/lib/security/encryption-key";
import { purgeOldEvents } from "@/lib/webhooks/purge-old-events";
import { api, seedMerchant, testDb } from "../support/api";
import { createSession, paidSession, refund } from "../support/card-api";
import { checkoutBody, randomXpub } from "../support/crypto";
import { lavaClient, onboard } from "../support/wallet";
import { eventually, type Receiver, startReceiver } from "../support/webhook-receiver";

// Webhooks (contract "Webhooks", issue 6) against the running server and its worker,
// with real receivers on loopback that check signatures with the
// `standardwebhooks` library. The server runs with short retry delays
// (tests/run.ts), so a retry comes within about a second.

const createEndpoint = async (apiKey: string, receiver: Receiver, body: Record<string, unknown> = {}) => {
  const response = await api("/api/v1/webhooks", { method: "POST", key: apiKey, body: { url: receiver.url, ...body } });
  assert.equal(response.status, 201, response.text);
  receiver.trust(response.json.secret);
  return response.json as { id: string; secret: string };
};

const cancelledSession = async (apiKey: string) => {
  const { id } = await createSession(apiKey);
  const cancelled = await api(`/api/v1/sessions/${id}/cancel`, { method: "POST", key: apiKey });
  assert.equal(cancelled.status, 200, cancelled.text);
  return id;
};

const deliveriesOf = async (apiKey: string, endpointId: string) => {
  const response = await api(`/api/v1/webhooks/${endpointId}/deliveries?limit=100`, { key: apiKey });
  assert.equal(response.status, 200, response.text);
  return response.json.data as Record<string, any>[];
};

/** Waits until the endpoint's newest delivery is delivered, and returns it. */
const newestDelivered = (apiKey: string, endpointId: string) =>
  eventually(async () => {
    const [newest] = await deliveriesOf(apiKey, endpointId);
    return newest?.status === "delivered" && newest;
  }, "the delivered state");

const endpointCount = (merchantId: string) => testDb().webhookEndpoint.count({ where: { merchantId } });

describe("webhook endpoints", () => {
  test("create shows the whsec_ secret once; list, get, update and delete", async () => {
    const { apiKey } = await seedMerchant("Endpoint shop");
    const created = await api("/api/v1/webhooks", {
      method: "POST",
      key: apiKey,
      body: { url: "https://hooks.example.com/tillpoint", events: ["session.completed"], description: "orders" },
    });
    assert.equal(created.status, 201, created.text);
    assert.match(created.json.id, /^whep_[0-9A-HJKMNP-TV-Z]{26}$/);
    assert.match(created.json.secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
    assert.deepEqual(created.json.events, ["session.completed"]);
    assert.equal(created.json.status, "enabled");

    const fetched = await api(`/api/v1/webhooks/${created.json.id}`, { key: apiKey });
    assert.equal(fetched.status, 200);
    assert.equal(fetched.json.secret, undefined, "the secret is shown only once");
    assert.doesNotMatch(fetched.text, /whsec_/);
    const list = await api("/api/v1/webhooks", { key: apiKey });
    assert.deepEqual(
      list.json.data.map((endpoint: { id: string }) => endpoint.id),
      [created.json.id],
    );
    assert.doesNotMatch(list.text, /whsec_/);

    const updated = await api(`/api/v1/webhooks/${created.json.id}`, {
      method: "PATCH",
      key: apiKey,
      body: { events: ["*"], description: null },
    });
    assert.equal(updated.status, 200, updated.text);
    assert.deepEqual(updated.json.events, ["*"]);
    assert.equal(updated.json.description, null);

    const deleted = await api(`/api/v1/webhooks/${created.json.id}`, { method: "DELETE", key: apiKey });
    assert.deepEqual(deleted.json, { id: created.json.id, object: "webhook_endpoint", deleted: true });
    assert.equal((await api(`/api/v1/webhooks/${created.json.id}`, { key: apiKey })).status, 404);
    assert.equal((await api(`/api/v1/webhooks/${created.json.id}`, { method: "DELETE", key: apiKey })).status, 404);
  });

  test("bad input: a 400 naming the field, and nothing written", async () => {
    const { merchantId, apiKey } = await seedMerchant("Careless shop");
    const cases: [Record<string, unknown>, string, RegExp?][] = [
      [{}, "url", /required/],
      [{ url: "hooks.example.com/x" }, "url", /absolute URL/],
      [{ url: "http://hooks.example.com/x" }, "url", /https/],
      [{ url: "ftp://hooks.example.com/x" }, "url"],
      [{ url: "javascript:alert(1)" }, "url"],
      [{ url: "https://user:secret@hooks.example.com/x" }, "url", /user name or password/],
      [{ url: "https://10.0.0.8/hooks" }, "url", /private/],
      [{ url: "https://192.168.1.20/hooks" }, "url", /private/],
      [{ url: "https://169.254.169.254/latest/meta-data" }, "url", /link-local/],
      [{ url: "https://[fd00::1]/hooks" }, "url"],
      [{ url: "https://[::ffff:10.0.0.1]/hooks" }, "url"],
      [{ url: "https://0.0.0.0/hooks" }, "url"],
      [{ url: `https://hooks.example.com/${"a".repeat(2100)}` }, "url"],
      [{ url: "https://hooks.example.com/x", events: ["session.exploded"] }, "events.0", /not an event type/],
      [{ url: "https://hooks.example.com/x", events: ["session.completed", "session.completed"] }, "events"],
      [{ url: "https://hooks.example.com/x", events: "session.completed" }, "events"],
      [{ url: "https://hooks.example.com/x", events: [] }, "events", /at least one event type/],
      [{ url: "https://hooks.example.com/x", events: ["*", "session.completed"] }, "events.0"],
      [{ url: "https://hooks.example.com/x", description: "d".repeat(501) }, "description"],
      [{ url: "https://hooks.example.com/x", secret: "whsec_mine" }, "secret"],
    ];
    for (const [body, param, message] of cases) {
      const response = await api("/api/v1/webhooks", { method: "POST", key: apiKey, body });
      assert.equal(response.status, 400, `${JSON.stringify(body).slice(0, 80)}: ${response.text}`);
      assert.equal(response.json.error.param, param, JSON.stringify(body).slice(0, 80));
      if (message) assert.match(response.json.error.message, message);
    }
    assert.equal((await api("/api/v1/webhooks", { method: "POST", key: apiKey, body: "{" })).status, 400);
    assert.equal(await endpointCount(merchantId), 0);
  });

  test("localhost only in test mode; a live endpoint must be public https", async () => {
    const { merchantId } = await seedMerchant("Live shop");
    const { secret: liveKey } = await createApiKey(testDb(), { merchantId, mode: "live" });
    for (const url of ["http://localhost:4000/hooks", "https://localhost/hooks", "https://127.0.0.1/hooks"]) {
      const refused = await api("/api/v1/webhooks", { method: "POST", key: liveKey, body: { url } });
      assert.equal(refused.status, 400, url);
      assert.equal(refused.json.error.param, "url");
    }
    const accepted = await api("/api/v1/webhooks", {
      method: "POST",
      key: liveKey,
      body: { url: "https://hooks.example.com/live" },
    });
    assert.equal(accepted.status, 201, accepted.text);
    assert.equal(accepted.json.livemode, true);
    assert.equal(await endpointCount(merchantId), 1);
  });

  test("at most 16 per merchant and mode, even when created concurrently", async () => {
    const { merchantId, apiKey } = await seedMerchant("Busy shop");
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        api("/api/v1/webhooks", { method: "POST", key: apiKey, body: { url: `https://hooks.example.com/${index}` } }),
      ),
    );
    assert.equal(results.filter((response) => response.status === 201).length, 16);
    const refused = results.filter((response) => response.status !== 201);
    assert.equal(refused.length, 4);
    for (const response of refused) {
      assert.equal(response.status, 400);
      assert.equal(response.json.error.code, "limit_reached");
    }
    assert.equal(await endpointCount(merchantId), 16);
  });

  test("another merchant's endpoint, an unknown one and a malformed id are 404 everywhere", async () => {
    const owner = await seedMerchant("Owner");
    const other = await seedMerchant("Other");
    const { id } = (
      await api("/api/v1/webhooks", {
        method: "POST",
        key: owner.apiKey,
        body: { url: "https://hooks.example.com/mine" },
      })
    ).json;
    const unknown = newId("webhookEndpoint");
    for (const endpointId of [id, unknown, "whep_nope"]) {
      for (const [method, path] of [
        ["GET", ""],
        ["PATCH", ""],
        ["DELETE", ""],
        ["POST", "/rotate_secret"],
        ["POST", "/test"],
        ["GET", "/deliveries"],
      ]) {
        const response = await api(`/api/v1/webhooks/${endpointId}${path}`, {
          method,
          key: other.apiKey,
          body: method === "PATCH" ? { description: "mine now" } : undefined,
        });
        assert.equal(response.status, 404, `${method} ${endpointId}${path}`);
        assert.equal(response.json.error.code, "not_found");
      }
    }
    assert.equal((await api(`/api/v1/webhooks/${id}`, { key: owner.apiKey })).json.description, null);
  });

  test("Kadosei's /api/v1/applications/{appId}/webhooks is the same API for the key's merchant", async () => {
    const { merchantId, apiKey } = await seedMerchant("Kadosei shop");
    // With a Kadosei JWT, as the card sessions API takes it.
    const token = (await api("/api/v1/auth/token", { method: "POST", key: apiKey, body: {} })).json;
    const created = await api(`/api/v1/applications/${merchantId}/webhooks`, {
      method: "POST",
      key: token.token,
      body: { url: "https://hooks.example.com/kadosei", events: ["session.completed", "refund.completed"] },
    });
    assert.equal(created.status, 201, created.text);
    assert.match(created.json.secret, /^whsec_/);
    const listed = await api(`/api/v1/applications/${merchantId}/webhooks`, { key: apiKey });
    assert.deepEqual(
      listed.json.data.map((endpoint: { id: string }) => endpoint.id),
      [created.json.id],
    );
    const other = await seedMerchant("Not the application");
    const foreign = await api(`/api/v1/applications/${other.merchantId}/webhooks`, {
      method: "POST",
      key: apiKey,
      body: { url: "https://hooks.example.com/x" },
    });
    assert.equal(foreign.status, 404);
    assert.equal(await endpointCount(other.merchantId), 0);
  });

  test("event_types lists every type an endpoint can ask for", async () => {
    const { apiKey } = await seedMerchant();
    const types = (await api("/api/v1/event_types", { key: apiKey })).json.data.map(
      (item: { type: string }) => item.type,
    );
    for (const type of [
      "checkout_session.completed",
      "crypto_checkout.pending",
      "session.failed",
      "refund.completed",
    ]) {
      assert.ok(types.includes(type), type);
    }
  });
});

describe("deliveries", () => {
  test("a state change reaches a real receiver, signed per Standard Webhooks, and GET /events shows it", async () => {
    const { apiKey } = await seedMerchant("Signed shop");
    const receiver = await startReceiver();
    try {
      const endpoint = await createEndpoint(apiKey, receiver);
      const sessionId = await cancelledSession(apiKey);
      const [hook] = await eventually(() => receiver.accepted().length > 0 && receiver.accepted(), "the delivery");
      assert.equal(hook.verified, true, "standardwebhooks verifies the signature");
      assert.match(hook.headers["webhook-signature"] as string, /^v1,[A-Za-z0-9+/]+=*$/);
      assert.ok(Math.abs(Number(hook.headers["webhook-timestamp"]) - Date.now() / 1000) < 300);
      assert.equal(hook.headers["content-type"], "application/json");
      const event = hook.event;
      assert.equal(hook.webhookId, event.id);
      assert.match(event.id, /^evt_/);
      assert.equal(event.type, "session.cancelled");
      assert.equal(event.version, 1);
      assert.equal(event.livemode, false);
      assert.match(event.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      assert.equal(event.data.object.sessionId, sessionId);
      assert.equal(event.data.object.status, "CANCELLED");

      const events = await api(`/api/v1/events?object_id=${sessionId}`, { key: apiKey });
      assert.deepEqual(events.json.data, [event], "GET /events shows what receivers get");
      assert.deepEqual((await api(`/api/v1/events/${event.id}`, { key: apiKey })).json, event);
      assert.equal((await api("/api/v1/events?type=session.completed", { key: apiKey })).json.data.length, 0);
      assert.equal((await api("/api/v1/events?type=session.nope", { key: apiKey })).status, 400);

      const [delivery] = await deliveriesOf(apiKey, endpoint.id);
      assert.equal(delivery.status, "delivered");
      assert.equal(delivery.attemptCount, 1);
      assert.equal(delivery.lastResponseStatus, 200);
      assert.equal(typeof delivery.lastDurationMs, "number");
      assert.equal(delivery.nextAttemptAt, null);
    } finally {
      await receiver.down();
    }
  });

  test("a receiver answering 500 then 200 gets the event once more, and no more", async () => {
    const { apiKey } = await seedMerchant("Flaky receiver");
    const receiver = await startReceiver({ answer: (_hook, seen) => (seen === 0 ? 500 : 200) });
    try {
      const endpoint = await createEndpoint(apiKey, receiver);
      await cancelledSession(apiKey);
      await eventually(() => receiver.accepted().length === 1, "the retry");
      const delivery = await newestDelivered(apiKey, endpoint.id);
      assert.deepEqual(
        delivery.attempts.map((attempt: { responseStatus: number }) => attempt.responseStatus),
        [500, 200],
      );
      assert.equal(delivery.attemptCount, 2);
      assert.equal(receiver.received.length, 2);
      assert.equal(receiver.received[0].webhookId, receiver.received[1].webhookId, "a retry keeps its webhook-id");
      assert.ok(receiver.received.every((hook) => hook.verified));
      // Nothing more is sent after the success.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      assert.equal(receiver.received.length, 2);
    } finally {
      await receiver.down();
    }
  });

  test("a receiver down while 100 events happen gets all 100 once it is up again", async () => {
    const { apiKey } = await seedMerchant("Outage shop");
    const receiver = await startReceiver();
    try {
      const endpoint = await createEndpoint(apiKey, receiver);
      await receiver.down();
      const sessions: string[] = [];
      for (let batch = 0; batch < 10; batch++) {
        sessions.push(...(await Promise.all(Array.from({ length: 10 }, () => cancelledSession(apiKey)))));
      }
      // Every event has been tried at least once against the closed port.
      await eventually(async () => {
        const deliveries = await deliveriesOf(apiKey, endpoint.id);
        return deliveries.length === 100 && deliveries.every((delivery) => delivery.attempts.length >= 1);
      }, "a failed first attempt of every delivery");
      assert.equal(receiver.received.length, 0);
      const failed = (await deliveriesOf(apiKey, endpoint.id))[0];
      assert.equal(failed.status, "pending");
      assert.equal(failed.attempts[0].responseStatus, null);
      assert.match(failed.attempts[0].error, /ECONNREFUSED/);

      await receiver.up();
      await eventually(
        () => new Set(receiver.accepted().map((hook) => hook.webhookId)).size === 100,
        "all 100 events after the outage",
        60_000,
      );
      const objects = new Set(receiver.accepted().map((hook) => hook.event.data.object.sessionId));
      assert.deepEqual([...objects].sort(), [...sessions].sort());
      assert.ok(receiver.received.every((hook) => hook.verified));
      await eventually(
        async () => (await deliveriesOf(apiKey, endpoint.id)).every((delivery) => delivery.status === "delivered"),
        "every delivery marked delivered",
      );
    } finally {
      await receiver.down();
    }
  });

  test("one object's events arrive in order: a refund waits for the payment event that failed first", async () => {
    const { apiKey } = await seedMerchant("Ordered shop");
    const receiver = await startReceiver({
      answer: (hook, seen) => (hook.event.type === "session.completed" && seen < 2 ? 503 : 200),
    });
    try {
      await createEndpoint(apiKey, receiver);
      const { id } = await paidSession(apiKey);
      assert.equal((await refund(apiKey, id, { amount: 10 })).status, 201);
      await eventually(() => receiver.accepted().length === 2, "both events");
      assert.deepEqual(
        receiver.accepted().map((hook) => hook.event.type),
        ["session.completed", "refund.completed"],
      );
      assert.ok(
        !receiver.received.slice(0, 3).some((hook) => hook.event.type === "refund.completed"),
        "the refund event was not sent while the payment event was failing",
      );
      const refundEvent = receiver.accepted()[1].event;
      assert.equal(refundEvent.data.object.sessionId, id);
      assert.equal(refundEvent.data.object.amount, 10);
      assert.equal(refundEvent.data.object.status, "SUCCEEDED");
    } finally {
      await receiver.down();
    }
  });

  test("an endpoint gets only the types it asked for", async () => {
    const { apiKey } = await seedMerchant("Picky shop");
    const picky = await startReceiver();
    const everything = await startReceiver();
    try {
      await createEndpoint(apiKey, picky, { events: ["session.completed"] });
      await createEndpoint(apiKey, everything);
      await cancelledSession(apiKey);
      await paidSession(apiKey);
      await eventually(() => everything.accepted().length === 2, "both events at the catch-all endpoint");
      await eventually(() => picky.accepted().length === 1, "the paid event at the picky endpoint");
      assert.deepEqual(
        picky.received.map((hook) => hook.event.type),
        ["session.completed"],
      );
    } finally {
      await picky.down();
      await everything.down();
    }
  });

  test("resend: a delivered event is sent again with the same webhook-id", async () => {
    const { apiKey } = await seedMerchant("Resend shop");
    const receiver = await startReceiver();
    try {
      const endpoint = await createEndpoint(apiKey, receiver);
      await cancelledSession(apiKey);
      await eventually(() => receiver.accepted().length === 1, "the first delivery");
      const delivery = await newestDelivered(apiKey, endpoint.id);
      const resent = await api(`/api/v1/webhooks/${endpoint.id}/deliveries/${delivery.id}/resend`, {
        method: "POST",
        key: apiKey,
      });
      assert.equal(resent.status, 202, resent.text);
      assert.equal(resent.json.status, "pending");
      await eventually(() => receiver.accepted().length === 2, "the re-sent delivery");
      assert.equal(receiver.received[1].webhookId, receiver.received[0].webhookId);
      assert.equal(receiver.received[1].body, receiver.received[0].body, "the same event, byte for byte");
      const unknown = await api(`/api/v1/webhooks/${endpoint.id}/deliveries/${newId("webhookDelivery")}/resend`, {
        method: "POST",
        key: apiKey,
      });
      assert.equal(unknown.status, 404);
    } finally {
      await receiver.down();
    }
  });

  test("a test event goes to the one endpoint asked, whatever its filter, and is in its delivery log", async () => {
    const { apiKey } = await seedMerchant("Test event shop");
    const target = await startReceiver();
    const bystander = await startReceiver();
    try {
      const endpoint = await createEndpoint(apiKey, target, { events: ["session.completed"] });
      await createEndpoint(apiKey, bystander);
      const sent = await api(`/api/v1/webhooks/${endpoint.id}/test`, { method: "POST", key: apiKey });
      assert.equal(sent.status, 202, sent.text);
      assert.equal(sent.json.eventType, "webhook_endpoint.test");
      await eventually(() => target.accepted().length === 1, "the test event at its endpoint");
      const [hook] = target.received;
      assert.equal(hook.event.type, "webhook_endpoint.test");
      assert.equal(hook.event.data.object.id, endpoint.id);
      assert.equal(hook.webhookId, sent.json.eventId);
      const log = await api(`/api/v1/webhooks/${endpoint.id}/deliveries`, { key: apiKey });
      assert.equal(log.json.data[0].id, sent.json.id);
      assert.equal(bystander.received.length, 0, "no other endpoint gets it");

      await api(`/api/v1/webhooks/${endpoint.id}`, { method: "PATCH", key: apiKey, body: { status: "disabled" } });
      const refused = await api(`/api/v1/webhooks/${endpoint.id}/test`, { method: "POST", key: apiKey });
      assert.equal(refused.status, 409);
      assert.equal(refused.json.error.code, "state_conflict");
    } finally {
      await target.down();
      await bystander.down();
    }
  });

  test("a rotated secret: new and old both verify for a day, the new one is shown once", async () => {
    const { apiKey } = await seedMerchant("Rotating shop");
    const oldOnly = await startReceiver();
    try {
      const endpoint = await createEndpoint(apiKey, oldOnly);
      const rotated = await api(`/api/v1/webhooks/${endpoint.id}/rotate_secret`, { method: "POST", key: apiKey });
      assert.equal(rotated.status, 200, rotated.text);
      assert.notEqual(rotated.json.secret, endpoint.secret);
      const graceEnds = Date.parse(rotated.json.previousSecretExpiresAt) - Date.now();
      assert.ok(graceEnds > 23 * 3600_000 && graceEnds <= 24 * 3600_000);
      await cancelledSession(apiKey);
      const [hook] = await eventually(() => oldOnly.accepted().length === 1 && oldOnly.accepted(), "the delivery");
      assert.equal(hook.verified, true, "the old secret still verifies");
      assert.equal((hook.headers["webhook-signature"] as string).split(" ").length, 2);
      oldOnly.trust(rotated.json.secret);
      const { Webhook } = await import("standardwebhooks");
      assert.doesNotThrow(() =>
        new Webhook(rotated.json.secret).verify(hook.body, hook.headers as Record<string, string>),
      );
      assert.throws(() =>
        new Webhook(rotated.json.secret).verify(`${hook.body} `, hook.headers as Record<string, string>),
      );
    } finally {
      await oldOnly.down();
    }
  });

  test("an endpoint failing for the whole retry window is disabled, an event says so, and re-enabling resumes", async () => {
    const { apiKey } = await seedMerchant("Broken receiver");
    const broken = await startReceiver({ answer: () => 500 });
    const healthy = await startReceiver();
    try {
      const endpoint = await createEndpoint(apiKey, broken);
      await createEndpoint(apiKey, healthy, { events: ["webhook_endpoint.disabled"] });
      // As if it had failed for four days already.
      await testDb().webhookEndpoint.update({
        where: { id: endpoint.id },
        data: { failingSince: new Date(Date.now() - 4 * 24 * 3600_000) },
      });
      await cancelledSession(apiKey);
      const [notice] = await eventually(() => healthy.accepted().length === 1 && healthy.accepted(), "the notice");
      assert.equal(notice.event.type, "webhook_endpoint.disabled");
      assert.equal(notice.event.data.object.id, endpoint.id);
      assert.equal(notice.event.data.object.status, "disabled");
      assert.match(notice.event.data.object.disabledReason, /72 hours/);
      const shown = (await api(`/api/v1/webhooks/${endpoint.id}`, { key: apiKey })).json;
      assert.equal(shown.status, "disabled");
      const listed = await api("/api/v1/events?type=webhook_endpoint.disabled", { key: apiKey });
      assert.equal(listed.json.data.length, 1);

      // Disabled: nothing more is sent to it, and a re-send is refused.
      const tried = broken.received.length;
      await cancelledSession(apiKey);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      assert.equal(broken.received.length, tried);
      const [delivery] = await deliveriesOf(apiKey, endpoint.id);
      const refused = await api(`/api/v1/webhooks/${endpoint.id}/deliveries/${delivery.id}/resend`, {
        method: "POST",
        key: apiKey,
      });
      assert.equal(refused.status, 409);

      // Re-enabled once the receiver is fixed: the delivery that was waiting goes out.
      await broken.down();
      const fixed = await startReceiver({ port: broken.port });
      fixed.trust(endpoint.secret);
      try {
        const enabled = await api(`/api/v1/webhooks/${endpoint.id}`, {
          method: "PATCH",
          key: apiKey,
          body: { status: "enabled" },
        });
        assert.equal(enabled.json.status, "enabled");
        assert.equal(enabled.json.failingSince, null);
        const [resumed] = await eventually(
          () => fixed.accepted().length === 1 && fixed.accepted(),
          "the resumed delivery",
        );
        assert.equal(resumed.webhookId, delivery.eventId);
        assert.equal(resumed.verified, true);
      } finally {
        await fixed.down();
      }
    } finally {
      await broken.down();
      await healthy.down();
    }
  });

  test("a hanging receiver, a redirect and a 10 MB answer never hold up other endpoints", async () => {
    const { apiKey } = await seedMerchant("Hostile receivers");
    const hanging = await startReceiver({ answer: () => "hang" });
    const redirecting = await startReceiver({ answer: () => "redirect" });
    const huge = await startReceiver({ answer: () => "huge" });
    const normal = await startReceiver();
    try {
      const endpoints = {
        hanging: await createEndpoint(apiKey, hanging),
        redirecting: await createEndpoint(apiKey, redirecting),
        huge: await createEndpoint(apiKey, huge),
      };
      const tried = async (endpointId: string) =>
        (await deliveriesOf(apiKey, endpointId)).find((delivery) => delivery.attempts.length > 0);
      await cancelledSession(apiKey);
      await eventually(() => hanging.received.length === 1, "the hanging request");
      // The hanging request is still open when another endpoint gets a new event.
      await createEndpoint(apiKey, normal);
      await cancelledSession(apiKey);
      await eventually(() => normal.accepted().length === 1, "the normal delivery");
      assert.equal(await tried(endpoints.hanging.id), undefined, "the hanging request has no answer yet");

      const redirected = await eventually(() => tried(endpoints.redirecting.id), "the redirect's attempt");
      assert.equal(redirected.attempts[0].responseStatus, 302);
      assert.match(redirected.attempts[0].error, /Redirects are not followed/);
      assert.notEqual(redirected.status, "delivered");

      const big = await eventually(() => tried(endpoints.huge.id), "the huge answer's attempt");
      assert.equal(big.status, "delivered");
      assert.ok(big.attempts[0].responseBody.length <= 1024);

      const timedOut = await eventually(() => tried(endpoints.hanging.id), "the hanging request's timeout");
      assert.equal(timedOut.attempts[0].responseStatus, null);
      assert.match(timedOut.attempts[0].error, /No answer within \d+ ms/);
    } finally {
      for (const receiver of [hanging, redirecting, huge, normal]) await receiver.down();
    }
  });

  test("the worker refuses an address the endpoint may not reach, whatever is stored", async () => {
    const { merchantId } = await seedMerchant("Rebinding shop");
    const receiver = await startReceiver();
    try {
      // A live endpoint pointing at this machine (as if DNS had changed under it): never contacted.
      const endpointId = newId("webhookEndpoint");
      await testDb().webhookEndpoint.create({
        data: {
          id: endpointId,
          merchantId,
          mode: "live",
          url: receiver.url.replace("127.0.0.1", "localhost"),
          eventTypes: [],
          secret: sealSecret("webhook_signing_secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
        },
      });
      const event = await testDb().event.create({
        data: { id: newId("event"), merchantId, mode: "live", type: "session.cancelled", objectId: "x", payload: "{}" },
      });
      await testDb().webhookDelivery.create({
        data: {
          id: newId("webhookDelivery"),
          endpointId,
          eventId: event.id,
          objectId: "x",
          eventSeq: event.seq,
          nextAttemptAt: new Date(),
          retryUntil: new Date(Date.now() + 2000),
        },
      });
      const attempt = await eventually(
        () => testDb().webhookDeliveryAttempt.findFirst({ where: { delivery: { endpointId } } }),
        "the refused attempt",
      );
      assert.equal(attempt.responseStatus, null);
      assert.match(attempt.error ?? "", /not a public address/);
      assert.equal(receiver.received.length, 0);
    } finally {
      await receiver.down();
    }
  });
});

describe("event retention", () => {
  test("events older than 30 days go with their delivery log, unless a delivery is still pending", async () => {
    const { merchantId } = await seedMerchant("Old events");
    const endpoint = await testDb().webhookEndpoint.create({
      data: {
        id: newId("webhookEndpoint"),
        merchantId,
        mode: "test",
        url: "https://hooks.example.com/old",
        eventTypes: [],
        secret: sealSecret("webhook_signing_secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
        status: "disabled",
      },
    });
    const event = async (ageDays: number, delivery?: "pending" | "delivered") => {
      const created = await testDb().event.create({
        data: {
          id: newId("event"),
          merchantId,
          mode: "test",
          type: "session.cancelled",
          objectId: "s",
          payload: "{}",
          createdAt: new Date(Date.now() - ageDays * 24 * 3600_000),
        },
      });
      if (delivery) {
        await testDb().webhookDelivery.create({
          data: {
            id: newId("webhookDelivery"),
            endpointId: endpoint.id,
            eventId: created.id,
            objectId: "s",
            eventSeq: created.seq,
            status: delivery,
            retryUntil: new Date(),
          },
        });
      }
      return created.id;
    };
    const [oldDelivered, oldPending, oldAlone, recent] = [
      await event(31, "delivered"),
      await event(31, "pending"),
      await event(40),
      await event(29, "delivered"),
    ];
    await purgeOldEvents(testDb());
    const left = (await testDb().event.findMany({ where: { merchantId }, select: { id: true } })).map((row) => row.id);
    assert.deepEqual(left.sort(), [oldPending, recent].sort());
    assert.ok(!left.includes(oldDelivered) && !left.includes(oldAlone));
    assert.equal(await testDb().webhookDelivery.count({ where: { endpointId: endpoint.id } }), 2);
  });
});

describe("events of every family", () => {
  test("wallet: onboarding writes connection.created, wallet.balance_updated and checkout_session.completed", async () => {
    const { apiKey } = await seedMerchant("Wallet events");
    const receiver = await startReceiver();
    try {
      await createEndpoint(apiKey, receiver);
      const connectionId = await onboard(lavaClient(apiKey), "25.00");
      await eventually(() => receiver.accepted().length === 3, "three wallet events");
      const byType = Object.fromEntries(receiver.accepted().map((hook) => [hook.event.type, hook.event.data.object]));
      assert.equal(byType["connection.created"].connection_id, connectionId);
      assert.equal(byType["wallet.balance_updated"].connection_id, connectionId);
      assert.equal(byType["wallet.balance_updated"].amount, "25.00");
      assert.equal(byType["wallet.balance_updated"].balance, "25.00");
      assert.equal(byType["wallet.balance_updated"].reason, "funding");
      assert.equal(byType["checkout_session.completed"].status, "completed");
      assert.equal(byType["checkout_session.completed"].connection_id, connectionId);
      const connectionEvents = receiver
        .accepted()
        .filter(
          (hook) =>
            hook.event.data.object.connection_id === connectionId && hook.event.type !== "checkout_session.completed",
        );
      assert.deepEqual(
        connectionEvents.map((hook) => hook.event.type),
        ["connection.created", "wallet.balance_updated"],
      );

      const deleted = await api(`/v1/connections/${connectionId}`, { method: "DELETE", key: apiKey });
      assert.equal(deleted.status, 200, deleted.text);
      await eventually(
        () => receiver.accepted().some((hook) => hook.event.type === "connection.deleted"),
        "connection.deleted",
      );
    } finally {
      await receiver.down();
    }
  });

  test("wallet: the expiry sweep writes checkout_session.expired", async () => {
    const { apiKey } = await seedMerchant("Wallet expiry");
    const session = await lavaClient(apiKey).checkoutSessions.create({
      checkout_mode: "onboarding",
      origin_url: "https://shop.example.com/",
    });
    await testDb().walletCheckoutSession.update({
      where: { id: session.checkout_session_id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const [event] = await eventually(async () => {
      const events = (await api(`/api/v1/events?object_id=${session.checkout_session_id}`, { key: apiKey })).json.data;
      return events.length > 0 && events;
    }, "the expiry event (the sweep runs every 5 s)");
    assert.equal(event.type, "checkout_session.expired");
    assert.equal(event.data.object.status, "expired");
    const stored = await testDb().walletCheckoutSession.findUniqueOrThrow({
      where: { id: session.checkout_session_id },
    });
    assert.equal(stored.status, "expired");
  });

  test("crypto: cancel writes crypto_checkout.canceled carrying the session's metadata", async () => {
    const { apiKey } = await seedMerchant("Crypto events");
    const receiver = await startReceiver();
    try {
      await createEndpoint(apiKey, receiver);
      const settings = await api("/api/v1/crypto/settings", {
        method: "PUT",
        key: apiKey,
        body: { xpub: randomXpub() },
      });
      assert.equal(settings.status, 200, settings.text);
      const session = await api("/api/v1/checkout", {
        method: "POST",
        key: apiKey,
        body: checkoutBody({ metadata: { orderId: "A-1001", customerId: "c-7" } }),
      });
      assert.equal(session.status, 200, session.text);
      assert.equal(
        (await api(`/api/v1/checkout/${session.json.id}/cancel`, { method: "POST", key: apiKey })).status,
        201,
      );
      const [hook] = await eventually(() => receiver.accepted().length === 1 && receiver.accepted(), "the event");
      assert.equal(hook.event.type, "crypto_checkout.canceled");
      assert.equal(hook.event.data.object.id, session.json.id);
      assert.deepEqual(hook.event.data.object.metadata, { orderId: "A-1001", customerId: "c-7" });
    } finally {
      await receiver.down();
    }
  });

  test("card: a refused change writes no event; payment, refund and failure each write theirs", async () => {
    const { apiKey } = await seedMerchant("Card events");
    const { id } = await paidSession(apiKey);
    const refusedCancel = await api(`/api/v1/sessions/${id}/cancel`, { method: "POST", key: apiKey });
    assert.equal(refusedCancel.status, 409);
    assert.equal((await refund(apiKey, id, { amount: 1000 })).status, 400);
    const types = async (objectId: string) =>
      (await api(`/api/v1/events?object_id=${objectId}`, { key: apiKey })).json.data.map(
        (event: { type: string }) => event.type,
      );
    assert.deepEqual(await types(id), ["session.completed"]);
    assert.equal((await refund(apiKey, id)).status, 201);
    assert.deepEqual(await types(id), ["refund.completed", "session.completed"], "newest first");
  });
});

describe("the event list, oldest first (?after=, what `tillpoint listen` reads)", () => {
  test("lists from just after an id, oldest first, paging with next_cursor; never with cursor too", async () => {
    const { apiKey } = await seedMerchant("Event reader shop");
    for (let i = 0; i < 3; i++) await cancelledSession(apiKey);
    const newestFirst = await api("/api/v1/events?limit=100", { key: apiKey });
    const ids = (newestFirst.json.data as { id: string }[]).map((event) => event.id).reverse();
    assert.ok(ids.length >= 3);

    const first = await api("/api/v1/events?limit=2&after=evt_00000000000000000000000000", { key: apiKey });
    assert.equal(first.status, 200, first.text);
    assert.deepEqual(
      first.json.data.map((event: { id: string }) => event.id),
      ids.slice(0, 2),
    );
    assert.equal(first.json.next_cursor, ids[1]);
    const rest = await api(`/api/v1/events?limit=100&after=${first.json.next_cursor}`, { key: apiKey });
    assert.deepEqual(
      rest.json.data.map((event: { id: string }) => event.id),
      ids.slice(2),
    );
    assert.equal(rest.json.has_more, false);

    const both = await api(`/api/v1/events?after=${ids[0]}&cursor=${ids[1]}`, { key: apiKey });
    assert.equal(both.status, 400, both.text);
    assert.equal(both.json.error.param, "after");
  });
});
