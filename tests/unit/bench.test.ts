import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, test } from "node:test";
import { percentile, runLoad } from "@/bench/load";
import { BENCH_RATE_LIMITS, parseBenchOptions, UsageError } from "@/bench/options";
import { parseEnv } from "@/lib/env";

describe("bench options", () => {
  test("the bench server's rate limits are valid settings, on and out of the load's reach", () => {
    const { rateLimits } = parseEnv(BENCH_RATE_LIMITS);
    for (const limit of Object.values(rateLimits)) assert.ok(limit && limit.points / limit.seconds >= 1_000_000);
  });

  test("defaults, and both databases when DATABASE_URL is set", () => {
    const defaults = parseBenchOptions([], undefined);
    assert.deepEqual(defaults, {
      connections: 50,
      duration: 5,
      warmup: 2,
      rate: undefined,
      databases: ["embedded"],
      growthSizes: [],
      only: undefined,
      cores: true,
      out: "bench/results",
    });
    assert.equal(parseBenchOptions(["--no-cores"], undefined)?.cores, false);
    assert.deepEqual(parseBenchOptions([], "postgres://x/y")?.databases, ["embedded", "url"]);
    assert.deepEqual(parseBenchOptions(["--database", "url"], "postgres://x/y")?.databases, ["url"]);
    assert.equal(parseBenchOptions(["--help"], undefined), undefined);
  });

  test("flags are read; --growth-sizes implies --growth", () => {
    const options = parseBenchOptions(
      [
        "--connections",
        "10",
        "--duration",
        "30",
        "--warmup",
        "0",
        "--rate",
        "500",
        "--growth-sizes",
        "100, 2000",
        "--only",
        "card",
      ],
      undefined,
    );
    assert.equal(options?.connections, 10);
    assert.equal(options?.duration, 30);
    assert.equal(options?.warmup, 0);
    assert.equal(options?.rate, 500);
    assert.deepEqual(options?.growthSizes, [100, 2000]);
    assert.equal(options?.only?.test("card create"), true);
    assert.deepEqual(parseBenchOptions(["--growth"], undefined)?.growthSizes, [10_000, 1_000_000]);
  });

  test("bad flags are a usage error naming the flag", () => {
    const cases: [string[], RegExp][] = [
      [["--connections", "0"], /--connections must be a positive integer/],
      [["--duration", "1.5"], /--duration/],
      [["--rate", "-3"], /--rate/],
      [["--warmup", "x"], /--warmup must be a non-negative integer/],
      [["--database", "sqlite"], /--database must be embedded, url or both/],
      [["--database", "url"], /needs DATABASE_URL/],
      [["--growth-sizes", "1000,100"], /must increase/],
      [["--only", "("], /--only is not a valid regular expression/],
      [["--connection", "5"], /connection/],
      [["positional"], /positional/],
    ];
    for (const [argv, message] of cases) {
      assert.throws(
        () => parseBenchOptions(argv, undefined),
        (error: Error) => {
          assert.ok(error instanceof UsageError, argv.join(" "));
          assert.match(error.message, message);
          return true;
        },
      );
    }
  });
});

describe("bench load", () => {
  test("percentile is nearest-rank", () => {
    const sorted = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    assert.equal(percentile(sorted, 50), 5);
    assert.equal(percentile(sorted, 99), 10);
    assert.equal(percentile(sorted, 0), 1);
    assert.ok(Number.isNaN(percentile([], 50)));
  });

  for (const [mode, rate] of [
    ["as fast as answered (autocannon)", undefined],
    ["at a fixed rate (open loop)", 100],
  ] as const)
    test(`${mode}: each request gets a fresh [<id>] in headers and body, paths rotate, non-2xx answers are errors`, async () => {
      const seen: { path: string; key: string; body: string }[] = [];
      const server = http.createServer((request, response) => {
        let body = "";
        request.on("data", (chunk) => {
          body += chunk;
        });
        request.on("end", () => {
          seen.push({ path: request.url ?? "", key: String(request.headers["idempotency-key"]), body });
          response.writeHead(request.url === "/b" ? 500 : 200).end("{}");
        });
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      try {
        const { port } = server.address() as AddressInfo;
        const result = await runLoad({
          baseUrl: `http://127.0.0.1:${port}`,
          method: "POST",
          paths: ["/a", "/b"],
          headers: { "idempotency-key": "k-[<id>]" },
          body: '{"ref":"[<id>]"}',
          connections: 2,
          duration: 1,
          rate,
        });
        assert.ok(seen.length > 10, `only ${seen.length} requests`);
        // The open loop sends exactly duration × rate requests, answered or not.
        if (rate !== undefined) assert.equal(seen.length, rate);
        assert.equal(new Set(seen.map((request) => request.key)).size, seen.length, "every key is unique");
        for (const request of seen) assert.equal(request.body, `{"ref":"${request.key.slice(2)}"}`);
        // A request still in flight when the run ends reached the server but is not counted.
        assert.ok(result.statusCodes["200"] > 0 && result.statusCodes["500"] > 0, "both paths were requested");
        assert.equal(result.requests, result.statusCodes["200"]);
        assert.equal(result.errors, result.statusCodes["500"]);
        assert.ok(result.requests + result.errors <= seen.length);
        assert.ok(result.p50 > 0 && result.p99 >= result.p50);
      } finally {
        server.close();
      }
    });
});
