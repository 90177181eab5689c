import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { englishMessage, isMessageKey } from "@/lib/i18n/english";
import { parseMessageRef } from "@/lib/i18n/message-ref";
import { toMinorUnits } from "@/lib/money";
import { createSubscriptionConfigBody } from "@/lib/schemas/wallet";
import { formCents, onboardingForm, topupForm } from "@/lib/schemas/wallet-forms";

/** The first issue as the API says it: the hosted forms' catalog keys in English. */
const firstIssue = (result: { error?: { issues: { path: PropertyKey[]; message: string }[] } }) => {
  const issue = result.error?.issues[0];
  if (!issue) return undefined;
  const ref = parseMessageRef(issue.message, isMessageKey);
  return `${issue.path.join(".")}: ${ref ? englishMessage(ref.key, ref.values) : issue.message}`;
};

describe("wallet schemas", () => {
  test("amounts are decimal strings with at most two places, within the funding limits", () => {
    assert.equal(firstIssue(topupForm.safeParse({ amount: "25" })), undefined);
    assert.equal(firstIssue(topupForm.safeParse({ amount: "10000.00" })), undefined);
    assert.equal(firstIssue(topupForm.safeParse({ amount: "" })), "amount: Enter an amount");
    assert.equal(
      firstIssue(topupForm.safeParse({ amount: "0.99" })),
      "amount: Enter an amount from $1.00 to $10,000.00",
    );
    assert.equal(
      firstIssue(topupForm.safeParse({ amount: "10000.01" })),
      "amount: Enter an amount from $1.00 to $10,000.00",
    );
    assert.equal(firstIssue(topupForm.safeParse({ amount: "25,50" })), undefined, "a decimal comma is a decimal point");
    assert.equal(topupForm.parse({ amount: "25,5" }).amount, 2550n);
    assert.equal(
      firstIssue(topupForm.safeParse({ amount: "2,500" })),
      "amount: Enter an amount with at most two decimals, such as 25.00",
    );
    for (const amount of ["abc", "1.234", "-5", "1e3", " "]) {
      assert.ok(firstIssue(topupForm.safeParse({ amount })), amount);
    }
  });

  test("the forms' cents (no currency table in the browser) are the money module's USD cents", () => {
    for (const amount of ["0", "1", "1.5", "1.05", "25.50", "999999999.99", "10000"]) {
      assert.equal(formCents(amount), toMinorUnits(amount, "USD"), amount);
    }
  });

  test("plan prices: positive, two decimals, never a number", () => {
    const parse = (period_amount: unknown) =>
      firstIssue(createSubscriptionConfigBody.safeParse({ name: "Plan", period_amount }));
    assert.equal(parse("10"), undefined);
    assert.equal(parse("10.50"), undefined);
    assert.equal(parse("10.500"), undefined, "trailing zeros are not precision");
    assert.equal(parse("10.501"), "period_amount: allows at most 2 decimal places");
    assert.equal(parse("0"), "period_amount: must be greater than zero");
    assert.equal(parse(10), 'period_amount: must be a decimal string such as "10.00"');
  });

  test("onboarding needs the customer, a phone in E.164 and a valid card", () => {
    const valid = {
      first_name: "Ada",
      last_name: "Lovelace",
      email: "ada@example.com",
      phone: "+14155550123",
      amount: "25.00",
      card: { number: "4242424242424242", expiry: "12/34", cvc: "123" },
    };
    assert.equal(firstIssue(onboardingForm.safeParse(valid)), undefined);
    assert.match(firstIssue(onboardingForm.safeParse({ ...valid, phone: "415 555 0123" })) ?? "", /^phone:/);
    assert.match(firstIssue(onboardingForm.safeParse({ ...valid, email: "ada" })) ?? "", /^email:/);
    assert.match(
      firstIssue(onboardingForm.safeParse({ ...valid, card: { ...valid.card, number: "1234" } })) ?? "",
      /^card\.number:/,
    );
  });
});
