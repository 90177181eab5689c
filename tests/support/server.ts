import { type ChildProcess, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";

export const PROJECT_ROOT = path.resolve(import.meta.dirname, "../..");

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

export type RunningServer = {
  baseUrl: string;
  process: ChildProcess;
  output: () => string;
  /** What the first start wrote to the demo merchant's sign-in file (API key, password), or "" without one. */
  demoSignIn: () => string;
  /** The demo merchant's test API key from that file, or "" without one. */
  demoApiKey: () => string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
};

/**
 * Starts `tillpoint start` (what `npm start` runs) as a child process and
 * waits for "Ready". The build must exist: tests never build concurrently.
 */
export const startServer = async (env: Record<string, string>, { timeoutMs = 60_000 } = {}): Promise<RunningServer> => {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, "bin/tillpoint.mjs"), "start"], {
    cwd: PROJECT_ROOT,
    // Two HTTP workers whatever the machine (as on CI's two cores), unless a test asks for another number.
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", WEB_CONCURRENCY: "2", PORT: String(port), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const server: RunningServer = {
    baseUrl: `http://127.0.0.1:${port}`,
    process: child,
    output: () => output,
    demoSignIn: () => {
      const file = /"demo_sign_in_file":"([^"]+)"/.exec(output)?.[1];
      return file && fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
    },
    demoApiKey: () => server.demoSignIn().match(/sk_test_[A-Za-z0-9_-]{43}/)?.[0] ?? "",
    exited,
    stop: async (signal = "SIGTERM") => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
  const deadline = Date.now() + timeoutMs;
  while (!/"msg":"Ready on /.test(output)) {
    if (child.exitCode !== null)
      throw new Error(`The server exited (${child.exitCode}) before it was ready:\n${output}`);
    if (Date.now() > deadline) {
      await server.stop("SIGKILL");
      throw new Error(`The server was not ready within ${timeoutMs} ms:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return server;
};

/**
 * Two instances of one deployment: the first starts the embedded database in `dataDir` (and its demo merchant),
 * the second uses that database and key file, with its webhook worker off.
 */
export const startTwoInstances = async (dataDir: string, env: Record<string, string> = {}) => {
  const first = await startServer({ DATA_DIR: dataDir, DATABASE_URL: "", ...env });
  const second = await startServer({
    DATA_DIR: dataDir,
    DATABASE_URL: readLockUrl(dataDir),
    WEBHOOK_WORKER: "off",
    ...env,
  });
  return { first, second };
};

export const readLockUrl = (dataDir: string): string => {
  const lock = JSON.parse(fs.readFileSync(path.join(dataDir, "tillpoint.lock"), "utf8")) as { url?: string };
  if (!lock.url) throw new Error("The embedded database published no URL");
  return lock.url;
};

/** Runs `work` on a new database of the PostgreSQL server of `adminUrl`, dropped afterwards. */
export const withScratchPostgres = async <T>(
  adminUrl: string,
  work: (url: string) => Promise<T>,
  prefix = "tillpoint_test",
): Promise<T> => {
  const name = `${prefix}_${crypto.randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  try {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return await work(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
};

/**
 * A scratch database (withScratchPostgres) kept until `cleanups` run: for a suite whose servers outlive one call.
 * Its cleanup goes first, so it is dropped after the servers using it are stopped.
 */
export const heldScratchPostgres = (adminUrl: string, cleanups: (() => Promise<void>)[], prefix: string) =>
  new Promise<string>((resolve, reject) => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolveHeld) => {
      release = resolveHeld;
    });
    const done = withScratchPostgres(
      adminUrl,
      async (scratch) => {
        resolve(scratch);
        await held;
      },
      prefix,
    ).catch(reject);
    cleanups.unshift(async () => {
      release();
      await done;
    });
  });
