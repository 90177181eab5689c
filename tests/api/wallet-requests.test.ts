import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import type { CreateRequestParams, Lava, RestRequest } from "@lavapayments/nodejs";
import { api, seedMerchant, testDb } from "../support/api";
import { lavaClient, lavaError, onboard, payCheckout, TEST_CARD } from "../support/wallet";

// Metered requests and usage (README "Metered requests") through the Lava SDK's `lava.requests` and `lava.usage`:
// the figures are worked out by hand, with the test server's 1.5 % service charge (tests/run.ts).

const ORIGIN = "https://shop.example.com/";
const SERVICE_CHARGE = JSON.parse(process.env.TEST_SERVER_ENV ?? "{}").WALLET_SERVICE_CHARGE_PERCENT;

/** Ours beyond CreateRequestParams: the base cost the merchant paid upstream. */
type RequestParams = CreateRequestParams & { input_cost?: string; output_cost?: string };

describe("metered requests (Lava SDK)", () => {
  let lava: Lava;
  let apiKey: string;
  let merchantId: string;
  before(async () => {
    ({ apiKey, merchantId } = await seedMerchant("Usage Co"));
    lava = lavaClient(apiKey);
  });

  const meter = async (body: Record<string, unknown>) => {
    const made = await api("/v1/meters", { method: "POST", key: apiKey, body });
    assert.equal(made.status, 201, made.text);
    return made.json as { meter_id: string; meter_slug: string };
  };
  const record = (params: RequestParams) => lava.requests.create(params as CreateRequestParams);
  const balanceOf = async (connectionId: string) =>
    ((await lava.connections.retrieve(connectionId)) as unknown as { balance: string }).balance;
  const ledger = (connectionId: string) =>
    testDb().ledgerEntry.findMany({ where: { connectionId }, orderBy: { id: "asc" } });
  let sequence = 0;
  const requestId = () => `req-${Date.now()}-${++sequence}`;

  test("a token request: priced by the tiers, the service charge added, the wallet debited, an event", async () => {
    assert.equal(SERVICE_CHARGE, "1.5");
    const chat = await meter({
      meter_slug: "chat",
      name: "Chat",
      tiers: [
        { start: 0, rate: "2.50", type: "tokens_1m" },
        { start: 1_000_000, rate: "1.25", type: "tokens_1m" },
      ],
    });
    const connectionId = await onboard(lava, "10.00");
    const id = requestId();
    const request: RestRequest = await record({
      request_id: id,
      connection_id: connectionId,
      meter_slug: "chat",
      input_tokens: 300_000,
      output_tokens: 100_000,
      input_cost: "0.30",
      output_cost: "0.20",
      metadata: { team: "research", feature: "summaries" },
    });
    // fee 400,000 tokens at 2.50 per million = 1.00; base 0.50; service charge 1.5 % of 1.50 = 0.0225
    assert.deepEqual(
      { ...request, created_at: undefined, timestamp: undefined },
      {
        request_id: id,
        status: "completed",
        connection_id: connectionId,
        meter_id: chat.meter_id,
        provider: "merchant",
        provider_key_type: "unmanaged",
        endpoint: "/v1/requests",
        model_usage: {
          input_tokens: 300_000,
          output_tokens: 100_000,
          total_tokens: 400_000,
          input_characters: 0,
          output_characters: 0,
          total_characters: 0,
          input_seconds: 0,
          output_seconds: 0,
          total_seconds: 0,
          input_cost: "0.30",
          output_cost: "0.20",
          total_cost: "0.50",
          payer: "wallet",
        },
        fee: {
          amount: "1.00",
          rate_type: "fixed",
          token_basis: "input+output",
          breakdown: [
            {
              tier: { start: 0, rate: "2.50", type: "tokens_1m" },
              tokens: 400_000,
              characters: 0,
              seconds: 0,
              cost: "1.00",
            },
          ],
        },
        service_charge: { amount: "0.0225", payer: "wallet" },
        total_request_cost: "1.5225",
        total_wallet_cost: "1.5225",
        total_merchant_cost: "0.00",
        currency: "USD",
        metadata: { team: "research", feature: "summaries" },
        created_at: undefined,
        timestamp: undefined,
      },
    );
    // 1.5225 owed: 1.52 debited, 0.0025 carried
    assert.equal(await balanceOf(connectionId), "8.48");
    const usageEntries = (await ledger(connectionId)).filter((entry) => entry.reason === "usage");
    assert.deepEqual(
      usageEntries.map((entry) => [entry.account, entry.amount, entry.balanceAfter]),
      [["wallet", -152n, 848n]],
    );
    const connection = await testDb().connection.findUniqueOrThrow({ where: { id: connectionId } });
    assert.equal(connection.usageRemainder, 2_500_000_000n); // 0.0025 in 10^-12 dollars

    assert.deepEqual(await lava.requests.retrieve(id), request);
    const events = await testDb().event.findMany({
      where: { merchantId, objectId: connectionId },
      orderBy: { seq: "asc" },
    });
    const objectOf = (event: (typeof events)[number]) => JSON.parse(event.payload).data.object;
    const completed = events.filter((event) => event.type === "request.completed");
    assert.equal(completed.length, 1);
    assert.deepEqual(objectOf(completed[0]), request);
    // The debit's balance event comes first, in the same transaction.
    assert.deepEqual(
      events.slice(-2).map((event) => [event.type, objectOf(event).reason ?? null]),
      [
        ["wallet.balance_updated", "usage"],
        ["request.completed", null],
      ],
    );
  });

  test("request_id is the idempotency key: once debited; another body is a 409 naming it", async () => {
    await meter({ meter_slug: "calls", name: "Calls", tiers: [{ start: 0, rate: "0.25", type: "requests" }] });
    const connectionId = await onboard(lava, "5.00");
    const body = { request_id: requestId(), connection_id: connectionId, meter_slug: "calls", metadata: { a: "1" } };
    const first = await api("/v1/requests", { method: "POST", key: apiKey, body });
    assert.equal(first.status, 201, first.text);
    assert.equal(first.headers.get("idempotent-replayed"), null);
    // The same body with its keys in another order is the same request.
    const again = await api("/v1/requests", {
      method: "POST",
      key: apiKey,
      body: { metadata: { a: "1" }, meter_slug: "calls", connection_id: connectionId, request_id: body.request_id },
    });
    assert.equal(again.status, 201, again.text);
    assert.equal(again.headers.get("idempotent-replayed"), "true");
    assert.deepEqual(again.json, first.json);
    const other = await lavaError(record({ ...body, metadata: { a: "2" } }));
    assert.equal(other.status, 409);
    assert.equal(other.error.code, "resource_exists");
    assert.equal(other.error.param, "request_id");
    // 0.25 + 1.5 % = 0.25375, once
    assert.equal(await balanceOf(connectionId), "4.75");
    assert.equal(await testDb().meteredRequest.count({ where: { requestId: body.request_id } }), 1);
  });

  test("insufficient funds: a 402 naming the shortfall, and nothing written", async () => {
    await meter({ meter_slug: "pricey", name: "Pricey", tiers: [{ start: 0, rate: "7.00", type: "requests" }] });
    const connectionId = await onboard(lava, "5.00");
    const before = await ledger(connectionId);
    const id = requestId();
    const refused = await lavaError(record({ request_id: id, connection_id: connectionId, meter_slug: "pricey" }));
    assert.equal(refused.status, 402);
    assert.equal(refused.error.code, "insufficient_funds");
    // 7.00 + 1.5 % = 7.105 against 5.00
    assert.match(refused.error.message, /costs the wallet 7\.105 USD/);
    assert.match(refused.error.message, /5\.00 can be spent: 2\.105 USD short/);
    assert.deepEqual(await ledger(connectionId), before);
    assert.equal((await lavaError(lava.requests.retrieve(id))).status, 404);
    assert.equal(await testDb().meterUsageTotal.count({ where: { connectionId } }), 0);
    assert.equal(await testDb().event.count({ where: { type: "request.completed", objectId: connectionId } }), 0);
  });

  test("spending order: the cycle's included credit, then bundle credit, then the wallet", async () => {
    const plan = await lava.request<{ subscription_config_id: string }>("POST", "subscription_configs", {
      data: { name: "Usage plan", period_amount: "3.00", included_credit: "1.00" },
    });
    const bundle = await lava.request<{ credit_bundle_id: string }>("POST", "credit_bundles", {
      data: { name: "Top", cost: "0.50", credit_amount: "0.50", subscription_config_id: plan.subscription_config_id },
    });
    const connectionId = await onboard(lava, "5.00");
    for (const session of [
      { checkout_mode: "subscription" as const, subscription_config_id: plan.subscription_config_id },
      { checkout_mode: "credit_bundle" as const, credit_bundle_id: bundle.credit_bundle_id },
    ]) {
      const made = await lava.checkoutSessions.create({ ...session, origin_url: ORIGIN, connection_id: connectionId });
      const paid = await payCheckout(made.checkout_session_token, { card: TEST_CARD });
      assert.equal(paid.status, 200, paid.text);
    }
    // The merchant bears the service charge: the wallet pays the fee alone.
    await meter({
      meter_slug: "jobs",
      name: "Jobs",
      service_charge_payer: "merchant",
      tiers: [{ start: 0, rate: "1.20", type: "requests" }],
    });
    const first = await record({ request_id: requestId(), connection_id: connectionId, meter_slug: "jobs" });
    assert.equal(first.total_wallet_cost, "1.20");
    assert.equal(first.service_charge.payer, "merchant");
    assert.equal(first.total_merchant_cost, "0.018");
    await record({ request_id: requestId(), connection_id: connectionId, meter_slug: "jobs" });
    const usage = (await ledger(connectionId)).filter((entry) => entry.reason === "usage");
    assert.deepEqual(
      usage.map((entry) => [entry.account, entry.amount, entry.balanceAfter]),
      [
        ["cycle_credit", -100n, 0n],
        ["bundle_credit", -20n, 30n],
        ["bundle_credit", -30n, 0n],
        ["wallet", -90n, 410n],
      ],
    );
    const { subscription } = await lava.connections.getSubscription(connectionId);
    assert.deepEqual(subscription?.credits, {
      total_remaining: "0.00",
      cycle_remaining: "0.00",
      bundle_remaining: "0.00",
    });
    assert.equal(await balanceOf(connectionId), "4.10");
    assert.equal((await lava.connections.retrieve(connectionId)).has_lava_credit_balance, true);
  });

  test("fractions of a cent are carried, never rounded away; the balance covers them", async () => {
    await meter({
      meter_slug: "tiny",
      name: "Tiny",
      service_charge_payer: "merchant",
      tiers: [{ start: 0, rate: "2.50", type: "tokens_1m" }],
    });
    const connectionId = await onboard(lava, "5.00");
    // 1,000 tokens = 0.0025 each: the fourth makes a whole cent
    for (let i = 1; i <= 4; i++) {
      const made = await record({
        request_id: requestId(),
        connection_id: connectionId,
        meter_slug: "tiny",
        output_tokens: 1000,
      });
      assert.equal(made.total_wallet_cost, "0.0025");
      const usage = (await ledger(connectionId)).filter((entry) => entry.reason === "usage");
      assert.equal(usage.length, i < 4 ? 0 : 1, `after request ${i}`);
    }
    assert.equal(await balanceOf(connectionId), "4.99");
    const connection = await testDb().connection.findUniqueOrThrow({ where: { id: connectionId } });
    assert.equal(connection.usageRemainder, 0n);
  });

  test("a write that fails inside the request's transaction leaves nothing; the request_id then records once", async () => {
    await meter({
      meter_slug: "broken-write",
      name: "Broken write",
      service_charge_payer: "merchant",
      tiers: [{ start: 0, rate: "0.305", type: "requests" }],
    });
    const connectionId = await onboard(lava, "5.00");
    const body = { request_id: requestId(), connection_id: connectionId, meter_slug: "broken-write" };
    const before = await ledger(connectionId);
    // The day's usage sums, written after the request, its debit and its carried fraction, refuse this connection.
    const name = `fail_usage_${connectionId.slice(-10).toLowerCase()}`;
    await testDb().$executeRawUnsafe(
      `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected'; END $$`,
    );
    await testDb().$executeRawUnsafe(
      `CREATE TRIGGER ${name} BEFORE INSERT ON usage_days FOR EACH ROW
       WHEN (NEW.connection_id = '${connectionId}') EXECUTE FUNCTION ${name}()`,
    );
    try {
      const failed = await api("/v1/requests", { method: "POST", key: apiKey, body });
      assert.equal(failed.status, 500, failed.text);
      assert.deepEqual(await ledger(connectionId), before);
      assert.equal(await testDb().meteredRequest.count({ where: { connectionId } }), 0);
      assert.equal(await testDb().meterUsageTotal.count({ where: { connectionId } }), 0);
      assert.equal(await testDb().event.count({ where: { type: "request.completed", objectId: connectionId } }), 0);
      const untouched = await testDb().connection.findUniqueOrThrow({ where: { id: connectionId } });
      assert.equal(untouched.usageRemainder, 0n);
      assert.equal(untouched.walletBalance, 500n);
    } finally {
      await testDb().$executeRawUnsafe(`DROP TRIGGER ${name} ON usage_days`);
      await testDb().$executeRawUnsafe(`DROP FUNCTION ${name}()`);
    }
    // The retry is the first record: 0.305 owed, 0.30 debited, half a cent carried.
    const retried = await api("/v1/requests", { method: "POST", key: apiKey, body });
    assert.equal(retried.status, 201, retried.text);
    assert.equal(retried.headers.get("idempotent-replayed"), null);
    assert.equal(await balanceOf(connectionId), "4.70");
    const after = await testDb().connection.findUniqueOrThrow({ where: { id: connectionId } });
    assert.equal(after.usageRemainder, 5_000_000_000n);
    assert.equal((await ledger(connectionId)).filter((entry) => entry.reason === "usage").length, 1);
  });

  test("100 concurrent requests against a wallet that pays for 60: exactly 60 succeed, never below zero", async () => {
    await meter({
      meter_slug: "burst",
      name: "Burst",
      service_charge_payer: "merchant",
      tiers: [{ start: 0, rate: "0.10", type: "requests" }],
    });
    const connectionId = await onboard(lava, "6.00");
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        api("/v1/requests", {
          method: "POST",
          key: apiKey,
          body: { request_id: `burst-${connectionId}-${i}`, connection_id: connectionId, meter_slug: "burst" },
        }),
      ),
    );
    const statuses = results.map((result) => result.status);
    assert.equal(statuses.filter((status) => status === 201).length, 60, JSON.stringify(statuses));
    assert.equal(
      statuses.filter((status) => status === 402).length,
      40,
      JSON.stringify(results.filter((r) => r.status !== 201 && r.status !== 402).map((r) => r.text)),
    );
    assert.equal(await balanceOf(connectionId), "0.00");
    const entries = await ledger(connectionId);
    assert.ok(entries.every((entry) => entry.balanceAfter >= 0n));
    assert.equal(entries.filter((entry) => entry.reason === "usage").length, 60);
    assert.equal(await testDb().meteredRequest.count({ where: { connectionId } }), 60);
    assert.equal((await lava.connections.retrieve(connectionId)).has_lava_credit_balance, false);
    // With nothing left to spend, a recorded request_id sent again is still its first record, not a 402.
    const recorded = results.find((result) => result.status === 201)?.json;
    const again = await api("/v1/requests", {
      method: "POST",
      key: apiKey,
      body: { request_id: recorded?.request_id, connection_id: connectionId, meter_slug: "burst" },
    });
    assert.equal(again.status, 201, again.text);
    assert.equal(again.headers.get("idempotent-replayed"), "true");
    assert.deepEqual(again.json, recorded);
  });

  test("concurrent requests on one connection graduate across a tier as if sent one by one", async () => {
    await meter({
      meter_slug: "queued-tiers",
      name: "Queued tiers",
      service_charge_payer: "merchant",
      tiers: [
        { start: 0, rate: "0.10", type: "requests" },
        { start: 5, rate: "0.01", type: "requests" },
      ],
    });
    const connectionId = await onboard(lava, "5.00");
    const made = await Promise.all(
      Array.from({ length: 10 }, () =>
        record({ request_id: requestId(), connection_id: connectionId, meter_slug: "queued-tiers" }),
      ),
    );
    // Each waited for the one before it on the connection's lock, and was priced where that one left the month.
    assert.deepEqual(made.map((request) => request.fee.amount).sort(), [
      ...Array(5).fill("0.01"),
      ...Array(5).fill("0.10"),
    ]);
    assert.equal(await balanceOf(connectionId), "4.45");
  });

  test("tier boundaries over the month, seconds and characters, percentage meters", async () => {
    const connectionId = await onboard(lava, "20.00");
    await meter({
      meter_slug: "graduated",
      name: "Graduated",
      service_charge_payer: "merchant",
      tiers: [
        { start: 0, rate: "0.05", type: "requests" },
        { start: 2, rate: "0.01", type: "requests" },
      ],
    });
    const costs = [];
    for (let i = 0; i < 3; i++)
      costs.push(
        (await record({ request_id: requestId(), connection_id: connectionId, meter_slug: "graduated" })).fee.amount,
      );
    assert.deepEqual(costs, ["0.05", "0.05", "0.01"]);

    await meter({
      meter_slug: "speech",
      name: "Speech",
      token_basis: "output",
      tiers: [
        { start: 0, rate: "0.006", type: "minutes" },
        { start: 60, rate: "0.003", type: "minutes" },
      ],
    });
    // 90.5 output seconds: 60 at 0.006 per minute (0.006), 30.5 at 0.003 (0.001525); input seconds not counted
    const speech = await record({
      request_id: requestId(),
      connection_id: connectionId,
      meter_slug: "speech",
      input_seconds: 10,
      output_seconds: 90.5,
    });
    assert.deepEqual(
      speech.fee.breakdown.map((line) => [line.tier.start, line.seconds, line.cost]),
      [
        [0, 60, "0.006"],
        [60, 30.5, "0.001525"],
      ],
    );
    assert.equal(speech.fee.amount, "0.007525");
    assert.equal(speech.model_usage.total_seconds, 100.5);

    await meter({ meter_slug: "tts", name: "TTS", tiers: [{ start: 0, rate: "15", type: "characters_1m" }] });
    const tts = await record({
      request_id: requestId(),
      connection_id: connectionId,
      meter_slug: "tts",
      input_characters: 1234,
    });
    // 1,234 characters at 15 per million = 0.01851; service charge 1.5 % = 0.00027765
    assert.equal(tts.fee.amount, "0.01851");
    assert.equal(tts.service_charge.amount, "0.00027765");
    assert.equal(tts.total_wallet_cost, "0.01878765");

    await meter({
      meter_slug: "markup",
      name: "Markup",
      rate_type: "percentage",
      base_cost_payer: "merchant",
      tiers: [{ start: 0, rate: "20", type: "tokens_1m" }],
    });
    const markup = await record({
      request_id: requestId(),
      connection_id: connectionId,
      meter_slug: "markup",
      input_tokens: 5000,
      output_tokens: 1000,
      input_cost: "0.015",
      output_cost: "0.03",
    });
    // 20 % of 0.045 = 0.009; service charge 1.5 % of 0.054 = 0.00081, the wallet's; the base cost the merchant's
    assert.equal(markup.fee.amount, "0.009");
    assert.equal(markup.model_usage.payer, "merchant");
    assert.equal(markup.total_wallet_cost, "0.00981");
    assert.equal(markup.total_merchant_cost, "0.045");
    assert.equal(markup.total_request_cost, "0.05481");
  });

  test("lists by connection, meter and metadata_filters; usage per day with the same filters", async () => {
    const { meter_id: meterId } = await meter({
      meter_slug: "listed",
      name: "Listed",
      service_charge_payer: "merchant",
      tiers: [{ start: 0, rate: "0.02", type: "requests" }],
    });
    const connectionId = await onboard(lava, "5.00");
    const otherConnection = await onboard(lava, "5.00");
    const made = [];
    for (const [connection, team] of [
      [connectionId, "a"],
      [connectionId, "b"],
      [otherConnection, "a"],
    ] as const)
      made.push(
        await record({
          request_id: requestId(),
          connection_id: connection,
          meter_slug: "listed",
          metadata: { team, env: "prod" },
        }),
      );

    const mine = await lava.requests.list({ connection_id: connectionId });
    assert.deepEqual(
      mine.data.map((request) => request.request_id),
      [made[1].request_id, made[0].request_id],
    );
    const page = await lava.requests.list({ meter_id: meterId, limit: 2 });
    assert.equal(page.has_more, true);
    const rest = await lava.requests.list({ meter_id: meterId, limit: 2, cursor: page.next_cursor });
    assert.deepEqual(
      [...page.data, ...rest.data].map((request) => request.request_id),
      [made[2].request_id, made[1].request_id, made[0].request_id],
    );
    const teamA = await lava.requests.list({ meter_id: meterId, metadata_filters: { team: "a", env: "prod" } });
    assert.deepEqual(
      teamA.data.map((request) => request.request_id),
      [made[2].request_id, made[0].request_id],
    );
    assert.deepEqual((await lava.requests.list({ metadata_filters: { team: "c" } })).data, []);

    const start = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const all = await lava.usage.retrieve({ start, meter_id: meterId });
    assert.equal(all.items.length, 2);
    assert.equal(all.items[0].total_requests, 0);
    assert.equal(all.items[0].total_fee_amount, "0.00");
    assert.equal(all.items[1].date, new Date().toISOString().slice(0, 10));
    assert.deepEqual(
      {
        requests: all.totals.total_requests,
        fee: all.totals.total_fee_amount,
        charge: all.totals.total_service_charge_amount,
        wallet: all.totals.total_wallet_cost,
        merchant: all.totals.total_merchant_cost,
        gross: all.totals.total_gross_volume,
        net: all.totals.total_net_volume,
      },
      // 3 × 0.02; the service charge 1.5 % of each, the merchant's
      { requests: 3, fee: "0.06", charge: "0.0009", wallet: "0.06", merchant: "0.0009", gross: "0.06", net: "0.0591" },
    );
    // Whole days come from the daily sums, a day the range cuts from the requests themselves: the same figures.
    const days = await testDb().usageDay.findMany({ where: { meterId } });
    assert.equal(
      days.reduce((sum, day) => sum + day.requests, 0n),
      3n,
    );
    const cut = new Date(new Date(made[0].created_at).getTime() - 1000).toISOString();
    const scanned = await lava.usage.retrieve({ start: cut, meter_id: meterId });
    assert.equal(scanned.items[0].start, cut);
    assert.deepEqual(scanned.totals, all.totals);
    const filtered = await lava.usage.retrieve({ start, connection_id: connectionId, metadata_filters: { team: "a" } });
    assert.equal(filtered.totals.total_requests, 1);
    assert.equal(filtered.totals.total_wallet_cost, "0.02");
  });

  test("wallet.low_balance: once, when a request takes the spendable balance below the merchant's threshold", async () => {
    assert.deepEqual((await api("/v1/wallet_settings", { key: apiKey })).json, {
      low_balance_threshold: null,
      currency: "USD",
    });
    const refused = await api("/v1/wallet_settings", {
      method: "PATCH",
      key: apiKey,
      body: { low_balance_threshold: "1.005" },
    });
    assert.equal(refused.status, 400);
    assert.equal(refused.json.error.param, "low_balance_threshold");
    const set = await api("/v1/wallet_settings", {
      method: "PATCH",
      key: apiKey,
      body: { low_balance_threshold: "2.00" },
    });
    assert.equal(set.status, 200, set.text);
    assert.deepEqual(set.json, { low_balance_threshold: "2.00", currency: "USD" });

    await meter({
      meter_slug: "dollar",
      name: "Dollar",
      service_charge_payer: "merchant",
      tiers: [{ start: 0, rate: "1.00", type: "requests" }],
    });
    const connectionId = await onboard(lava, "4.00");
    const ids = [];
    for (let i = 0; i < 4; i++) {
      const id = requestId();
      ids.push(id);
      await record({ request_id: id, connection_id: connectionId, meter_slug: "dollar" });
    }
    // 4.00 → 3.00 → 2.00 (not below) → 1.00 (below: the event) → 0.00 (already below: none)
    const lows = await testDb().event.findMany({
      where: { merchantId, objectId: connectionId, type: "wallet.low_balance" },
    });
    assert.deepEqual(
      lows.map((event) => JSON.parse(event.payload).data.object),
      [
        {
          connection_id: connectionId,
          spendable_balance: "1.00",
          low_balance_threshold: "2.00",
          currency: "USD",
          request_id: ids[2],
        },
      ],
    );
    const off = await api("/v1/wallet_settings", {
      method: "POST",
      key: apiKey,
      body: { low_balance_threshold: null },
    });
    assert.equal(off.json.low_balance_threshold, null);
  });

  test("bad input: a clear 4xx naming the field, nothing written", async () => {
    const connectionId = await onboard(lava, "5.00");
    const cases: [Record<string, unknown>, number, string][] = [
      [{ connection_id: connectionId, meter_slug: "calls" }, 400, "request_id"],
      [{ request_id: "x1", connection_id: connectionId, meter_slug: "no-such" }, 404, "meter_slug"],
      [
        { request_id: "x2", connection_id: "con_test_01KJHF4SFHW93DY4BVF227F33V", meter_slug: "calls" },
        404,
        "connection_id",
      ],
      [{ request_id: "x3", connection_id: connectionId, meter_slug: "calls", input_tokens: 1.5 }, 400, "input_tokens"],
      [
        { request_id: "x4", connection_id: connectionId, meter_slug: "calls", input_seconds: 1.2345 },
        400,
        "input_seconds",
      ],
      [{ request_id: "x5", connection_id: connectionId, meter_slug: "calls", input_cost: 0.1 }, 400, "input_cost"],
      [{ request_id: "x6", connection_id: connectionId, meter_slug: "calls", metadata: { a: 1 } }, 400, "metadata.a"],
      [{ request_id: "x7", connection_id: connectionId, meter_slug: "calls", extra: true }, 400, "extra"],
      [{ request_id: "a/b", connection_id: connectionId, meter_slug: "calls" }, 400, "request_id"],
    ];
    for (const [body, status, param] of cases) {
      const answer = await api("/v1/requests", { method: "POST", key: apiKey, body });
      assert.equal(answer.status, status, `${JSON.stringify(body)}: ${answer.text}`);
      assert.equal(answer.json.error.param, param, answer.text);
    }
    assert.equal(await testDb().meteredRequest.count({ where: { connectionId } }), 0);

    const badFilter = await api(`/v1/requests?metadata_filters=${encodeURIComponent('{"team":"a"}')}`, { key: apiKey });
    assert.equal(badFilter.status, 400);
    assert.equal(badFilter.json.error.param, "metadata_filters");
    const twice = await api(`/v1/requests?metadata_filters=${encodeURIComponent('[["team","a"],["team","b"]]')}`, {
      key: apiKey,
    });
    assert.equal(twice.status, 400);
    assert.equal(twice.json.error.param, "metadata_filters");
    for (const [query, param] of [
      ["", "start"],
      [`start=${new Date(Date.now() + 86_400_000).toISOString()}`, "start"],
      ["start=yesterday", "start"],
      ["start=2026-12-02&end=2026-12-01", "end"],
      ["start=2020-01-01&end=2026-01-01", "end"],
    ]) {
      const answer = await api(`/v1/usage?${query}`, { key: apiKey });
      assert.equal(answer.status, 400, `${query}: ${answer.text}`);
      assert.equal(answer.json.error.param, param, answer.text);
    }
    assert.equal((await lavaError(lava.requests.retrieve("never-recorded"))).status, 404);
  });
});
