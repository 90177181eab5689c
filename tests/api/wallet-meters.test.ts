import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import type { Lava, RestMeter } from "@lavapayments/nodejs";
import { createApiKey } from "@/lib/merchants/create-api-key";
import { api, seedMerchant, testDb } from "../support/api";
import { lavaClient, lavaError } from "../support/wallet";

// Meters (README "Meters"): read through the Lava SDK's `lava.meters`, made and edited through our POST/PATCH.

const TIERS = [
  { start: 0, rate: "2.50", type: "tokens_1m" },
  { start: 1_000_000, rate: "1.25", type: "tokens_1m" },
] as const;

describe("wallet meters (Lava SDK)", () => {
  let lava: Lava;
  let apiKey: string;
  let merchantId: string;
  before(async () => {
    ({ apiKey, merchantId } = await seedMerchant("Metered Co"));
    lava = lavaClient(apiKey);
  });

  const create = (body: Record<string, unknown>) => api("/v1/meters", { method: "POST", key: apiKey, body });

  test("a meter: made with its defaults, read back by lava.meters.retrieve and listed newest first", async () => {
    const made = await create({ meter_slug: "chat-tokens", name: "Chat tokens", tiers: TIERS });
    assert.equal(made.status, 201, made.text);
    const meter: RestMeter = await lava.meters.retrieve(made.json.meter_id);
    assert.deepEqual(meter, made.json);
    assert.match(meter.meter_id, /^mtr_[0-9A-Z]{26}$/);
    assert.equal(meter.meter_slug, "chat-tokens");
    assert.equal(meter.rate_type, "fixed");
    assert.equal(meter.token_basis, "input+output");
    assert.equal(meter.base_cost_payer, "wallet");
    assert.equal(meter.service_charge_payer, "wallet");
    assert.deepEqual(meter.tiers, TIERS);

    const second = await create({
      meter_slug: "speech.minutes",
      name: "Speech",
      rate_type: "percentage",
      token_basis: "output",
      base_cost_payer: "merchant",
      service_charge_payer: "merchant",
      tiers: [{ start: 0, rate: "20", type: "minutes" }],
    });
    assert.equal(second.status, 201, second.text);
    assert.equal(second.json.token_basis, "output");
    assert.equal(second.json.base_cost_payer, "merchant");

    const page = await lava.meters.list({ limit: 1 });
    assert.deepEqual(
      page.data.map((listed) => listed.meter_id),
      [second.json.meter_id],
    );
    assert.equal(page.has_more, true);
    const rest = await lava.meters.list({ limit: 10, cursor: page.next_cursor });
    assert.deepEqual(
      rest.data.map((listed) => listed.meter_id),
      [meter.meter_id],
    );
    assert.equal(rest.has_more, false);
  });

  test("edits by POST or PATCH change only the fields sent; tiers are replaced whole", async () => {
    const made = await create({ meter_slug: "edit-me", name: "Before", tiers: TIERS });
    const posted = await lava.request<RestMeter>("POST", `meters/${made.json.meter_id}`, {
      data: { name: "After", token_basis: "output" },
    });
    assert.equal(posted.name, "After");
    assert.equal(posted.token_basis, "output");
    assert.deepEqual(posted.tiers, TIERS);
    const patched = await api(`/v1/meters/${made.json.meter_id}`, {
      method: "PATCH",
      key: apiKey,
      body: { tiers: [{ start: 0, rate: "0.000001", type: "characters_1m" }], meter_slug: "edited" },
    });
    assert.equal(patched.status, 200, patched.text);
    assert.equal(patched.json.meter_slug, "edited");
    assert.equal(patched.json.name, "After");
    assert.deepEqual(patched.json.tiers, [{ start: 0, rate: "0.000001", type: "characters_1m" }]);
    assert.deepEqual(await lava.meters.retrieve(made.json.meter_id), patched.json);
  });

  test("a slug is unique per merchant and mode: a second one is a 409 naming it, and writes nothing", async () => {
    const first = await create({ meter_slug: "unique-slug", name: "One", tiers: TIERS });
    assert.equal(first.status, 201);
    const again = await create({ meter_slug: "unique-slug", name: "Two", tiers: TIERS });
    assert.equal(again.status, 409);
    assert.equal(again.json.error.code, "resource_exists");
    assert.equal(again.json.error.param, "meter_slug");
    const other = await create({ meter_slug: "other-slug", name: "Three", tiers: TIERS });
    const renamed = await api(`/v1/meters/${other.json.meter_id}`, {
      method: "PATCH",
      key: apiKey,
      body: { meter_slug: "unique-slug", name: "Renamed" },
    });
    assert.equal(renamed.status, 409);
    assert.equal(renamed.json.error.param, "meter_slug");
    assert.equal((await lava.meters.retrieve(other.json.meter_id)).name, "Three", "the refused edit wrote nothing");
    assert.equal(await testDb().meter.count({ where: { merchantId, slug: "unique-slug" } }), 1);

    // The other mode and another merchant have their own slugs, and cannot see these meters.
    const { secret: liveKey } = await createApiKey(testDb(), { merchantId, mode: "live" }, "live");
    const live = await api("/v1/meters", {
      method: "POST",
      key: liveKey,
      body: { meter_slug: "unique-slug", name: "Live", tiers: TIERS },
    });
    assert.equal(live.status, 201, live.text);
    assert.equal((await api(`/v1/meters/${first.json.meter_id}`, { key: liveKey })).status, 404);
    const stranger = lavaClient((await seedMerchant("Stranger")).apiKey);
    assert.equal((await lavaError(stranger.meters.retrieve(first.json.meter_id)))?.status, 404);
    assert.deepEqual((await stranger.meters.list()).data, []);
  });

  test("a plan lists its linked meters; an edit replaces them; a meter not this merchant's mode's is a 404", async () => {
    const a = await create({ meter_slug: "plan-a", name: "A", tiers: TIERS });
    const b = await create({ meter_slug: "plan-b", name: "B", tiers: TIERS });
    const plan = await lava.request<{ subscription_config_id: string }>("POST", "subscription_configs", {
      data: { name: "Metered", period_amount: "10", linked_meter_ids: [b.json.meter_id, a.json.meter_id] },
    });
    const byId = [a.json, b.json].sort((x, y) => (x.meter_id < y.meter_id ? -1 : 1));
    const config = await lava.subscriptions.retrieveConfig(plan.subscription_config_id);
    assert.deepEqual(
      config.linked_meters,
      byId.map((meter) => ({ meter_id: meter.meter_id, name: meter.name })),
    );
    const edited = await api(`/v1/subscription_configs/${plan.subscription_config_id}`, {
      method: "PATCH",
      key: apiKey,
      body: { linked_meter_ids: [a.json.meter_id] },
    });
    assert.equal(edited.status, 200, edited.text);
    assert.deepEqual(edited.json.linked_meters, [{ meter_id: a.json.meter_id, name: "A" }]);
    const renamed = await api(`/v1/subscription_configs/${plan.subscription_config_id}`, {
      method: "PATCH",
      key: apiKey,
      body: { name: "Metered+" },
    });
    assert.deepEqual(renamed.json.linked_meters, edited.json.linked_meters, "an edit without the field keeps them");

    const strangerMeter = await api("/v1/meters", {
      method: "POST",
      key: (await seedMerchant("Meter Stranger")).apiKey,
      body: { meter_slug: "theirs", name: "Theirs", tiers: TIERS },
    });
    for (const ids of [
      [a.json.meter_id, strangerMeter.json.meter_id],
      [a.json.meter_id, "mtr_nothere"],
    ]) {
      const refused = await api(`/v1/subscription_configs/${plan.subscription_config_id}`, {
        method: "PATCH",
        key: apiKey,
        body: { name: "Refused", linked_meter_ids: ids },
      });
      assert.equal(refused.status, 404, refused.text);
      assert.equal(refused.json.error.param, "linked_meter_ids.1");
    }
    // The same merchant's meter of the other mode is not this plan's to link either; nor at the plan's create.
    const { secret: liveKey } = await createApiKey(testDb(), { merchantId, mode: "live" }, "live");
    const liveMeter = await api("/v1/meters", {
      method: "POST",
      key: liveKey,
      body: { meter_slug: "live-only", name: "Live", tiers: TIERS },
    });
    const plansBefore = await testDb().subscriptionConfig.count({ where: { merchantId } });
    const refusedCreate = await api("/v1/subscription_configs", {
      method: "POST",
      key: apiKey,
      body: { name: "Refused", period_amount: "1", linked_meter_ids: [liveMeter.json.meter_id] },
    });
    assert.equal(refusedCreate.status, 404, refusedCreate.text);
    assert.equal(refusedCreate.json.error.param, "linked_meter_ids.0");
    assert.equal(await testDb().subscriptionConfig.count({ where: { merchantId } }), plansBefore);

    const twice = await api(`/v1/subscription_configs/${plan.subscription_config_id}`, {
      method: "PATCH",
      key: apiKey,
      body: { linked_meter_ids: [a.json.meter_id, a.json.meter_id] },
    });
    assert.equal(twice.status, 400);
    assert.equal(twice.json.error.param, "linked_meter_ids");
    const after = await lava.subscriptions.retrieveConfig(plan.subscription_config_id);
    assert.equal(after.name, "Metered+", "a refused edit writes nothing");
    assert.deepEqual(after.linked_meters, edited.json.linked_meters);
  });

  test("every wrong field is a 400 naming it, and nothing is written", async () => {
    const before = await testDb().meter.count({ where: { merchantId } });
    const base = { meter_slug: "bad", name: "Bad", tiers: TIERS };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, meter_slug: undefined }, "meter_slug"],
      [{ ...base, meter_slug: "Upper Case" }, "meter_slug"],
      [{ ...base, name: "" }, "name"],
      [{ ...base, rate_type: "flat" }, "rate_type"],
      [{ ...base, token_basis: "input" }, "token_basis"],
      [{ ...base, base_cost_payer: "customer" }, "base_cost_payer"],
      [{ ...base, service_charge_payer: "nobody" }, "service_charge_payer"],
      [{ ...base, tiers: [] }, "tiers"],
      [{ ...base, tiers: [{ start: 5, rate: "1", type: "requests" }] }, "tiers.0.start"],
      [
        {
          ...base,
          tiers: [
            { start: 0, rate: "1.5", type: "requests" },
            { start: 0, rate: "1", type: "requests" },
          ],
        },
        "tiers.1.start",
      ],
      [
        {
          ...base,
          tiers: [
            { start: 0, rate: "1", type: "requests" },
            { start: 10, rate: "1", type: "minutes" },
          ],
        },
        "tiers.1.type",
      ],
      [{ ...base, tiers: [{ start: 0, rate: 2.5, type: "requests" }] }, "tiers.0.rate"],
      [{ ...base, tiers: [{ start: 0, rate: "-1", type: "requests" }] }, "tiers.0.rate"],
      [{ ...base, tiers: [{ start: 0, rate: "0.0000000000001", type: "requests" }] }, "tiers.0.rate"],
      [{ ...base, tiers: [{ start: 0.5, rate: "1", type: "requests" }] }, "tiers.0.start"],
      [{ ...base, tiers: [{ start: 0, rate: "1", type: "tokens" }] }, "tiers.0.type"],
      [{ ...base, tiers: [{ start: 0, rate: "1", type: "requests", extra: true }] }, "tiers.0.extra"],
      [{ ...base, currency: "EUR" }, "currency"],
    ];
    for (const [body, param] of cases) {
      const answer = await create(body);
      assert.equal(answer.status, 400, `${JSON.stringify(body)} → ${answer.text}`);
      assert.equal(answer.json.error.param, param, JSON.stringify(body));
    }
    const made = await create({ ...base, meter_slug: "good" });
    const badEdit = await api(`/v1/meters/${made.json.meter_id}`, {
      method: "PATCH",
      key: apiKey,
      body: { name: "Changed", tiers: [{ start: 1, rate: "1", type: "requests" }] },
    });
    assert.equal(badEdit.status, 400);
    assert.equal((await lava.meters.retrieve(made.json.meter_id)).name, "Bad");
    assert.equal(await testDb().meter.count({ where: { merchantId } }), before + 1);
    assert.equal((await lavaError(lava.meters.retrieve("mtr_nothere")))?.status, 404);
  });
});
