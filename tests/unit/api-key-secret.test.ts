import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  API_KEY_PATTERN,
  generateApiKeySecret,
  hashApiKeySecret,
  redactApiKeySecret,
} from "@/lib/merchants/api-key-secret";

describe("API key secrets", () => {
  test("sk_<mode>_ + 256 random bits, unique, matching the accepted pattern", () => {
    const secrets = Array.from({ length: 200 }, () => generateApiKeySecret("test"));
    assert.equal(new Set(secrets).size, secrets.length);
    for (const secret of secrets) assert.match(secret, API_KEY_PATTERN);
    assert.match(generateApiKeySecret("live"), /^sk_live_[A-Za-z0-9_-]{43}$/);
  });

  test("stored form is a SHA-256; shown form keeps the prefix and last four", () => {
    const secret = generateApiKeySecret("test");
    assert.match(hashApiKeySecret(secret), /^[0-9a-f]{64}$/);
    assert.notEqual(hashApiKeySecret(secret), hashApiKeySecret(generateApiKeySecret("test")));
    assert.equal(redactApiKeySecret(secret), `sk_test_…${secret.slice(-4)}`);
  });
});
