import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { isId, newId } from "@/lib/ids";

describe("ids", () => {
  test("prefixed ULIDs, with the mode infix when given", () => {
    assert.match(newId("merchant"), /^mer_[0-9A-HJKMNP-TV-Z]{26}$/);
    assert.match(newId("apiKey", "test"), /^key_test_[0-9A-HJKMNP-TV-Z]{26}$/);
  });

  test("ids sort in creation order, even within one millisecond", () => {
    const ids = Array.from({ length: 1000 }, () => newId("request"));
    assert.deepEqual([...ids].sort(), ids);
    assert.equal(new Set(ids).size, ids.length);
  });

  test("isId checks the shape before any query", () => {
    assert.equal(isId("apiKey", newId("apiKey")), true);
    assert.equal(isId("apiKey", newId("merchant")), false);
    assert.equal(isId("apiKey", "key_../../etc/passwd"), false);
    assert.equal(isId("apiKey", `${newId("apiKey")}x`), false);
  });
});
