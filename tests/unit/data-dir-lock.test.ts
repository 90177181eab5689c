import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, test } from "node:test";
import { acquireDataDirLock, DataDirInUseError, readLiveLock } from "@/lib/db/data-dir-lock";
import { isPostmasterOf } from "@/lib/db/embedded-postgres";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "tp-lock-"));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe("DATA_DIR lock", () => {
  test("one holder at a time; the holder's published URL is readable; release frees it", () => {
    const dataDir = fs.mkdtempSync(path.join(scratch, "dir-"));
    const lock = acquireDataDirLock(dataDir, "server");
    assert.throws(
      () => acquireDataDirLock(dataDir, "cli"),
      (error: Error) => {
        assert.ok(error instanceof DataDirInUseError);
        assert.match(error.message, new RegExp(`\\(server, pid ${process.pid}\\)`));
        return true;
      },
    );
    lock.update({ url: "postgresql://x" });
    assert.equal(readLiveLock(dataDir)?.url, "postgresql://x");
    assert.deepEqual(
      fs.readdirSync(dataDir).filter((name) => name.endsWith(".tmp")),
      [],
      "no temporary file is left behind",
    );
    lock.release();
    assert.equal(readLiveLock(dataDir), undefined);
    acquireDataDirLock(dataDir, "cli").release();
  });

  test("a lock whose holder is gone (kill -9, reused pid) is stale and taken over", () => {
    const dataDir = fs.mkdtempSync(path.join(scratch, "dir-"));
    const stale = { pid: process.pid, processStart: "not-this-process", owner: "server" };
    fs.writeFileSync(path.join(dataDir, "tillpoint.lock"), JSON.stringify(stale));
    assert.equal(readLiveLock(dataDir), undefined);
    const lock = acquireDataDirLock(dataDir, "cli");
    assert.equal(readLiveLock(dataDir)?.owner, "cli");
    lock.release();
  });
});

describe("orphaned postmaster detection", () => {
  test("a process named postgres counts only if it serves this data folder", async (t) => {
    // A stand-in named "postgres" with a postmaster's arguments (a copy of sh that waits).
    const fake = path.join(scratch, "postgres");
    fs.copyFileSync("/bin/sh", fake);
    fs.chmodSync(fake, 0o755);
    const ours = path.join(scratch, "ours", "postgres");
    const child = spawn(fake, ["-c", "sleep 30; :", "-D", path.join(scratch, "theirs")], { stdio: "ignore" });
    t.after(() => child.kill("SIGKILL"));
    await new Promise((resolve) => child.once("spawn", resolve));

    assert.equal(isPostmasterOf(child.pid ?? -1, path.join(scratch, "theirs")), true);
    assert.equal(isPostmasterOf(child.pid ?? -1, ours), false, "another cluster is never ours");
    assert.equal(isPostmasterOf(process.pid, ours), false, "not a postgres at all");
    assert.equal(isPostmasterOf(-1, ours), false);
  });
});
