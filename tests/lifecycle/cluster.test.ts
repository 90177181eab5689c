import assert from "node:assert/strict";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { after, describe, test } from "node:test";
import { type RunningServer, startServer } from "../support/server";

// `tillpoint start` on every core (README "Using every core"): WEB_CONCURRENCY
// HTTP workers share the port, /metrics adds up every process, a worker that
// dies is replaced, and the workers go with their primary however it ends.

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tp-cluster-"));
let server: RunningServer | undefined;

after(async () => {
  await server?.stop("SIGKILL");
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** One GET on a connection of its own (a kept-alive one would stay with one worker). */
const get = (url: string) =>
  new Promise<{ status: number; text: string }>((resolve, reject) => {
    http
      .get(url, { agent: false }, (response) => {
        let text = "";
        response.on("data", (chunk) => {
          text += chunk;
        });
        response.on("end", () => resolve({ status: response.statusCode ?? 0, text }));
      })
      .on("error", reject);
  });

const workerPids = (output: string) =>
  new Set(
    output
      .split("\n")
      .filter((line) => line.includes('"msg":"request"') && line.includes('"route":"/api/health/live"'))
      .map((line) => JSON.parse(line).pid as number),
  );

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const until = async (what: string, check: () => boolean | Promise<boolean>, timeoutMs = 20_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    assert.ok(Date.now() < deadline, what);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

const counted = (metricsText: string) =>
  metricsText
    .split("\n")
    .filter((line) => line.startsWith('tillpoint_http_requests_total{method="GET",route="/api/health/live"'))
    .reduce((sum, line) => sum + Number(line.split(" ").at(-1)), 0);

describe("HTTP workers on every core", { timeout: 120_000 }, () => {
  test("two workers share the port; /metrics counts both; a killed worker is replaced; the primary's end is theirs", async () => {
    server = await startServer({ DATA_DIR: dataDir, DATABASE_URL: "", WEB_CONCURRENCY: "2" });
    assert.match(server.output(), /listening on port \d+, 2 HTTP workers/);
    const calls = 20;
    for (let i = 0; i < calls; i++) assert.equal((await get(`${server.baseUrl}/api/health/live`)).status, 200);
    await until("both workers logged their requests", () => workerPids(server?.output() ?? "").size === 2);
    const pids = [...workerPids(server.output())];
    assert.ok(!pids.includes(server.process.pid ?? -1), "the primary serves no request");

    // Every process's counters in one answer, whichever worker gives it; and the primary's background pool.
    const metrics = await get(`${server.baseUrl}/metrics`);
    assert.equal(metrics.status, 200, metrics.text);
    assert.equal(counted(metrics.text), calls);
    assert.match(metrics.text, /^tillpoint_db_pool_connections\{pool="background",state="open"\} [1-9]/m);

    process.kill(pids[0], "SIGKILL");
    await until("the killed worker is replaced", () =>
      /An HTTP worker exited; starting another/.test(server?.output() ?? ""),
    );
    await until("a new worker answers", async () => {
      for (let i = 0; i < 4; i++) await get(`${server?.baseUrl}/api/health/live`).catch(() => undefined);
      return workerPids(server?.output() ?? "").size === 3;
    });
    const survivors = [...workerPids(server.output())].filter((pid) => pid !== pids[0]);
    assert.equal(survivors.length, 2);

    // kill -9 of the primary: its workers stop on their own.
    await server.stop("SIGKILL");
    await until("the workers end with their primary", () => survivors.every((pid) => !alive(pid)), 10_000);
    server = undefined;
  });

  test("SIGTERM stops the workers, then the primary, cleanly", async () => {
    server = await startServer({ DATA_DIR: dataDir, DATABASE_URL: "", WEB_CONCURRENCY: "2" });
    for (let i = 0; i < 6; i++) assert.equal((await get(`${server.baseUrl}/api/health/live`)).status, 200);
    await until("both workers answered", () => workerPids(server?.output() ?? "").size === 2);
    const pids = [...workerPids(server.output())];
    assert.equal(await server.stop("SIGTERM"), 0);
    assert.ok(
      pids.every((pid) => !alive(pid)),
      "no worker outlives its primary",
    );
    server = undefined;
  });
});
