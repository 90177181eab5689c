import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { OVERVIEW_DAYS, windowDays, windowStart } from "../../lib/reports/overview";
import { csvField } from "../../lib/reports/payments-csv";
import { paymentFilters } from "../../lib/schemas/payment-filters";

describe("dashboard payments list", () => {
  test("filters: amounts become minor units of the chosen currency, days become UTC bounds, blanks are no filter", () => {
    const parsed = paymentFilters.parse({
      family: "",
      currency: "jpy",
      min: "500",
      max: "1200",
      from: "2026-11-01",
      to: "2026-11-02",
      q: " ada@ ",
    });
    assert.equal(parsed.family, undefined);
    assert.equal(parsed.currency, "JPY");
    assert.equal(parsed.minAmount, 500n);
    assert.equal(parsed.maxAmount, 1200n);
    assert.equal(parsed.createdFrom?.toISOString(), "2026-11-01T00:00:00.000Z");
    assert.equal(parsed.createdBefore?.toISOString(), "2026-11-03T00:00:00.000Z", "the whole 'to' day is in");
    assert.equal(parsed.q, "ada@");
    assert.equal(paymentFilters.parse({ currency: "KWD", min: "1.005" }).minAmount, 1005n);
  });

  test("filters: a clear message for each mistake", () => {
    const message = (input: Record<string, string>) => {
      const result = paymentFilters.safeParse(input);
      assert.equal(result.success, false);
      return result.error?.issues[0]?.message;
    };
    assert.equal(message({ min: "5" }), "Choose a currency to filter by amount.");
    assert.equal(
      message({ currency: "JPY", min: "5.5" }),
      "Write the minimum amount as a positive number such as 10.00.",
    );
    assert.equal(
      message({ currency: "USD", max: "-1" }),
      "Write the maximum amount as a positive number such as 10.00.",
    );
    assert.equal(message({ currency: "ABC" }), "Currency is an ISO 4217 code such as USD.");
    assert.equal(message({ from: "2026-02-30" }), "2026-02-30 is not a date.");
    assert.equal(
      message({ status: "paid" }),
      "Status is one of open, processing, succeeded, failed, expired, canceled, refunded.",
    );
    assert.equal(message({ after: "not a cursor!" }), "This page link is not valid.");
  });

  test("CSV fields are quoted when needed, and a spreadsheet formula is defused", () => {
    assert.equal(csvField("plain"), "plain");
    assert.equal(csvField('say "hi", then go'), '"say ""hi"", then go"');
    assert.equal(csvField("two\nlines"), '"two\nlines"');
    assert.equal(csvField('=HYPERLINK("http://evil")'), '"\'=HYPERLINK(""http://evil"")"');
    assert.equal(csvField("+1 555"), "'+1 555");
    assert.equal(csvField("@sum"), "'@sum");
    assert.equal(csvField("-10.00"), "'-10.00");
  });
});

describe("dashboard overview", () => {
  test("the window is the last OVERVIEW_DAYS UTC days, today included, whatever the hour", () => {
    const late = new Date("2026-03-01T23:59:59.999Z");
    assert.equal(
      windowStart(late).toISOString(),
      `2026-02-${String(28 - OVERVIEW_DAYS + 2).padStart(2, "0")}T00:00:00.000Z`,
    );
    const days = windowDays(late);
    assert.equal(days.length, OVERVIEW_DAYS);
    assert.equal(days.at(-1), "2026-03-01");
    assert.equal(days.at(-2), "2026-02-28", "no February 29th in 2026");
    assert.deepEqual(windowDays(new Date("2026-03-01T00:00:00.000Z")), days);
  });
});
