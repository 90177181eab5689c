import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { z } from "zod";
import { type ApiError, ERROR_STATUS, errorResponse, parseInput, toApiError } from "@/lib/api/errors";
import { MoneyError } from "@/lib/money";

describe("error vocabulary", () => {
  const schema = z.strictObject({ amount: z.strictObject({ total: z.number().positive() }), name: z.string() });

  test("a missing field is parameter_missing, a wrong one parameter_invalid, both naming the path", () => {
    assert.throws(
      () => parseInput(schema, { name: "x" }),
      (error: ApiError) => {
        assert.equal(error.code, "parameter_missing");
        assert.equal(error.param, "amount");
        return true;
      },
    );
    assert.throws(
      () => parseInput(schema, { name: "x", amount: { total: -1 } }),
      (error: ApiError) => {
        assert.equal(error.code, "parameter_invalid");
        assert.equal(error.param, "amount.total");
        assert.equal(error.status, 400);
        return true;
      },
    );
    assert.throws(() => parseInput(schema, { name: 5, amount: { total: 1 } }), {
      code: "parameter_invalid",
      param: "name",
    });
  });

  test("known failures map to their status; unknown ones to a 500 that reveals nothing", async () => {
    assert.equal(toApiError(new MoneyError("USD allows at most 2 decimal places")).status, 400);
    assert.equal(toApiError(Object.assign(new Error("x"), { code: "P2025" })).code, "not_found");
    assert.equal(toApiError(Object.assign(new Error("x"), { code: "P2002" })).status, 409);

    const originalError = console.error;
    console.error = () => {};
    try {
      const response = errorResponse(new Error("connection to 10.0.0.5 refused, password=hunter2"), "req_1");
      assert.equal(response.status, 500);
      const text = await response.text();
      assert.doesNotMatch(text, /hunter2|10\.0\.0\.5/);
      assert.deepEqual(Object.keys(JSON.parse(text).error).sort(), ["code", "message", "request_id"]);
      assert.equal(response.headers.get("x-request-id"), "req_1");
    } finally {
      console.error = originalError;
    }
  });

  test("every code has a 4xx/5xx status", () => {
    for (const [code, status] of Object.entries(ERROR_STATUS)) assert.ok(status >= 400 && status < 600, code);
  });
});
