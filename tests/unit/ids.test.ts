import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { isId, newId, pooledRandom } from "@/lib/ids";

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

  test("the random characters come from a pooled CSPRNG that covers all 32 characters evenly, across refills", () => {
    const counts = new Array<number>(32).fill(0);
    const draws = 3 * 4096; // three refills of the pool
    for (let i = 0; i < draws; i++) {
      const fraction = pooledRandom();
      assert.ok(fraction >= 0 && fraction < 1);
      counts[Math.floor(fraction * 32)]++;
    }
    // 384 expected per character; a fair source strays from it by about 20.
    for (const count of counts) assert.ok(count > 250 && count < 520, `${counts}`);
  });

  test("isId checks the shape before any query", () => {
    assert.equal(isId("apiKey", newId("apiKey")), true);
    assert.equal(isId("apiKey", newId("merchant")), false);
    assert.equal(isId("apiKey", "key_../../etc/passwd"), false);
    assert.equal(isId("apiKey", `${newId("apiKey")}x`), false);
  });
});
