import "server-only";
import crypto from "node:crypto";
import type { Db } from "@/lib/db/client";
import { openSecret, sealSecret } from "./encryption-key";
import { isSealed, type SecretPurpose } from "./secret-box";

/**
 * A random 32-byte secret this installation makes for itself on first use and
 * keeps in `server_secrets`, sealed with its encryption key, so every instance
 * reads the same one. Of several instances starting at once, the first insert
 * wins and all read it back.
 */
export const loadServerSecret = async (db: Db, name: SecretPurpose): Promise<Buffer> => {
  await db.serverSecret.createMany({
    data: [{ name, value: sealSecret(name, crypto.randomBytes(32).toString("base64url")) }],
    skipDuplicates: true,
  });
  const { value } = await db.serverSecret.findUniqueOrThrow({ where: { name } });
  if (!isSealed(value)) {
    // Stored before secrets were sealed: sealed now, once (conditional on the plaintext still being there).
    await db.serverSecret.updateMany({ where: { name, value }, data: { value: sealSecret(name, value) } });
  }
  return Buffer.from(openSecret(name, value), "base64url");
};
