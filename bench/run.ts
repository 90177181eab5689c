// `npm run bench`: the production server (what `npm start` runs) on a fresh
// database, loaded on loopback by autocannon in this process, beside two
// baselines measured in the same run: the app's trivial route and a bare
// node:http server. See README, "Benchmark", for how to read the output.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createPrismaClient } from "@/lib/db/client";
import { createMerchant } from "@/lib/merchants/create-merchant";
import { decodeCheckoutToken } from "@/lib/security/checkout-token";
import { ensureBuild } from "@/lib/server/ensure-build";
import { randomXpub } from "@/tests/support/crypto";
import { freePort, PROJECT_ROOT, readLockUrl, startServer, withScratchPostgres } from "@/tests/support/server";
import { CUSTOMER, TEST_CARD } from "@/tests/support/wallet-customer";
import { dashboardCookie } from "./dashboard";
import { DIALECTS, type Dialect, type DialectName, EMPTY_PAGE, type HostedPage } from "./dialects";
import { checkpoint, growRequests, growSessions, sampleRequestIds, sampleSessionIds } from "./growth";
import { type LoadResult, type LoadSpec, runLoad } from "./load";
import { BENCH_RATE_LIMITS, type BenchOptions, type Database, parseBenchOptions, USAGE, UsageError } from "./options";
import { measurePageWeights, type PageWeight } from "./page-weight";
import {
  type BenchReport,
  checkTargets,
  formatMarkdown,
  formatText,
  type GrowthPoint,
  loadLabel,
  type Run,
  rateRuns,
  TARGETS,
} from "./report";

const log = (line: string) => console.log(`[bench] ${line}`);

/** The fixed-rate runs' offered req/s when their create's throughput was not measured (--only). */
const DEFAULT_FIXED_RATE = 100;

/** Sessions created per dialect before the runs: GETs rotate over them, the pages are theirs. */
const FIXTURES = 50;
/** GETs in the growth runs rotate over this many sessions sampled from the whole table. */
const GROWTH_SAMPLE = 500;

type Target = { baseUrl: string; authorization: string };

type RunSpec = Pick<Run, "name" | "kind" | "dialect"> & Omit<LoadSpec, "connections" | "duration" | "rate">;
/** How the load is offered: as fast as answered, at a fixed rate, or one request at a time. */
type LoadMode = Pick<Run, "mode" | "connections" | "rate">;

const startBareServer = async () => {
  const child: ChildProcess = spawn(process.execPath, [path.join(PROJECT_ROOT, "bench/bare-server.mjs")], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`The bare node:http server exited (${code})`)));
    child.stdout?.once("data", (chunk) => resolve(Number(/listening (\d+)/.exec(String(chunk))?.[1])));
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill("SIGTERM") };
};

const request = async (target: Target, method: string, path: string, body?: unknown) => {
  const response = await fetch(`${target.baseUrl}${path}`, {
    method,
    headers: {
      Authorization: target.authorization,
      "Content-Type": "application/json",
      "Idempotency-Key": crypto.randomUUID(),
    },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return JSON.parse(text) as Record<string, unknown>;
};

/** A merchant with a test key and an extended public key (crypto sessions need one). */
const seedMerchant = async (databaseUrl: string, baseUrl: string) => {
  const prisma = createPrismaClient(databaseUrl);
  try {
    const { merchant, secret } = await createMerchant(prisma, { name: "Bench Merchant" });
    const target = { baseUrl, authorization: `Bearer ${secret}` };
    await request(target, "PUT", "/api/v1/crypto/settings", { xpub: randomXpub() });
    return { merchantId: merchant.id, target };
  } finally {
    await prisma.$disconnect();
  }
};

const createFixtures = async (target: Target, dialect: Dialect) => {
  const ids: string[] = [];
  let pages: HostedPage[] = [];
  for (let i = 0; i < FIXTURES; i++) {
    const body = dialect.createBody.replaceAll("[<id>]", `fixture-${i}`);
    const created = dialect.created(await request(target, "POST", dialect.createPath, body), target.baseUrl);
    ids.push(created.id);
    pages = created.pages;
  }
  return { ids, pages };
};

/** Wallets metered requests are spread over (one connection's requests queue on its lock, as they must). */
const REQUEST_CONNECTIONS = 20;
const REQUEST_METER = "bench-tokens";

/**
 * Metered requests (POST /v1/requests): a token meter, connections with money to spend, and requests to GET. Each
 * request of the runs costs 0.0025 USD (1,000 tokens at 2.50 per million): a debit every fourth one.
 */
const createRequestFixtures = async (target: Target) => {
  await request(target, "POST", "/v1/meters", {
    meter_slug: REQUEST_METER,
    name: "Bench tokens",
    service_charge_payer: "merchant",
    tiers: [{ start: 0, rate: "2.50", type: "tokens_1m" }],
  });
  const connections: string[] = [];
  for (let i = 0; i < REQUEST_CONNECTIONS; i++) {
    const session = await request(target, "POST", "/v1/checkout_sessions", {
      checkout_mode: "onboarding",
      origin_url: "https://shop.example.com/",
    });
    const secret = decodeCheckoutToken(String(session.checkout_session_token), target.baseUrl);
    const paid = await request(target, "POST", `/api/hosted/wallet/${secret}`, {
      ...CUSTOMER,
      card: TEST_CARD,
      amount: "10000.00",
    });
    connections.push(String(paid.connection_id));
  }
  const bodies = connections.map((connectionId) =>
    JSON.stringify({
      request_id: "bench-[<id>]",
      connection_id: connectionId,
      meter_slug: REQUEST_METER,
      input_tokens: 800,
      output_tokens: 200,
      metadata: { feature: "bench" },
    }),
  );
  const ids: string[] = [];
  for (let i = 0; i < FIXTURES; i++) {
    const body = bodies[i % bodies.length].replace("bench-[<id>]", `fixture-${i}`);
    ids.push(String((await request(target, "POST", "/v1/requests", body)).request_id));
  }
  return { bodies, ids };
};

/** GET /v1/usage over the last 31 days (whole days from the daily sums, today's too). */
const usagePath = () => `/v1/usage?start=${new Date(Date.now() - 31 * 86_400_000).toISOString().slice(0, 10)}`;

const formatRun = (run: Run) =>
  `${run.name.padEnd(28)} ${`${run.rps.toFixed(0)} req/s`.padStart(11)}  p50 ${run.p50.toFixed(2)} ms  p99 ${run.p99.toFixed(2)} ms  errors ${run.errors}` +
  (run.errors ? `  ${JSON.stringify(run.statusCodes)}` : "");

/** Every run of one database: baselines, the three dialects' API, the hosted pages, and growth if asked. */
const benchDatabase = async (
  options: BenchOptions,
  database: Database,
  serverEnv: Record<string, string>,
  bareUrl: string,
  {
    pageWeights,
    processes,
    coresOnly,
  }: {
    pageWeights: boolean;
    /** WEB_CONCURRENCY of the server. */
    processes: number;
    /** Only the throughput runs the cores table compares (trivial route, creates, GETs): no pages, growth or dashboard. */
    coresOnly: boolean;
  },
) => {
  const runs: Run[] = [];
  const growth: GrowthPoint[] = [];
  let pages: PageWeight[] = [];
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  log(`${database} database: starting the server on ${baseUrl} with ${processes} HTTP process(es)`);
  const server = await startServer({
    ...serverEnv,
    ...BENCH_RATE_LIMITS,
    WEB_CONCURRENCY: String(processes),
    PORT: String(port),
    PUBLIC_BASE_URL: baseUrl,
  });
  try {
    const databaseUrl = serverEnv.DATABASE_URL || readLockUrl(serverEnv.DATA_DIR);
    const { merchantId, target } = await seedMerchant(databaseUrl, baseUrl);
    const fixtures = new Map<DialectName, Awaited<ReturnType<typeof createFixtures>>>();
    for (const dialect of DIALECTS) fixtures.set(dialect.name, await createFixtures(target, dialect));
    const requests = await createRequestFixtures(target);
    const auth = { authorization: target.authorization };

    const load = async (spec: RunSpec, mode: LoadMode): Promise<LoadResult> => {
      const loadSpec = { ...spec, duration: options.warmup, connections: mode.connections, rate: mode.rate };
      if (options.warmup > 0) await runLoad(loadSpec);
      return runLoad({ ...loadSpec, duration: options.duration });
    };
    const throughput: LoadMode = { mode: "throughput", connections: options.connections };
    const fixedRate: LoadMode = { mode: "fixed-rate", connections: options.connections };
    // The target's offered load: half of what the same create served as fast as it could, in this run.
    const fixedRateOf = (done: Run[], spec: RunSpec) => {
      if (options.rate !== undefined) return options.rate;
      const capacity = done.find((run) => run.mode === "throughput" && run.name === spec.name)?.rps;
      return capacity === undefined ? DEFAULT_FIXED_RATE : Math.max(1, Math.round(capacity / 2));
    };
    const render: LoadMode = { mode: "render", connections: 1 };
    const createSpec = (dialect: Dialect): RunSpec => ({
      name: `${dialect.name} create`,
      kind: "create",
      dialect: dialect.name,
      baseUrl,
      method: "POST",
      paths: [dialect.createPath],
      headers: { ...auth, "idempotency-key": "bench-[<id>]" },
      body: dialect.createBody,
    });
    const requestCreateSpec: RunSpec = {
      name: "wallet request create",
      kind: "create",
      dialect: "wallet",
      baseUrl,
      method: "POST",
      paths: ["/v1/requests"],
      headers: auth,
      bodies: requests.bodies,
    };
    const requestReads = (ids: string[]): RunSpec[] => {
      const common = { dialect: "wallet" as const, baseUrl, headers: auth };
      return [
        { ...common, name: "wallet request GET", kind: "get", paths: ids.map((id) => `/v1/requests/${id}`) },
        { ...common, name: "wallet request list", kind: "list", paths: ["/v1/requests"] },
        { ...common, name: "wallet usage", kind: "list", paths: [usagePath()] },
      ];
    };
    const hostedPages = [...DIALECTS.flatMap((dialect) => fixtures.get(dialect.name)?.pages ?? []), EMPTY_PAGE];

    const step = (spec: RunSpec, mode: LoadMode): [RunSpec, LoadMode] => [spec, mode];
    const plan = [
      step({ name: "bare node:http", kind: "bare", baseUrl: bareUrl, paths: ["/"] }, throughput),
      step({ name: "trivial route", kind: "trivial", baseUrl, paths: ["/api/health/live"] }, throughput),
      ...DIALECTS.flatMap((dialect) => {
        const ids = fixtures.get(dialect.name)?.ids ?? [];
        const common = { dialect: dialect.name, baseUrl, headers: auth };
        return [
          step(createSpec(dialect), throughput),
          step({ ...common, name: `${dialect.name} GET`, kind: "get", paths: ids.map(dialect.getPath) }, throughput),
          step({ ...common, name: `${dialect.name} list`, kind: "list", paths: [dialect.listPath] }, throughput),
        ];
      }),
      step(requestCreateSpec, throughput),
      ...requestReads(requests.ids).map((spec) => step(spec, throughput)),
      ...DIALECTS.map((dialect) => step(createSpec(dialect), fixedRate)),
      step(requestCreateSpec, fixedRate),
      ...hostedPages.flatMap((page) => {
        const spec: RunSpec = { name: page.name, kind: "page", baseUrl, paths: [page.path] };
        return [step(spec, throughput), step({ ...spec, name: `${page.name} render` }, render)];
      }),
    ]
      .filter(([{ kind, name }]) => kind === "bare" || kind === "trivial" || !options.only || options.only.test(name))
      .filter(
        ([{ kind }, { mode }]) =>
          !coresOnly || (mode === "throughput" && (kind === "trivial" || kind === "create" || kind === "get")),
      );

    // Next loads each route's code on its first request and the JIT needs a
    // few thousand more: one second of every route first, so that no run
    // (least of all the first baseline) pays for another's start-up.
    if (options.warmup > 0) {
      log("priming every route");
      for (const [spec] of plan) await runLoad({ ...spec, connections: 10, duration: 1 });
    }
    for (const [spec, planned] of plan) {
      const { name, kind, dialect } = spec;
      const mode = planned.mode === "fixed-rate" ? { ...planned, rate: fixedRateOf(runs, spec) } : planned;
      const run: Run = { database, name, kind, dialect, ...mode, processes, ...(await load(spec, mode)) };
      runs.push(run);
      log(`${formatRun(run)}  (${loadLabel(run)})`);
    }
    if (coresOnly) return { runs, pages, growth };
    if (pageWeights) {
      log("first-load JavaScript of each hosted page (Chromium)");
      pages = await measurePageWeights(baseUrl, hostedPages);
    }

    // The dashboard's payments list and a card payment's page, one request at a time, at 100,000 stored sessions.
    if (!options.only || options.only.test("dashboard")) {
      for (const dialect of DIALECTS) {
        await growSessions(databaseUrl, merchantId, dialect, Math.ceil(TARGETS.dashboardSessions / DIALECTS.length));
      }
      await checkpoint(databaseUrl);
      log(`dashboard: ${TARGETS.dashboardSessions} sessions stored; signing in (Chromium)`);
      const headers = { cookie: await dashboardCookie(databaseUrl, baseUrl, merchantId) };
      const cardIds = fixtures.get("card")?.ids ?? [];
      for (const spec of [
        { name: "dashboard payments list", paths: ["/dashboard/payments"] },
        { name: "dashboard payment page", paths: cardIds.map((id) => `/dashboard/payments/card/${id}`) },
      ]) {
        const run: Run = {
          database,
          kind: "dashboard",
          ...render,
          processes,
          ...(await load({ ...spec, kind: "dashboard", baseUrl, headers }, render)),
          name: spec.name,
        };
        runs.push(run);
        log(`${formatRun(run)}  (${loadLabel(run)})`);
      }
    }

    for (const sessions of options.growthSizes) {
      for (const dialect of DIALECTS) {
        if (options.only && !options.only.test(`${dialect.name} growth`)) continue;
        const started = Date.now();
        const added = await growSessions(databaseUrl, merchantId, dialect, sessions);
        log(`growth: ${dialect.name} has ${sessions} sessions (${added} inserted in ${Date.now() - started} ms)`);
      }
      await checkpoint(databaseUrl);
      for (const dialect of DIALECTS) {
        if (options.only && !options.only.test(`${dialect.name} growth`)) continue;
        const sample = await sampleSessionIds(databaseUrl, merchantId, dialect, GROWTH_SAMPLE);
        const common = { dialect: dialect.name, baseUrl, headers: auth };
        const [create, get, list] = [
          await load(createSpec(dialect), render),
          await load({ ...common, name: "GET", kind: "get", paths: sample.map(dialect.getPath) }, render),
          await load({ ...common, name: "list", kind: "list", paths: [dialect.listPath] }, render),
        ];
        const point: GrowthPoint = {
          database,
          dialect: dialect.name,
          sessions,
          createP50: create.p50,
          getP50: get.p50,
          listP50: list.p50,
          errors: create.errors + get.errors + list.errors,
        };
        growth.push(point);
        log(
          `growth: ${dialect.name} at ${sessions}: create p50 ${point.createP50.toFixed(2)} ms, GET ${point.getP50.toFixed(2)} ms, list ${point.listP50.toFixed(2)} ms`,
        );
      }
    }
    for (const stored of options.growthSizes) {
      if (options.only && !options.only.test("requests growth")) continue;
      const started = Date.now();
      const added = await growRequests(databaseUrl, merchantId, stored);
      await checkpoint(databaseUrl);
      log(`growth: ${stored} metered requests (${added} inserted in ${Date.now() - started} ms)`);
      const [get, list, usage] = requestReads(await sampleRequestIds(databaseUrl, merchantId, GROWTH_SAMPLE));
      const [create, ...reads] = [
        await load(requestCreateSpec, render),
        await load(get, render),
        await load(list, render),
        await load(usage, render),
      ];
      const point: GrowthPoint = {
        database,
        dialect: "requests",
        sessions: stored,
        createP50: create.p50,
        getP50: reads[0].p50,
        listP50: reads[1].p50,
        usageP50: reads[2].p50,
        errors: create.errors + reads.reduce((sum, run) => sum + run.errors, 0),
      };
      growth.push(point);
      log(
        `growth: requests at ${stored}: create p50 ${point.createP50.toFixed(2)} ms, GET ${point.getP50.toFixed(2)} ms, list ${point.listP50.toFixed(2)} ms, usage ${reads[2].p50.toFixed(2)} ms`,
      );
    }
  } finally {
    const code = await server.stop();
    if (code !== 0) console.error(`The server did not stop cleanly (exit ${code}):\n${server.output().slice(-2000)}`);
  }
  return { runs, pages, growth };
};

/** A new database for `work`: a scratch one on DATABASE_URL's server, or an embedded one in a temporary folder. */
const withFreshDatabase = async <T>(database: Database, work: (serverEnv: Record<string, string>) => Promise<T>) => {
  if (database === "url") {
    return withScratchPostgres(
      String(process.env.DATABASE_URL),
      (url) => work({ DATABASE_URL: url, ENCRYPTION_KEY: crypto.randomBytes(32).toString("base64") }),
      "tillpoint_bench",
    );
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tp-bench-"));
  try {
    return await work({ DATA_DIR: dataDir, DATABASE_URL: "" });
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
};

const commitOf = () => {
  try {
    const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: PROJECT_ROOT }).toString().trim();
    const dirty = execFileSync("git", ["status", "--porcelain"], { cwd: PROJECT_ROOT }).toString().trim();
    return dirty ? `${commit} (with uncommitted changes)` : commit;
  } catch {
    return "unknown";
  }
};

const main = async () => {
  let options: BenchOptions | undefined;
  try {
    options = parseBenchOptions(process.argv.slice(2), process.env.DATABASE_URL || undefined);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (!options) return console.log(USAGE);
  const startedAt = new Date();
  ensureBuild(log);
  const bare = await startBareServer();
  // `tillpoint start`'s default: an HTTP worker per core.
  const cores = os.availableParallelism();
  const runs: Run[] = [];
  const pages: PageWeight[] = [];
  const growth: GrowthPoint[] = [];
  try {
    for (const database of options.databases) {
      const result = await withFreshDatabase(database, (serverEnv) =>
        benchDatabase(options, database, serverEnv, bare.url, {
          pageWeights: !pages.length,
          processes: cores,
          coresOnly: false,
        }),
      );
      runs.push(...result.runs);
      pages.push(...result.pages);
      growth.push(...result.growth);
      // The same throughput runs with one HTTP process, on a database of its own: what the other cores add.
      if (cores > 1 && options.cores) {
        const single = await withFreshDatabase(database, (serverEnv) =>
          benchDatabase(options, database, serverEnv, bare.url, { pageWeights: false, processes: 1, coresOnly: true }),
        );
        runs.push(...single.runs);
      }
    }
  } finally {
    bare.stop();
  }

  const rated = rateRuns(runs);
  const report: BenchReport = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    commit: commitOf(),
    machine: { cpus: os.cpus().length, node: process.version },
    options: { ...options, only: options.only?.source },
    runs: rated,
    pages,
    growth,
    targets: checkTargets(rated, pages, growth),
  };
  const out = path.resolve(PROJECT_ROOT, options.out);
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, "latest.json"), `${JSON.stringify(report, null, 2)}\n`);
  fs.writeFileSync(path.join(out, "latest.md"), formatMarkdown(report));
  console.log(`\n${formatText(report)}\n`);
  log(`written to ${path.relative(PROJECT_ROOT, out) || "."}/latest.json and latest.md`);
  // A missed target fails the bench, as do errors (they make the numbers meaningless: they measured error answers).
  const missed = report.targets.filter((check) => !check.ok);
  for (const check of missed) console.error(`[bench] MISSED ${check.target}: ${check.subject}, ${check.measured}`);
  if (missed.length) process.exitCode = 1;
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
