import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, test } from "node:test";
import { promisify } from "node:util";
import sharp from "sharp";
import { api } from "../support/api";
import { randomXpub } from "../support/crypto";
import { PROJECT_ROOT } from "../support/server";

const execFileAsync = promisify(execFile);

// The CLI reaches the same database as the running server (its embedded one
// through DATA_DIR, or DATABASE_URL): tests/run.ts passes the server's env.
const tillpoint = async (...args: string[]) => {
  const { stdout } = await execFileAsync(process.execPath, [path.join(PROJECT_ROOT, "bin/tillpoint.mjs"), ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...JSON.parse(process.env.TEST_SERVER_ENV ?? "{}") },
  });
  return stdout;
};

describe("tillpoint CLI beside a running server", () => {
  test("merchant create --json prints an id and a key that the API accepts at once", async () => {
    const created = JSON.parse(await tillpoint("merchant", "create", "--name", "Acme", "--json"));
    assert.match(created.merchant_id, /^mer_[0-9A-Z]{26}$/);
    assert.match(created.api_key, /^sk_test_[A-Za-z0-9_-]{43}$/);
    assert.deepEqual(Object.keys(created).sort(), ["api_key", "merchant_id"]);
    assert.equal((await api("/api/v1/api_keys", { key: created.api_key })).status, 200);
  });

  test("key create | list | revoke", async () => {
    const { merchant_id: merchantId } = JSON.parse(await tillpoint("merchant", "create", "--name", "Keys", "--json"));
    const live = JSON.parse(await tillpoint("key", "create", "--merchant", merchantId, "--mode", "live", "--json"));
    assert.match(live.api_key, /^sk_live_/);
    assert.equal((await api("/api/v1/api_keys", { key: live.api_key })).json.data[0].mode, "live");

    const listed = JSON.parse(await tillpoint("key", "list", "--merchant", merchantId, "--json"));
    assert.equal(listed.length, 2);
    assert.ok(!JSON.stringify(listed).includes(live.api_key), "list never shows secrets");

    await tillpoint("key", "revoke", live.id, "--json");
    assert.equal((await api("/api/v1/api_keys", { key: live.api_key })).status, 401);
  });

  test("crypto set-xpub | show: the key the API then derives deposit addresses from; a private key is refused", async () => {
    const created = JSON.parse(await tillpoint("merchant", "create", "--name", "Crypto CLI", "--json"));
    const xpub = randomXpub();
    const set = JSON.parse(
      await tillpoint("crypto", "set-xpub", "--merchant", created.merchant_id, "--xpub", xpub, "--json"),
    );
    assert.equal(set.xpub, xpub);
    assert.equal((await api("/api/v1/crypto/settings", { key: created.api_key })).json.nextAddress, set.nextAddress);
    assert.match(
      await tillpoint("crypto", "show", "--merchant", created.merchant_id),
      new RegExp(`test mode: ${xpub}`),
    );
    await assert.rejects(
      tillpoint("crypto", "set-xpub", "--merchant", created.merchant_id, "--xpub", `xprv${"9".repeat(107)}`),
      /private key/,
    );
  });

  test("branding show | set: the same fields as the API, a logo from a file, none resetting one", async () => {
    const created = JSON.parse(await tillpoint("merchant", "create", "--name", "Brand CLI", "--json"));
    const merchant = ["--merchant", created.merchant_id, "--json"];
    const logo = path.join(os.tmpdir(), `tillpoint-logo-${created.merchant_id}.png`);
    await writeFile(
      logo,
      await sharp({ create: { width: 40, height: 20, channels: 3, background: "#123456" } })
        .png()
        .toBuffer(),
    );
    const set = JSON.parse(
      await tillpoint(
        "branding",
        "set",
        ...merchant,
        "--display-name",
        "CLI Co",
        "--logo",
        logo,
        "--theme",
        "dark",
        "--show-powered-by",
        "false",
        "--default-locale",
        "fr",
      ),
    );
    assert.equal(set.display_name, "CLI Co");
    assert.match(set.logo, /\/branding\/logos\/[0-9a-f]{64}\.png$/);
    assert.deepEqual((await api("/api/v1/branding", { key: created.api_key })).json, set);
    const reset = JSON.parse(await tillpoint("branding", "set", ...merchant, "--theme", "none", "--logo", "none"));
    assert.equal(reset.theme, null);
    assert.equal(reset.logo, null);
    assert.equal(reset.display_name, "CLI Co");
    assert.match(await tillpoint("branding", "show", "--merchant", created.merchant_id), /theme: \(default\)/);
    await assert.rejects(
      tillpoint("branding", "set", ...merchant, "--brand-color", "blue"),
      /brand_color: must be a colour/,
    );
    await assert.rejects(tillpoint("branding", "set", ...merchant, "--logo", "logo.svg"), /--logo takes a \.png/);
  });

  test("webhook create | list | rotate-secret | delete, with the API's checks", async () => {
    const created = JSON.parse(await tillpoint("merchant", "create", "--name", "Webhook CLI", "--json"));
    const scope = ["--merchant", created.merchant_id];
    const endpoint = JSON.parse(
      await tillpoint(
        "webhook",
        "create",
        ...scope,
        "--url",
        "https://hooks.example.com/cli",
        "--events",
        "session.completed, refund.completed",
        "--json",
      ),
    );
    assert.match(endpoint.secret, /^whsec_/);
    assert.deepEqual(endpoint.events, ["session.completed", "refund.completed"]);
    const viaApi = await api(`/api/v1/webhooks/${endpoint.id}`, { key: created.api_key });
    assert.equal(viaApi.json.url, "https://hooks.example.com/cli");

    const listed = await tillpoint("webhook", "list", ...scope);
    assert.match(listed, new RegExp(`${endpoint.id}\\s+enabled\\s+https://hooks.example.com/cli`));
    assert.doesNotMatch(listed, /whsec_/);
    const rotated = JSON.parse(await tillpoint("webhook", "rotate-secret", endpoint.id, ...scope, "--json"));
    assert.notEqual(rotated.secret, endpoint.secret);

    await assert.rejects(tillpoint("webhook", "create", ...scope, "--url", "http://hooks.example.com/x"), /url.*https/);
    await assert.rejects(
      tillpoint("webhook", "create", ...scope, "--url", "https://hooks.example.com/x", "--events", "nope"),
      /not an event type/,
    );
    assert.match(await tillpoint("webhook", "delete", endpoint.id, ...scope), /Deleted/);
    await assert.rejects(tillpoint("webhook", "delete", endpoint.id, ...scope), /No such webhook endpoint/);
    assert.equal((await api(`/api/v1/webhooks/${endpoint.id}`, { key: created.api_key })).status, 404);
  });

  test("meter create | update | list, and a plan linking them, as the API sees them", async () => {
    const created = JSON.parse(await tillpoint("merchant", "create", "--name", "Meters CLI", "--json"));
    const tiers = JSON.stringify([
      { start: 0, rate: "3", type: "tokens_1m" },
      { start: 500_000, rate: "1.5", type: "tokens_1m" },
    ]);
    const meter = JSON.parse(
      await tillpoint(
        "meter",
        "create",
        "--merchant",
        created.merchant_id,
        "--slug",
        "llm",
        "--name",
        "LLM",
        "--tiers",
        tiers,
        "--token-basis",
        "output",
        "--json",
      ),
    );
    assert.equal(meter.token_basis, "output");
    assert.deepEqual(meter.tiers, JSON.parse(tiers));
    const edited = JSON.parse(
      await tillpoint("meter", "update", meter.meter_id, "--rate-type", "percentage", "--json"),
    );
    assert.equal(edited.rate_type, "percentage");
    assert.deepEqual((await api(`/v1/meters/${meter.meter_id}`, { key: created.api_key })).json, edited);
    const listed = await tillpoint("meter", "list", "--merchant", created.merchant_id);
    assert.match(
      listed,
      new RegExp(`${meter.meter_id}  llm  LLM  percentage: from 0 3/tokens_1m, from 500000 1.5/tokens_1m`),
    );

    const plan = JSON.parse(
      await tillpoint(
        "plan",
        "create",
        "--merchant",
        created.merchant_id,
        "--name",
        "Metered",
        "--price",
        "5",
        "--meters",
        meter.meter_id,
        "--json",
      ),
    );
    assert.deepEqual(plan.linked_meters, [{ meter_id: meter.meter_id, name: "LLM" }]);
    const unlinked = JSON.parse(
      await tillpoint("plan", "update", plan.subscription_config_id, "--meters", "none", "--json"),
    );
    assert.deepEqual(unlinked.linked_meters, []);

    await assert.rejects(
      tillpoint(
        "meter",
        "create",
        "--merchant",
        created.merchant_id,
        "--slug",
        "llm",
        "--name",
        "Again",
        "--tiers",
        tiers,
      ),
      /another meter already has the slug "llm"/,
    );
    await assert.rejects(
      tillpoint("meter", "create", "--merchant", created.merchant_id, "--slug", "x", "--name", "X", "--tiers", "[{"),
      /--tiers must be JSON/,
    );
  });

  test("bad usage exits 2 with a message; an unknown merchant exits non-zero", async () => {
    await assert.rejects(tillpoint("merchant", "create"), (error: { code: number; stderr: string }) => {
      assert.equal(error.code, 2);
      assert.match(error.stderr, /Missing --name/);
      return true;
    });
    await assert.rejects(tillpoint("key", "create", "--merchant", "mer_missing"), /No merchant mer_missing/);
    await assert.rejects(tillpoint("key", "create", "--merchant", "x", "--mode", "prod"), /--mode is "test" or "live"/);
  });
});
