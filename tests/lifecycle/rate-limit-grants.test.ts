import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import pg from "pg";
import { grantSize } from "@/lib/api/rate-limit";
import { type RunningServer, readLockUrl, startTwoInstances } from "../support/server";

// Rate-limit grants (README "Rate limits") on the real counter: two instances of two HTTP processes each take
// a limit of 40 two requests at a time. A burst over all four never gets more than the limit through.

const LIMIT = 40;
const PROCESSES = 4;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tp-grants-"));
let first: RunningServer;
let second: RunningServer;

before(async () => {
  ({ first, second } = await startTwoInstances(dataDir, { RATE_LIMIT_API_KEY: `${LIMIT}/60s` }));
});

after(async () => {
  await second?.stop("SIGTERM");
  await first?.stop("SIGTERM");
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("rate-limit grants on the shared counter", { timeout: 120_000 }, () => {
  test("a concurrent burst over two instances: at most the limit, at least the limit less the unspent shares", async () => {
    const key = first.demoApiKey();
    // Every process's rate-limit pool connected first (with another key), so that none of the burst's grants
    // waits for a connection: a counter out of reach lets requests through uncounted, by design.
    const minted = await fetch(`${first.baseUrl}/api/v1/api_keys`, {
      method: "POST",
      headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
      body: JSON.stringify({ name: "warm-up" }),
    });
    const warmUp = (await minted.json()) as { id: string; secret: string };
    assert.equal(minted.status, 201, JSON.stringify(warmUp));
    await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const server = i % 2 === 0 ? first : second;
        const response = await fetch(`${server.baseUrl}/api/v1/sessions`, {
          headers: { Authorization: `Bearer ${warmUp.secret}` },
        });
        await response.arrayBuffer();
      }),
    );
    const statuses = await Promise.all(
      Array.from({ length: 3 * LIMIT }, async (_, i) => {
        const server = i % 2 === 0 ? first : second;
        const response = await fetch(`${server.baseUrl}/api/v1/sessions`, {
          headers: { Authorization: `Bearer ${key}` },
        });
        await response.arrayBuffer();
        return response.status;
      }),
    );
    const passed = statuses.filter((status) => status === 200).length;
    assert.deepEqual(new Set(statuses), new Set([200, 429]));
    assert.ok(passed <= LIMIT, `${passed} of a limit of ${LIMIT} went through`);
    assert.ok(passed >= LIMIT - (PROCESSES - 1) * (grantSize(LIMIT) - 1), `only ${passed} went through`);

    // The shared counter was charged by grants: at least what went through, and far from a write (two points)
    // per request, which would be 240.
    const client = new pg.Client({ connectionString: readLockUrl(dataDir) });
    await client.connect();
    try {
      const { rows } = await client.query<{ points: number }>(
        "SELECT points FROM rate_limits WHERE key LIKE 'apiKey:%' AND key <> $1",
        [`apiKey:${warmUp.id}`],
      );
      assert.equal(rows.length, 1);
      assert.ok(rows[0].points >= passed, `the counter holds ${rows[0].points}`);
      assert.ok(rows[0].points < 2 * LIMIT, `the counter holds ${rows[0].points}`);
    } finally {
      await client.end();
    }
  });
});
