import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { KEY_BYTES, open, SecretBoxError, type SecretPurpose, seal } from "./secret-box";

// The installation's encryption key: ENCRYPTION_KEY, or else a key file made
// on first use in DATA_DIR (beside the embedded database, outside it). A
// check value sealed under the key is kept in the database, so an instance or
// a CLI run with another key refuses to start instead of writing secrets
// nobody else can read.

export const KEY_FILE_NAME = "encryption.key";
const KEY_CHECK_NAME = "encryption_key_check";
const KEY_CHECK_TEXT = "tillpoint";

let cachedKey: Buffer | undefined;

const createKeyFile = (file: string) => {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Written whole under another name, then linked into place: of two processes
  // starting at once, one links its key and the other reads that, never a half-written file.
  const draft = `${file}.${process.pid}.${crypto.randomBytes(4).toString("hex")}`;
  fs.writeFileSync(draft, `${crypto.randomBytes(KEY_BYTES).toString("base64")}\n`, { mode: 0o600 });
  try {
    fs.linkSync(draft, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    fs.rmSync(draft, { force: true });
  }
};

const readKeyFile = (file: string, mayCreate: boolean): Buffer => {
  if (!fs.existsSync(file)) {
    if (!mayCreate) {
      throw new Error(
        `No ENCRYPTION_KEY and no key file ${file}: set ENCRYPTION_KEY to the key the servers of this database use.`,
      );
    }
    createKeyFile(file);
  }
  const key = Buffer.from(fs.readFileSync(file, "utf8").trim(), "base64");
  if (key.length !== KEY_BYTES) throw new Error(`${file} does not hold a ${KEY_BYTES}-byte base64 key.`);
  return key;
};

// A key file is made by a server, or beside the embedded database it belongs
// to; never by a CLI run against a shared database, which would invent a key.
const encryptionKey = (mayCreate = !env().databaseUrl): Buffer => {
  cachedKey ??= env().encryptionKey ?? readKeyFile(path.join(env().dataDir, KEY_FILE_NAME), mayCreate);
  return cachedKey;
};

export const sealSecret = (purpose: SecretPurpose, plaintext: string) => seal(encryptionKey(), purpose, plaintext);
export const openSecret = (purpose: SecretPurpose, stored: string) => open(encryptionKey(), purpose, stored);

/**
 * Before a server or the CLI touches secrets: the key must be the one this
 * database's secrets are sealed with. The first server to ask records it; the
 * CLI only checks.
 */
export const ensureEncryptionKey = async (db: Db, owner: "server" | "cli") => {
  const mayCreate = owner === "server" || !env().databaseUrl;
  // A CLI run with no key of its own checks nothing: a command that needs the key says so when it does.
  if (!mayCreate && !env().encryptionKey && !fs.existsSync(path.join(env().dataDir, KEY_FILE_NAME))) return;
  const key = encryptionKey(mayCreate);
  if (owner === "server") {
    await db.serverSecret.createMany({
      data: [{ name: KEY_CHECK_NAME, value: seal(key, "key_check", KEY_CHECK_TEXT) }],
      skipDuplicates: true,
    });
  }
  const check = await db.serverSecret.findUnique({ where: { name: KEY_CHECK_NAME } });
  if (!check) return;
  const { value } = check;
  try {
    if (openSecret("key_check", value) === KEY_CHECK_TEXT) return;
  } catch (error) {
    if (!(error instanceof SecretBoxError)) throw error;
  }
  const source = env().encryptionKey ? "ENCRYPTION_KEY" : `the key file ${path.join(env().dataDir, KEY_FILE_NAME)}`;
  throw new Error(
    `${source} is not the key this database's secrets are encrypted with. Every instance and the CLI must use the same key: set ENCRYPTION_KEY to it.`,
  );
};
