import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { describe, test } from "node:test";
import { createLogger, scrubSecrets, withRequestContext } from "@/lib/log";

/** A logger whose lines land in an array, parsed. */
const capture = () => {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) {
        raw.push(line);
        lines.push(JSON.parse(line));
      }
      done();
    },
  });
  return { logger: createLogger(stream), lines, raw };
};

describe("log lines", () => {
  test("secrets shaped like ours are scrubbed wherever they appear in a line", () => {
    const key = `sk_test_${"A".repeat(43)}`;
    const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtZXJfMSJ9.c2lnbmF0dXJlLXZhbHVl";
    const line = `{"msg":"failed with ${key}, whsec_${"b".repeat(32)}, ${jwt} and Bearer abcdefgh12345678"}`;
    const scrubbed = scrubSecrets(line);
    assert.equal(scrubbed.includes(key), false);
    assert.equal(scrubbed.includes(jwt), false);
    assert.doesNotMatch(scrubbed, /whsec_b/);
    assert.match(scrubbed, /Bearer \[redacted\]/);
  });

  test("card numbers go in every spelling, beside other digits too; the line stays JSON", () => {
    const scrub = (msg: string) => JSON.parse(scrubSecrets(JSON.stringify({ msg }))).msg;
    for (const number of ["4242424242424242", "4242 4242 4242 4242", "4242-4242-4242-4242", "378282246310005"]) {
      assert.equal(scrub(`card ${number} declined`), "card [redacted card] declined", number);
    }
    assert.equal(scrub("card 4242424242424242 12/30"), "card [redacted card] 12/30");
    assert.equal(scrub("4242 4242 4242 4242 123"), "[redacted card] 123");
    assert.equal(scrub("two: 4242424242424242 and 4000000000000002"), "two: [redacted card] and [redacted card]");
    // Digits that fail the Luhn check, a number too long to be a card, timestamps and small numbers stay.
    assert.equal(scrub("amount 4242424242424241 wei"), "amount 4242424242424241 wei");
    assert.equal(scrub("12345678901234567890123"), "12345678901234567890123");
    assert.equal(scrub("block 123456 at 2026-12-02T12:52:49.514Z"), "block 123456 at 2026-12-02T12:52:49.514Z");
    // A JSON number that happens to pass the Luhn check is a field's value: left alone, the line stays JSON.
    assert.deepEqual(JSON.parse(scrubSecrets('{"t":4242424242424242}')), { t: 4242424242424242 });
  });

  test("named fields are redacted at any depth pino is told of", () => {
    const { logger, lines } = capture();
    logger.info(
      {
        headers: { authorization: "Basic xyz" },
        body: { card_number: "1", cvc: "123", secret: "s" },
        response_body: "{}",
      },
      "x",
    );
    const [line] = lines as [{ headers: Record<string, string>; body: Record<string, string>; response_body: string }];
    assert.equal(line.headers.authorization, "[redacted]");
    assert.deepEqual(line.body, { card_number: "[redacted]", cvc: "[redacted]", secret: "[redacted]" });
    assert.equal(line.response_body, "[redacted]");
  });

  test("an error keeps its message, stack and plain fields, never the objects it carries", () => {
    const { logger, lines } = capture();
    const error = Object.assign(new Error("terminating connection"), {
      code: "57P01",
      client: { connectionParameters: { password: "hunter2" } },
    });
    logger.error({ err: error }, "pool failed");
    const [line] = lines as [{ err: Record<string, unknown> }];
    assert.equal(line.err.message, "terminating connection");
    assert.equal(line.err.code, "57P01");
    assert.match(String(line.err.stack), /terminating connection/);
    assert.equal("client" in line.err, false);
    assert.doesNotMatch(JSON.stringify(line), /hunter2/);
  });

  test("lines written while answering a request carry its context, through awaits", async () => {
    const { logger, lines } = capture();
    await withRequestContext({ request_id: "req_1", route: "/v1/connections" }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      logger.info("inside");
    });
    logger.info("outside");
    assert.equal(lines[0].request_id, "req_1");
    assert.equal(lines[0].route, "/v1/connections");
    assert.equal("request_id" in lines[1], false);
    assert.equal(typeof lines[0].time, "string");
    assert.equal(lines[0].level, "info");
  });
});
