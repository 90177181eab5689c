import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { cardDigits, cvcLength, detectCardBrand, isExpired, luhnValid, parseExpiry } from "@/lib/card-number";
import { englishMessage, isMessageKey } from "@/lib/i18n/english";
import { parseMessageRef } from "@/lib/i18n/message-ref";
import { cardSchema } from "@/lib/schemas/card";

describe("card numbers", () => {
  test("Luhn accepts Stripe's test numbers and refuses a changed digit", () => {
    for (const number of ["4242424242424242", "5555555555554444", "378282246310005", "6011111111111117"]) {
      assert.equal(luhnValid(number), true, number);
      assert.equal(luhnValid(`${number.slice(0, -1)}${(Number(number.at(-1)) + 1) % 10}`), false, number);
    }
    assert.equal(luhnValid("0000"), false, "too short");
    assert.equal(luhnValid("4242 4242 4242 4242"), false, "digits only: spaces are stripped first");
    assert.equal(cardDigits("4242 4242-4242 4242"), "4242424242424242");
  });

  test("brand by issuer range", () => {
    assert.equal(detectCardBrand("4242424242424242"), "visa");
    assert.equal(detectCardBrand("5555555555554444"), "mastercard");
    assert.equal(detectCardBrand("2223003122003222"), "mastercard");
    assert.equal(detectCardBrand("378282246310005"), "amex");
    assert.equal(detectCardBrand("6011111111111117"), "discover");
    assert.equal(detectCardBrand("3056930009020004"), "diners");
    assert.equal(detectCardBrand("3566002020360505"), "jcb");
    assert.equal(detectCardBrand("6200000000000005"), "unionpay");
    assert.equal(detectCardBrand("9999"), "unknown");
    assert.equal(cvcLength("amex"), 4);
    assert.equal(cvcLength("visa"), 3);
  });

  test("expiry: MM/YY, valid through the end of its month", () => {
    assert.deepEqual(parseExpiry("07/29"), { month: 7, year: 2029 });
    assert.equal(parseExpiry("13/29"), undefined);
    assert.equal(parseExpiry("7/29"), undefined);
    const now = new Date(Date.UTC(2026, 10, 21));
    assert.equal(isExpired({ month: 11, year: 2026 }, now), false);
    assert.equal(isExpired({ month: 10, year: 2026 }, now), true);
    assert.equal(isExpired({ month: 1, year: 2027 }, now), false);
  });

  test("the card schema names the field that is wrong", () => {
    // Messages are catalog keys (each page shows them in its language); this reads them in English.
    const english = (message: string) => {
      const ref = parseMessageRef(message, isMessageKey);
      return ref ? englishMessage(ref.key, ref.values) : message;
    };
    const issues = (card: unknown) =>
      cardSchema.safeParse(card).error?.issues.map((issue) => `${issue.path.join(".")}: ${english(issue.message)}`) ??
      [];
    assert.deepEqual(issues({ number: "4242 4242 4242 4242", expiry: "12/34", cvc: "123" }), []);
    assert.deepEqual(issues({ number: "4242 4242 4242 4241", expiry: "12/34", cvc: "123" }), [
      "number: This card number is not valid",
    ]);
    assert.deepEqual(issues({ number: "378282246310005", expiry: "12/34", cvc: "123" }), [
      "cvc: The security code of this card has 4 digits",
    ]);
    assert.deepEqual(issues({ number: "4242424242424242", expiry: "01/20", cvc: "123" }), [
      "expiry: This card has expired",
    ]);
  });
});
