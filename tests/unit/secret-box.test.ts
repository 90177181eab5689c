import assert from "node:assert/strict";
import crypto from "node:crypto";
import { describe, test } from "node:test";
import { isSealed, open, SecretBoxError, seal } from "@/lib/security/secret-box";

const key = crypto.randomBytes(32);
const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

describe("sealed secrets (AES-256-GCM)", () => {
  test("a sealed secret opens to itself and does not contain it; each sealing differs", () => {
    const first = seal(key, "webhook_signing_secret", SECRET);
    const second = seal(key, "webhook_signing_secret", SECRET);
    assert.ok(isSealed(first));
    assert.ok(!first.includes("MfKQ9r8G"));
    assert.notEqual(first, second);
    assert.equal(open(key, "webhook_signing_secret", first), SECRET);
    assert.equal(open(key, "webhook_signing_secret", second), SECRET);
  });

  test("another key, another purpose, a changed byte or a truncated value does not open", () => {
    const sealed = seal(key, "webhook_signing_secret", SECRET);
    assert.throws(() => open(crypto.randomBytes(32), "webhook_signing_secret", sealed), SecretBoxError);
    assert.throws(() => open(key, "jwt_signing_key", sealed), SecretBoxError);
    const body = Buffer.from(sealed.slice("enc:v1:".length), "base64url");
    body[body.length - 1] ^= 1;
    assert.throws(() => open(key, "webhook_signing_secret", `enc:v1:${body.toString("base64url")}`), SecretBoxError);
    assert.throws(() => open(key, "webhook_signing_secret", "enc:v1:AAAA"), SecretBoxError);
  });

  test("a value stored before sealing existed is read as it is", () => {
    assert.ok(!isSealed(SECRET));
    assert.equal(open(key, "webhook_signing_secret", SECRET), SECRET);
  });
});
