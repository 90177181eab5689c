import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { findJsonProblem, MAX_JSON_DEPTH } from "@/lib/api/json-limits";

const nested = (depth: number) => JSON.parse(`${"[".repeat(depth)}${"]".repeat(depth)}`);

describe("JSON body limits", () => {
  test("nesting up to the limit passes; one level more is refused, and 30,000 levels do not overflow", () => {
    assert.equal(findJsonProblem(nested(MAX_JSON_DEPTH)), undefined);
    assert.equal(findJsonProblem(nested(MAX_JSON_DEPTH + 1))?.kind, "too_deep");
    assert.equal(findJsonProblem(nested(30_000))?.kind, "too_deep");
    const deepObject = JSON.parse(`${'{"a":'.repeat(40)}1${"}".repeat(40)}`);
    assert.equal(findJsonProblem(deepObject)?.kind, "too_deep");
  });

  test("a NUL character anywhere in a string or a key is named by its path", () => {
    assert.deepEqual(findJsonProblem({ description: "ok\u0000" }), { kind: "nul_character", path: "description" });
    assert.deepEqual(findJsonProblem({ items: [{ name: "x" }, { name: "a\u0000b" }] }), {
      kind: "nul_character",
      path: "items.1.name",
    });
    assert.equal(findJsonProblem({ "k\u0000": 1 })?.kind, "nul_character");
    assert.equal(findJsonProblem({ text: "fine: \u0001 and é" }), undefined);
    assert.equal(findJsonProblem(null), undefined);
  });
});
