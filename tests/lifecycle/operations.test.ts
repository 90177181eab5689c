import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, test } from "node:test";
import pg from "pg";
import { type RunningServer, readLockUrl, startServer } from "../support/server";

// An operator's endpoints with their own servers (README "Operating
// Tillpoint"): who may read /metrics, with and without METRICS_TOKEN (from
// anywhere, through a proxy too), and a
// readiness probe that fails when the database lacks a migration of this
// version — caused by taking one out of its history.

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tp-ops-"));
let server: RunningServer | undefined;

after(async () => {
  await server?.stop("SIGTERM");
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const get = async (url: string, headers: Record<string, string> = {}) => {
  const response = await fetch(url, { headers });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text };
};

describe("operating a server", () => {
  test("without METRICS_TOKEN, /metrics answers loopback only; readiness follows the migrations", async () => {
    server = await startServer({ DATA_DIR: dataDir, DATABASE_URL: "", TRUSTED_PROXY_HOPS: "1" });
    assert.equal((await get(`${server.baseUrl}/api/health/live`)).status, 200);
    const local = await get(`${server.baseUrl}/metrics`);
    assert.equal(local.status, 200, local.text);
    assert.match(local.text, /^tillpoint_http_requests_total\{/m);
    // Through a proxy (a remote client, or one that claims to be local, or a proxy on this very host): refused.
    for (const headers of [
      { "X-Forwarded-For": "203.0.113.9" } as Record<string, string>,
      { "X-Forwarded-For": "127.0.0.1" },
      { Forwarded: "for=127.0.0.1" },
    ]) {
      const proxied = await get(`${server.baseUrl}/metrics`, headers);
      assert.equal(proxied.status, 403, `${JSON.stringify(headers)}: ${proxied.text}`);
      assert.equal(JSON.parse(proxied.text).error.code, "forbidden");
      assert.doesNotMatch(proxied.text, /tillpoint_/);
    }

    assert.equal((await get(`${server.baseUrl}/api/health/ready`)).status, 200);
    const client = new pg.Client({ connectionString: readLockUrl(dataDir) });
    await client.connect();
    try {
      const { rows } = await client.query<{ migration_name: string }>(
        "DELETE FROM _prisma_migrations WHERE migration_name = (SELECT max(migration_name) FROM _prisma_migrations) RETURNING *",
      );
      const [removed] = rows;
      const unready = await get(`${server.baseUrl}/api/health/ready`);
      assert.equal(unready.status, 503, unready.text);
      assert.equal(JSON.parse(unready.text).error.code, "service_unavailable");
      assert.match(unready.text, new RegExp(removed.migration_name));
      assert.equal(
        (await get(`${server.baseUrl}/api/health/live`)).status,
        200,
        "liveness asks nothing of the database",
      );
      const columns = Object.keys(removed);
      await client.query(
        `INSERT INTO _prisma_migrations (${columns.join(", ")}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(", ")})`,
        Object.values(removed),
      );
      assert.equal((await get(`${server.baseUrl}/api/health/ready`)).status, 200);
    } finally {
      await client.end();
    }
  });

  test("with METRICS_TOKEN, /metrics wants it as a bearer token, from anywhere", async () => {
    assert.equal(await server?.stop("SIGTERM"), 0);
    const token = "metrics-token-0123456789abcdef";
    server = await startServer({ DATA_DIR: dataDir, DATABASE_URL: "", METRICS_TOKEN: token });
    const none = await get(`${server.baseUrl}/metrics`);
    assert.equal(none.status, 401, none.text);
    assert.match(none.headers.get("www-authenticate") ?? "", /^Bearer/);
    const wrong = await get(`${server.baseUrl}/metrics`, { Authorization: `Bearer ${token}x` });
    assert.equal(wrong.status, 401, wrong.text);
    const right = await get(`${server.baseUrl}/metrics`, {
      Authorization: `bearer ${token}`,
      "X-Forwarded-For": "203.0.113.9",
    });
    assert.equal(right.status, 200, right.text);
    assert.match(right.text, /^tillpoint_process_cpu_user_seconds_total /m);
    assert.doesNotMatch(server.output(), new RegExp(token), "the token never reaches the logs");
  });
});
