import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parseBenchOptions } from "@/bench/options";
import type { PageWeight } from "@/bench/page-weight";
import {
  type BenchReport,
  checkTargets,
  coreScaling,
  formatMarkdown,
  formatText,
  type Run,
  rateRuns,
} from "@/bench/report";

const run = (overrides: Partial<Run>): Run => ({
  database: "embedded",
  name: "run",
  kind: "get",
  mode: "throughput",
  connections: 50,
  processes: 2,
  requests: 1000,
  rps: 100,
  p50: 5,
  p99: 20,
  errors: 0,
  statusCodes: { "200": 1000 },
  ...overrides,
});

const baselines = [
  run({ name: "bare node:http", kind: "bare", rps: 20_000 }),
  run({ name: "trivial route", kind: "trivial", rps: 1000 }),
];

const page = (name: string, jsGzipBytes: number): PageWeight => ({
  name,
  path: `/${name}`,
  scripts: 5,
  jsBytes: jsGzipBytes * 3,
  jsGzipBytes,
});

describe("bench report", () => {
  test("throughput runs get ratios to the baselines of their own database; other modes none", () => {
    const rated = rateRuns([
      ...baselines,
      run({ name: "card GET", rps: 850 }),
      run({ name: "card GET", database: "url", rps: 700 }),
      run({ database: "url", name: "trivial route", kind: "trivial", rps: 1400 }),
      run({ name: "card create", kind: "create", mode: "fixed-rate", rate: 200, rps: 199 }),
    ]);
    assert.equal(rated[2].vsTrivial, 0.85);
    assert.equal(rated[2].vsBare, 850 / 20_000);
    assert.equal(rated[3].vsTrivial, 0.5);
    assert.equal(rated[3].vsBare, undefined, "no bare baseline ran on that database");
    assert.equal(rated[5].vsTrivial, undefined);
  });

  test("one-process runs are rated against their own baseline and set beside the same run on every core", () => {
    const runs = rateRuns([
      ...baselines,
      run({ name: "trivial route", kind: "trivial", processes: 1, rps: 600 }),
      run({ name: "card GET", rps: 900 }),
      run({ name: "card GET", processes: 1, rps: 450 }),
      run({ name: "card create", kind: "create", processes: 1, rps: 300 }),
    ]);
    assert.equal(runs[3].vsTrivial, 0.9, "against the trivial route of the same process count");
    assert.equal(runs[4].vsTrivial, 0.75);
    const pairs = coreScaling(runs).map(({ one, many }) => [one.name, one.rps, many.rps]);
    assert.deepEqual(pairs, [
      ["trivial route", 600, 1000],
      ["card GET", 450, 900],
    ]);
    assert.deepEqual(coreScaling(runs.filter((item) => item.processes === 2)), [], "nothing to compare without them");
  });

  test("each target is checked against its threshold, and errors always fail", () => {
    const rated = rateRuns([
      ...baselines,
      run({ name: "wallet create", kind: "create", rps: 600 }),
      run({ name: "card create", kind: "create", rps: 599 }),
      run({ name: "wallet GET", kind: "get", rps: 800 }),
      run({ name: "card GET", kind: "get", rps: 799, errors: 3 }),
      run({ name: "wallet list", kind: "list", rps: 600 }),
      run({ name: "card list", kind: "list", rps: 599 }),
      run({ name: "wallet create", kind: "create", mode: "fixed-rate", rate: 200, p99: 25 }),
      run({ name: "card create", kind: "create", mode: "fixed-rate", rate: 200, p99: 25.1 }),
      run({ name: "card page render", kind: "page", mode: "render", connections: 1, p50: 10 }),
      run({ name: "wallet page render", kind: "page", mode: "render", connections: 1, p50: 10.01 }),
      // One process (the cores table): not held to the targets.
      run({ name: "trivial route", kind: "trivial", processes: 1, rps: 1000 }),
      run({ name: "card create", kind: "create", processes: 1, rps: 10 }),
    ]);
    const pages = [page("empty page", 100_000), page("card checkout page", 125_600), page("wallet page", 125_601)];
    const growth = [
      {
        database: "embedded" as const,
        dialect: "card" as const,
        sessions: 1_000_000,
        createP50: 6,
        getP50: 2.5,
        listP50: 9,
        errors: 2,
      },
      {
        database: "embedded" as const,
        dialect: "card" as const,
        sessions: 10_000,
        createP50: 5,
        getP50: 2,
        listP50: 3,
        errors: 0,
      },
    ];
    const verdicts = checkTargets(rated, pages, growth).map(
      (check) => `${check.ok ? "ok" : "MISSED"} ${check.subject}: ${check.target}`,
    );
    assert.deepEqual(verdicts, [
      "ok wallet create (embedded): create ≥ 0.6× trivial route req/s at 50 connections",
      "MISSED card create (embedded): create ≥ 0.6× trivial route req/s at 50 connections",
      "ok wallet GET (embedded): GET ≥ 0.8× trivial route req/s at 50 connections",
      "MISSED card GET (embedded): GET ≥ 0.8× trivial route req/s at 50 connections",
      "MISSED card GET (embedded): no errors",
      "ok wallet list (embedded): list ≥ 0.6× trivial route req/s at 50 connections",
      "MISSED card list (embedded): list ≥ 0.6× trivial route req/s at 50 connections",
      "ok wallet create (embedded): create p99 ≤ 25 ms at 200 req/s offered",
      "MISSED card create (embedded): create p99 ≤ 25 ms at 200 req/s offered",
      "ok card page render (embedded): hosted page server render p50 ≤ 10 ms on 1 connection",
      "MISSED wallet page render (embedded): hosted page server render p50 ≤ 10 ms on 1 connection",
      "ok card checkout page: hosted page JS ≤ empty page + 25.0 KB gzip",
      "MISSED wallet page: hosted page JS ≤ empty page + 25.0 KB gzip",
      "MISSED card growth at 1M (embedded): no errors",
      "ok card (embedded): create p50 at 1M ≤ 1.2× at 10k sessions",
      "MISSED card (embedded): GET p50 at 1M ≤ 1.2× at 10k sessions",
      "MISSED card (embedded): list p50 at 1M ≤ 1.2× at 10k sessions",
    ]);
  });

  test("text and Markdown show every run with its ratios, and every target", () => {
    const defaults = parseBenchOptions([], undefined);
    assert.ok(defaults);
    const runs = rateRuns([...baselines, run({ name: "crypto list", kind: "list", rps: 450, p50: 12.345 })]);
    const report: BenchReport = {
      startedAt: "2026-11-21T10:00:00.000Z",
      finishedAt: "2026-11-21T10:04:00.000Z",
      commit: "abc1234",
      machine: { cpus: 2, node: "v20.20.2" },
      options: { ...defaults, only: undefined },
      runs,
      pages: [page("empty page", 1024), page("card checkout page", 4096)],
      growth: [],
      targets: checkTargets(runs, [page("empty page", 1024), page("card checkout page", 4096)], []),
    };
    const markdown = formatMarkdown(report);
    assert.match(markdown, /^\| crypto list \| 50 conn \| 450 \| 12\.3 ms \| 20\.0 ms \| 0 \| 0\.45× \| 0\.02× \|$/m);
    assert.match(markdown, /^\| card checkout page \| 5 \| 12\.0 KB \| 4\.0 KB \| \+3\.0 KB \|$/m);
    assert.match(
      markdown,
      /^\| ok \| hosted page JS ≤ empty page \+ 25\.0 KB gzip \| card checkout page \| \+3\.0 KB/m,
    );
    assert.match(markdown, /Commit abc1234/);
    const text = formatText(report);
    assert.match(text, /^crypto list\s+50 conn\s+450\s+12\.3 ms\s+20\.0 ms\s+0\s+0\.45×\s+0\.02×$/m);
  });
});
