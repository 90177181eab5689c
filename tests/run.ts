// `npm test`: every test of the project, in one command.
//   static     tsc --noEmit, biome (lint + format) and the layers (dependency-cruiser)
//   unit       pure logic (node --test)
//   api        real HTTP against `tillpoint start` on the embedded database,
//              then again on PostgreSQL when TEST_DATABASE_URL is set
//   e2e        Playwright + Chromium against the embedded-database server
//   chain      crypto payment detection against a real EVM node (Anvil) and
//              its own server on the embedded database
//   lifecycle  npm start / second start / kill -9 / SIGTERM on the embedded database;
//              servers killed mid-payment (on PostgreSQL too when TEST_DATABASE_URL is set)
// `npm test -- unit api` runs only the named phases. The last line is the
// total, "N passed, N failed".
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureBuild } from "@/lib/server/ensure-build";
import { checkLedger } from "./support/ledger-check";
import { scanLogs } from "./support/log-scan";
import { scanForPlaintextSecrets } from "./support/secrets-scan";
import { freePort, PROJECT_ROOT, readLockUrl, startServer, withScratchPostgres } from "./support/server";

type Result = { phase: string; passed: number; failed: number };
const results: Result[] = [];

const PHASES = ["static", "unit", "api", "e2e", "chain", "lifecycle"] as const;
const requested = process.argv.slice(2);
const wants = (phase: (typeof PHASES)[number]) => requested.length === 0 || requested.includes(phase);
for (const phase of requested) {
  if (!(PHASES as readonly string[]).includes(phase))
    throw new Error(`Unknown test phase "${phase}" (${PHASES.join(", ")})`);
}

// TEST_ONLY=<text> runs only the test files whose name contains it (while working on them).
const only = process.env.TEST_ONLY;
const testFiles = (dir: string, suffix: string) =>
  fs
    .readdirSync(path.join(PROJECT_ROOT, dir))
    .filter((file) => file.endsWith(suffix) && (!only || file.includes(only)))
    .sort()
    .map((file) => path.join(dir, file));

/** Runs a command with inherited output; returns its exit code and what it printed. */
const run = (command: string, args: string[], env: Record<string, string> = {}) =>
  new Promise<{ code: number; output: string }>((resolve) => {
    const child = spawn(command, args, {
      cwd: PROJECT_ROOT,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const relay = (stream: NodeJS.WriteStream) => (chunk: Buffer) => {
      output += chunk;
      stream.write(chunk);
    };
    child.stdout.on("data", relay(process.stdout));
    child.stderr.on("data", relay(process.stderr));
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
  });

const count = (output: string, pattern: RegExp) => Number(pattern.exec(output)?.[1] ?? 0);

// Two test files at a time: most of a file's time is spent waiting (on a server, a retry, a timeout), so two
// keep both cores busy. Tests therefore never assume they are alone on a server or a database: they count and
// look up only what their own merchant made.
const TEST_FILE_CONCURRENCY = 2;

const nodeTests = async (phase: string, files: string[], env: Record<string, string> = {}) => {
  console.log(`\n━━ ${phase} ━━`);
  const { code, output } = await run(
    process.execPath,
    ["--import", "tsx", "--test", `--test-concurrency=${TEST_FILE_CONCURRENCY}`, "--test-reporter=spec", ...files],
    env,
  );
  const passed = count(output, /ℹ pass (\d+)/);
  const failed = count(output, /ℹ fail (\d+)/) + count(output, /ℹ cancelled (\d+)/);
  results.push({ phase, passed, failed: code !== 0 && failed === 0 ? 1 : failed });
};

const step = async (phase: string, command: string, args: string[]) => {
  console.log(`\n━━ ${phase} ━━`);
  const { code } = await run(command, args);
  results.push({ phase, passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1 });
};

const bin = (name: string) => path.join(PROJECT_ROOT, "node_modules", ".bin", name);

// Webhook retries within a second, and a hanging receiver cut off after 5 s,
// so the webhook tests see retries happen without waiting minutes.
const WEBHOOK_TEST_ENV = { WEBHOOK_RETRY_BASE_MS: "200", WEBHOOK_RETRY_MAX_MS: "1000", WEBHOOK_TIMEOUT_MS: "5000" };
// A provider that does not answer is given up after 2 s, and the reconciler
// asks again within a second, so the exactly-once tests see a timeout settled
// without waiting minutes.
const RECONCILE_TEST_ENV = {
  CARD_PROVIDER_TIMEOUT_MS: "2000",
  RECONCILE_INTERVAL_MS: "200",
  RECONCILE_RETRY_BASE_MS: "300",
  RECONCILE_RETRY_MAX_MS: "2000",
};

// The shared server takes every test's requests from one address and one key
// in a few minutes: its limits stay on but out of reach. The limits
// themselves are tested with their own servers (tests/lifecycle/rate-limits.test.ts).
const RATE_LIMIT_TEST_ENV = {
  RATE_LIMIT_API_KEY: "100000/1s",
  RATE_LIMIT_HOSTED_IP: "100000/1s",
  RATE_LIMIT_HOSTED_SESSION: "100000/1s",
};

// The operator's service charge on metered requests, so the request tests see it priced (tests/api/wallet-requests).
const WALLET_TEST_ENV = { WALLET_SERVICE_CHARGE_PERCENT: "1.5" };

/** API tests (and optionally e2e) against one started server. */
const againstServer = async (label: string, baseEnv: Record<string, string>, { e2e }: { e2e: boolean }) => {
  // The public base URL (in checkout tokens) names localhost, while the tests
  // call 127.0.0.1: two origins of one server, which the e2e tests need.
  const port = await freePort();
  const publicBaseUrl = `http://localhost:${port}`;
  const serverEnv: Record<string, string> = {
    ...baseEnv,
    ...WEBHOOK_TEST_ENV,
    ...RECONCILE_TEST_ENV,
    ...RATE_LIMIT_TEST_ENV,
    ...WALLET_TEST_ENV,
    PORT: String(port),
    PUBLIC_BASE_URL: publicBaseUrl,
  };
  const server = await startServer(serverEnv);
  try {
    const databaseUrl = serverEnv.DATABASE_URL || readLockUrl(serverEnv.DATA_DIR);
    // The dashboard sign-in the first start printed for the demo merchant (the e2e tests use it).
    const demoSignIn = /sign in as (\S+) with password (\S+)/.exec(server.demoSignIn());
    const env = {
      TEST_DEMO_SIGN_IN: demoSignIn ? `${demoSignIn[1]} ${demoSignIn[2]}` : "",
      TEST_BASE_URL: server.baseUrl,
      TEST_PUBLIC_BASE_URL: publicBaseUrl,
      TEST_SERVER_DATABASE_URL: databaseUrl,
      TEST_SERVER_ENV: JSON.stringify(serverEnv),
    };
    if (wants("api")) await nodeTests(`api (${label})`, testFiles("tests/api", ".test.ts"), env);
    if (e2e) {
      console.log("\n━━ e2e (Chromium) ━━");
      const specs = only ? testFiles("tests/e2e", ".spec.ts") : [];
      const { code, output } = await run(bin("playwright"), ["test", ...specs], env);
      const passed = count(output, /(\d+) passed/);
      const failed = count(output, /(\d+) failed/);
      results.push({ phase: "e2e", passed, failed: code !== 0 && failed === 0 ? 1 : failed });
    }
    if (wants("api")) {
      const ledger = await checkLedger(databaseUrl);
      for (const finding of ledger.findings) console.error(`The ${label} database's ledger: ${finding}`);
      console.log(`Ledger check (${label}): ${ledger.connections} connections, ${ledger.requests} metered requests`);
      // A TEST_ONLY run may record no metered request; the full run must, or the daily sums go unchecked.
      const consistent = ledger.findings.length === 0 && (Boolean(only) || ledger.requests > 0);
      results.push({
        phase: `${label} balances are their ledger's sums`,
        passed: consistent ? 1 : 0,
        failed: consistent ? 0 : 1,
      });
      const scan = await scanForPlaintextSecrets(databaseUrl);
      // A TEST_ONLY run may mint nothing; the full run must mint every kind, or the scan proves nothing.
      const unminted = only ? [] : Object.entries(scan.minted).filter(([, count]) => count === 0);
      for (const finding of scan.findings) console.error(`Plaintext secret in the ${label} database: ${finding}`);
      for (const [what] of unminted)
        console.error(`The ${label} API run minted no ${what}: the secrets scan proves nothing`);
      console.log(`Secrets scan (${label}): ${scan.columns} columns, minted ${JSON.stringify(scan.minted)}`);
      const ok = scan.findings.length === 0 && unminted.length === 0;
      results.push({ phase: `${label} database holds no plaintext secret`, passed: ok ? 1 : 0, failed: ok ? 0 : 1 });
    }
    // contract "Card payment sessions (Kadosei dialect)": card numbers never reach the logs; nor do secrets.
    // Every line the server wrote in the whole run is JSON, and none holds a key, token, card or stored answer.
    const logs = scanLogs(server.output());
    for (const finding of logs.findings.slice(0, 20)) console.error(`The ${label} server's log: ${finding}`);
    const logged = logs.requests > 0 && logs.withMerchant > 0;
    if (!logged)
      console.error(`The ${label} server logged no request lines with a merchant: the log scan proves nothing`);
    console.log(
      `Log scan (${label}): ${logs.lines} lines, ${logs.requests} requests, ${logs.withMerchant} with their merchant`,
    );
    const clean = logs.findings.length === 0 && logged;
    results.push({
      phase: `${label} server logs are JSON lines without secrets`,
      passed: clean ? 1 : 0,
      failed: clean ? 0 : 1,
    });
  } finally {
    const code = await server.stop();
    if (code !== 0) {
      console.error(`The ${label} server did not stop cleanly (exit ${code}):\n${server.output().slice(-2000)}`);
      results.push({ phase: `${label} server shutdown`, passed: 0, failed: 1 });
    }
  }
};

const main = async () => {
  if (wants("static")) {
    // The typed client's types come from the document as it is now (tests/api/openapi-client.test.ts).
    await step("client types from the OpenAPI document", "npm", ["run", "--silent", "openapi:types"]);
    await step("typecheck", bin("tsc"), ["--noEmit"]);
    await step("lint", bin("biome"), ["check", "."]);
    await step("layers", bin("depcruise"), [
      "lib",
      "app",
      "components",
      "proxy.ts",
      "--config",
      ".dependency-cruiser.cjs",
    ]);
  }
  if (wants("unit")) await nodeTests("unit", testFiles("tests/unit", ".test.ts"));
  if (wants("api") || wants("e2e") || wants("chain") || wants("lifecycle")) ensureBuild();

  if (wants("api") || wants("e2e")) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tp-test-"));
    try {
      await againstServer("embedded", { DATA_DIR: dataDir, DATABASE_URL: "" }, { e2e: wants("e2e") });
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
    const postgresUrl = process.env.TEST_DATABASE_URL;
    if (wants("api") && postgresUrl) {
      // No DATA_DIR, so no key file: the key comes from the environment, as on a deployment of several instances.
      const encryptionKey = crypto.randomBytes(32).toString("base64");
      await withScratchPostgres(postgresUrl, (url) =>
        againstServer("postgres", { DATABASE_URL: url, ENCRYPTION_KEY: encryptionKey }, { e2e: false }),
      );
    } else if (wants("api")) {
      console.log("\nTEST_DATABASE_URL is not set: the API tests ran on the embedded database only.");
    }
  }
  if (wants("chain")) await nodeTests("chain", testFiles("tests/chain", ".test.ts"));
  if (wants("lifecycle")) await nodeTests("lifecycle", testFiles("tests/lifecycle", ".test.ts"));
};

main()
  .catch((error) => {
    console.error(error);
    results.push({ phase: "test runner", passed: 0, failed: 1 });
  })
  .finally(() => {
    console.log("\n━━ summary ━━");
    for (const result of results)
      console.log(`${result.phase.padEnd(24)} ${result.passed} passed, ${result.failed} failed`);
    const passed = results.reduce((sum, result) => sum + result.passed, 0);
    const failed = results.reduce((sum, result) => sum + result.failed, 0);
    console.log(`${passed} passed, ${failed} failed`);
    process.exit(failed > 0 || results.length === 0 ? 1 : 0);
  });
