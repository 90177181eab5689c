import assert from "node:assert/strict";
import path from "node:path";
import { describe, test } from "node:test";
import { EnvError, parseEnv } from "@/lib/env";

describe("configuration", () => {
  test("safe defaults for the embedded mode", () => {
    const env = parseEnv({});
    assert.equal(env.port, 3000);
    assert.equal(env.publicBaseUrl, "http://localhost:3000");
    assert.equal(env.databaseUrl, undefined);
    assert.equal(env.dataDir, path.resolve("./data"));
  });

  test("PUBLIC_BASE_URL follows PORT and loses trailing slashes; empty means unset", () => {
    assert.equal(parseEnv({ PORT: "8080" }).publicBaseUrl, "http://localhost:8080");
    assert.equal(parseEnv({ PUBLIC_BASE_URL: "https://pay.example.com/" }).publicBaseUrl, "https://pay.example.com");
    assert.equal(parseEnv({ DATABASE_URL: "" }).databaseUrl, undefined);
  });

  test("rate limits are on by default, written <requests>/<seconds>s, and can be turned off", () => {
    assert.deepEqual(parseEnv({}).rateLimits, {
      apiKey: { points: 100, seconds: 1 },
      hostedIp: { points: 60, seconds: 60 },
      hostedSession: { points: 20, seconds: 60 },
      signInEmail: { points: 5, seconds: 900 },
      signInIp: { points: 30, seconds: 900 },
    });
    const set = parseEnv({ RATE_LIMIT_API_KEY: "off", RATE_LIMIT_HOSTED_IP: "1000/3600s" }).rateLimits;
    assert.equal(set.apiKey, undefined);
    assert.deepEqual(set.hostedIp, { points: 1000, seconds: 3600 });
  });

  test("a test-mode price source may be plain http (a local one); a live one must be https", () => {
    assert.equal(
      parseEnv({ CRYPTO_TEST_RATE_URL: "http://127.0.0.1:9/p" }).crypto.test.rateUrl,
      "http://127.0.0.1:9/p",
    );
    assert.equal(parseEnv({ CRYPTO_LIVE_RATE_URL: "https://p.example/p" }).crypto.live.rateUrl, "https://p.example/p");
  });

  test("a wrong value names its variable", () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ PORT: "abc" }, /PORT/],
      [{ PORT: "70000" }, /PORT/],
      [{ PUBLIC_BASE_URL: "not a url" }, /PUBLIC_BASE_URL/],
      [{ PUBLIC_BASE_URL: "javascript:alert(1)" }, /PUBLIC_BASE_URL/],
      [{ PUBLIC_BASE_URL: "https://x.example/?a=1" }, /PUBLIC_BASE_URL/],
      [{ DATABASE_URL: "mysql://localhost/x" }, /DATABASE_URL/],
      [{ RATE_LIMIT_API_KEY: "100" }, /RATE_LIMIT_API_KEY/],
      [{ RATE_LIMIT_HOSTED_IP: "0/60s" }, /RATE_LIMIT_HOSTED_IP/],
      [{ RATE_LIMIT_HOSTED_SESSION: "10/0s" }, /RATE_LIMIT_HOSTED_SESSION/],
      [{ TRUSTED_PROXY_HOPS: "-1" }, /TRUSTED_PROXY_HOPS/],
      [{ CRYPTO_LIVE_RATE_URL: "http://prices.example/simple/price" }, /CRYPTO_LIVE_RATE_URL/],
      [{ ENCRYPTION_KEY: "c2hvcnQ=" }, /ENCRYPTION_KEY/],
    ];
    for (const [source, variable] of cases)
      assert.throws(
        () => parseEnv(source),
        (error: Error) => error instanceof EnvError && variable.test(error.message),
      );
  });
});
