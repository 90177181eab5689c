import crypto from "node:crypto";

// Secrets we must be able to read back (webhook signing secrets, the JWT
// signing key) are stored sealed: AES-256-GCM under the installation's key,
// with a random 96-bit nonce, and the purpose of the value as associated data
// so a sealed value cannot be moved to a column that means something else.
// Stored form: `enc:v1:` + base64url(nonce ‖ tag ‖ ciphertext).

export const SEALED_PREFIX = "enc:v1:";
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_BYTES = 32;

export type SecretPurpose = "webhook_signing_secret" | "jwt_signing_key" | "dashboard_auth_secret" | "key_check";

export class SecretBoxError extends Error {}

export const isSealed = (stored: string) => stored.startsWith(SEALED_PREFIX);

export const seal = (key: Buffer, purpose: SecretPurpose, plaintext: string): string => {
  const nonce = crypto.randomBytes(NONCE_BYTES);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, nonce).setAAD(Buffer.from(purpose));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return `${SEALED_PREFIX}${Buffer.concat([nonce, cipher.getAuthTag(), ciphertext]).toString("base64url")}`;
};

/**
 * The plaintext of a sealed value. A value stored before encryption existed
 * (no prefix) is returned as it is: the start of every server seals those.
 * A wrong key, purpose or a changed byte throws.
 */
export const open = (key: Buffer, purpose: SecretPurpose, stored: string): string => {
  if (!isSealed(stored)) return stored;
  const bytes = Buffer.from(stored.slice(SEALED_PREFIX.length), "base64url");
  if (bytes.length < NONCE_BYTES + TAG_BYTES) throw new SecretBoxError("A sealed secret is truncated.");
  const decipher = crypto
    .createDecipheriv("aes-256-gcm", key, bytes.subarray(0, NONCE_BYTES))
    .setAAD(Buffer.from(purpose))
    .setAuthTag(bytes.subarray(NONCE_BYTES, NONCE_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(bytes.subarray(NONCE_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretBoxError("A sealed secret does not open with this installation's encryption key.");
  }
};
