import assert from "node:assert/strict";
import { describe, test } from "node:test";
import pg from "pg";
import { z } from "zod";
import { ERROR_STATUS, errorResponse, toApiError } from "@/lib/api/errors";
import { DOMAIN_ERROR_CODES, DomainError, parseInput } from "@/lib/errors";
import { MoneyError } from "@/lib/money";
import { CardProviderUnavailableError } from "@/lib/providers/card-provider";
import { NegativeBalanceError } from "@/lib/wallet/append-ledger-entry";

describe("error vocabulary", () => {
  const schema = z.strictObject({ amount: z.strictObject({ total: z.number().positive() }), name: z.string() });

  test("a missing field is parameter_missing, a wrong one parameter_invalid, both naming the path", () => {
    assert.throws(
      () => parseInput(schema, { name: "x" }),
      (error: DomainError) => {
        assert.equal(error.code, "parameter_missing");
        assert.equal(error.param, "amount");
        return true;
      },
    );
    assert.throws(
      () => parseInput(schema, { name: "x", amount: { total: -1 } }),
      (error: DomainError) => {
        assert.equal(error.code, "parameter_invalid");
        assert.equal(error.param, "amount.total");
        assert.equal(toApiError(error).status, 400);
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
    // PostgreSQL's unique violation through `pg` (the prepared statements) is the same 409; its code on anything
    // else is not a contract.
    const unique = Object.assign(new pg.DatabaseError("duplicate key value", 0, "error"), { code: "23505" });
    assert.equal(toApiError(unique).code, "resource_exists");
    assert.equal(toApiError(Object.assign(new Error("x"), { code: "23505" })).status, 500);

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

  test("domain errors are mapped once: every domain code has its status; retry hints become Retry-After", async () => {
    for (const code of DOMAIN_ERROR_CODES) assert.ok(ERROR_STATUS[code] >= 400, code);
    const unavailable = errorResponse(new CardProviderUnavailableError("No provider"), "req_2");
    assert.equal(unavailable.status, 503);
    assert.equal((await unavailable.json()).error.code, "service_unavailable");
    assert.equal(toApiError(new NegativeBalanceError("The balance cannot go below zero")).status, 409);
    const retry = errorResponse(new DomainError("service_unavailable", "Later", { retryAfterSeconds: 30 }), "req_3");
    assert.equal(retry.headers.get("retry-after"), "30");
    const invalid = toApiError(new DomainError("parameter_invalid", "asset: no", { param: "asset" }));
    assert.deepEqual([invalid.status, invalid.param], [400, "asset"]);
  });

  test("every code has a 4xx/5xx status", () => {
    for (const [code, status] of Object.entries(ERROR_STATUS)) assert.ok(status >= 400 && status < 600, code);
  });
});
