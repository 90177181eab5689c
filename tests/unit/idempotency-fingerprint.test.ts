import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parseIdempotencyKey, requestFingerprint } from "@/lib/api/idempotency";

describe("idempotency fingerprint", () => {
  test("key order and whitespace do not matter; values, arrays and the query do", () => {
    const base = requestFingerprint("", { a: 1, b: { c: [1, 2] } });
    assert.equal(requestFingerprint("", { b: { c: [1, 2] }, a: 1 }), base);
    assert.notEqual(requestFingerprint("", { a: 1, b: { c: [2, 1] } }), base);
    assert.notEqual(requestFingerprint("", { a: "1", b: { c: [1, 2] } }), base);
    assert.notEqual(requestFingerprint("?x=1", { a: 1, b: { c: [1, 2] } }), base);
    assert.notEqual(requestFingerprint("", undefined), requestFingerprint("", {}));
  });

  test("header rules", () => {
    assert.equal(parseIdempotencyKey(null, false), undefined);
    assert.throws(() => parseIdempotencyKey(null, true), { code: "parameter_missing", param: "Idempotency-Key" });
    assert.throws(() => parseIdempotencyKey("", false), { code: "parameter_invalid" });
    assert.throws(() => parseIdempotencyKey("x".repeat(256), false), { code: "parameter_invalid" });
    assert.equal(parseIdempotencyKey("x".repeat(255), true), "x".repeat(255));
  });
});
