import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  checkoutFamilyOf,
  decodeCheckoutToken,
  encodeCheckoutToken,
  newCheckoutSecret,
} from "@/lib/security/checkout-token";

const BASE = "https://pay.example.com";

describe("checkout tokens", () => {
  test("base64 JSON {secret, base} that Lava's hook decodes with atob", () => {
    const secret = newCheckoutSecret("wallet", "test");
    assert.match(secret, /^css_test_[A-Za-z0-9_-]{43}$/);
    const token = encodeCheckoutToken(secret, BASE);
    assert.deepEqual(JSON.parse(atob(token)), { secret, base: `${BASE}/` });
    assert.equal(checkoutFamilyOf(secret), "wallet");
  });

  test("decodes base64 and base64url, padded or not", () => {
    const secret = newCheckoutSecret("wallet", "live");
    const token = encodeCheckoutToken(secret, BASE);
    const url = token.replace(/\+/g, "-").replace(/\//g, "_");
    for (const form of [token, url, url.replace(/=+$/, "")]) assert.equal(decodeCheckoutToken(form, BASE), secret);
  });

  test("another server's token, a malformed one or an unknown family decode to nothing", () => {
    const secret = newCheckoutSecret("wallet", "test");
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64");
    for (const token of [
      encode({ secret, base: "https://evil.example.com/" }),
      encode({ secret, base: BASE }),
      encode({ secret: `xyz_test_${"a".repeat(43)}`, base: `${BASE}/` }),
      encode({ base: `${BASE}/` }),
      encode(null),
      encode([secret]),
      "not base64!",
      "e30",
      "A".repeat(2000),
    ]) {
      assert.equal(decodeCheckoutToken(token, BASE), undefined, token.slice(0, 40));
    }
  });
});
