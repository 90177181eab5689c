import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ContractViolation, checkAnswer } from "@/tests/support/contract";

// The contract check the API tests run on every answer (tests/support/contract.ts)
// refuses what the document does not say: a wrong field, an extra field, a
// missing one, an undocumented status, an operation the document lacks.

const event = {
  id: "evt_01KJHF4SFHW93DY4BVF227F33V",
  type: "session.cancelled",
};

const endpoint = {
  id: "whep_01KJHF4SFHW93DY4BVF227F33V",
  object: "webhook_endpoint",
};

describe("the contract check", () => {
  test("a documented error answer passes; the same with an extra field does not", () => {
    const body = { error: { code: "not_found", message: "No such endpoint.", request_id: "req_1" } };
    checkAnswer("GET", "/api/v1/webhooks/whep_x", 404, "application/json", JSON.stringify(body));
    assert.throws(
      () =>
        checkAnswer(
          "GET",
          "/api/v1/webhooks/whep_x",
          404,
          "application/json",
          JSON.stringify({ error: { ...body.error, extra: 1 } }),
        ),
      ContractViolation,
    );
  });

  test("a wrong type, a missing field, an unknown error code are refused", () => {
    const cases = [
      { error: { code: "not_found", message: 42, request_id: "req_1" } },
      { error: { code: "not_found", request_id: "req_1" } },
      { error: { code: "teapot", message: "x", request_id: "req_1" } },
    ];
    for (const body of cases) {
      assert.throws(
        () => checkAnswer("GET", "/api/v1/webhooks/whep_x", 404, "application/json", JSON.stringify(body)),
        ContractViolation,
        JSON.stringify(body),
      );
    }
  });

  test("a success body must be the documented object", () => {
    assert.throws(
      () => checkAnswer("GET", "/api/v1/events/evt_x", 200, "application/json", JSON.stringify(event)),
      /does not match the document/,
    );
    assert.throws(
      () => checkAnswer("GET", "/api/v1/webhooks/whep_x", 200, "application/json", JSON.stringify(endpoint)),
      /does not match the document/,
    );
  });

  test("a status the operation does not list, and an operation the document lacks, are refused", () => {
    assert.throws(() => checkAnswer("GET", "/api/v1/event_types", 418, "application/json", "{}"), /lists no 418/);
    assert.throws(() => checkAnswer("PUT", "/api/v1/event_types", 200, "application/json", "{}"), /no operation/);
    // The catch-alls' answers are theirs: unknown paths and methods.
    checkAnswer("GET", "/api/v1/nothing/here", 404, "application/json", "{}");
    checkAnswer("DELETE", "/api/v1/event_types", 405, "application/json", "{}");
  });

  test("answers outside the APIs are not the document's", () => {
    checkAnswer("GET", "/checkout/abc", 200, "text/html", "<html>");
    checkAnswer("GET", "/metrics", 200, "text/plain", "tillpoint_http_requests_total 1");
  });
});
