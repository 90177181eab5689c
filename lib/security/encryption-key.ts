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

const readOrCreateKeyFile = (file: string): Buffer => {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    // `wx`: of two processes starting at once, one creates the file and the other reads it.
    fs.writeFileSync(file, `${crypto.randomBytes(KEY_BYTES).toString("base64")}\n`, { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const key = Buffer.from(fs.readFileSync(file, "utf8").trim(), "base64");
  if (key.length !== KEY_BYTES) throw new Error(`${file} does not hold a ${KEY_BYTES}-byte base64 key.`);
  return key;
};

const encryptionKey = (): Buffer => {
  cachedKey ??= env().encryptionKey ?? readOrCreateKeyFile(path.join(env().dataDir, KEY_FILE_NAME));
  return cachedKey;
};

export const sealSecret = (purpose: SecretPurpose, plaintext: string) => seal(encryptionKey(), purpose, plaintext);
export const openSecret = (purpose: SecretPurpose, stored: string) => open(encryptionKey(), purpose, stored);

/**
 * Before a server or the CLI touches secrets: the key must be the one this
 * database's secrets are sealed with (the first process to ask records it).
 */
export const ensureEncryptionKey = async (db: Db) => {
  await db.serverSecret.createMany({
    data: [{ name: KEY_CHECK_NAME, value: sealSecret("key_check", KEY_CHECK_TEXT) }],
    skipDuplicates: true,
  });
  const { value } = await db.serverSecret.findUniqueOrThrow({ where: { name: KEY_CHECK_NAME } });
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
