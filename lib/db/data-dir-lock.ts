import fs from "node:fs";
import path from "node:path";

// DATA_DIR belongs to one Tillpoint process at a time (the server, or the CLI
// when no server runs). The lock file names its holder; a holder is alive only
// if its pid still runs *and* started at the recorded time, so a reused pid
// after a reboot or a `kill -9` never locks the folder forever.
type LockContent = {
  pid: number;
  processStart: string;
  owner: string;
  socketDir?: string;
  url?: string;
};

export type DataDirLock = {
  update: (extra: Pick<LockContent, "socketDir" | "url">) => void;
  release: () => void;
};

export class DataDirInUseError extends Error {}

const lockPath = (dataDir: string) => path.join(dataDir, "tillpoint.lock");

const processStartTime = (pid: number): string | undefined => {
  try {
    // Field 22 of /proc/<pid>/stat; the command name (field 2) may hold spaces, so count from its ")".
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  } catch {
    return undefined;
  }
};

const readLock = (dataDir: string): LockContent | undefined => {
  try {
    return JSON.parse(fs.readFileSync(lockPath(dataDir), "utf8")) as LockContent;
  } catch {
    return undefined;
  }
};

const isAlive = (lock: LockContent) => processStartTime(lock.pid) === lock.processStart;

/** The lock of DATA_DIR if a live process holds it. */
export const readLiveLock = (dataDir: string): LockContent | undefined => {
  const lock = readLock(dataDir);
  return lock && isAlive(lock) ? lock : undefined;
};

// Readers must never see a half-written lock (they would take it for a stale
// one and remove it), so content is written to a temporary file first: link()
// publishes it only if no lock exists, rename() replaces it whole.
const writeTemporary = (file: string, content: LockContent) => {
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  fs.writeFileSync(temporary, JSON.stringify(content), { mode: 0o600 });
  return temporary;
};

export const acquireDataDirLock = (dataDir: string, owner: string): DataDirLock => {
  const file = lockPath(dataDir);
  const content: LockContent = { pid: process.pid, processStart: processStartTime(process.pid) ?? "", owner };

  for (let attempt = 0; attempt < 2; attempt++) {
    const temporary = writeTemporary(file, content);
    try {
      fs.linkSync(temporary, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = readLock(dataDir);
      if (holder && isAlive(holder)) {
        throw new DataDirInUseError(
          `DATA_DIR ${dataDir} is in use by another Tillpoint process (${holder.owner}, pid ${holder.pid}). ` +
            "Stop that process first, or point DATA_DIR at another folder.",
        );
      }
      // The holder died without releasing (kill -9, power loss): the lock is stale.
      fs.rmSync(file, { force: true });
      continue;
    } finally {
      fs.rmSync(temporary, { force: true });
    }
    let released = false;
    return {
      update: (extra) => {
        Object.assign(content, extra);
        fs.renameSync(writeTemporary(file, content), file);
      },
      release: () => {
        if (released) return;
        released = true;
        if (readLock(dataDir)?.pid === process.pid) fs.rmSync(file, { force: true });
      },
    };
  }
  throw new DataDirInUseError(`Could not lock DATA_DIR ${dataDir}: another process keeps taking it.`);
};
