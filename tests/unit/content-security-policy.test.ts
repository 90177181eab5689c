import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { frameAncestorOf, pageContentSecurityPolicy } from "@/lib/security/content-security-policy";

const directive = (policy: string, name: string) =>
  policy
    .split("; ")
    .find((part) => part.startsWith(`${name} `))
    ?.slice(name.length + 1);

describe("content security policy", () => {
  test("scripts only with the request's nonce; no framing by default", () => {
    const policy = pageContentSecurityPolicy({ nonce: "abc123" });
    assert.equal(directive(policy, "script-src"), "'self' 'nonce-abc123' 'strict-dynamic'");
    assert.equal(directive(policy, "frame-ancestors"), "'none'");
    assert.equal(directive(policy, "object-src"), "'none'");
    assert.equal(directive(policy, "base-uri"), "'none'");
  });

  test("the embed lets exactly its origin frame it", () => {
    const policy = pageContentSecurityPolicy({ nonce: "n", frameAncestors: ["https://shop.example.com"] });
    assert.equal(directive(policy, "frame-ancestors"), "https://shop.example.com");
  });

  test("only development allows eval", () => {
    assert.doesNotMatch(pageContentSecurityPolicy({ nonce: "n" }), /unsafe-eval/);
    assert.match(pageContentSecurityPolicy({ nonce: "n", dev: true }), /'unsafe-eval'/);
  });

  test("an origin_url becomes a frame-ancestors source; nothing else does", () => {
    assert.equal(frameAncestorOf("https://shop.example.com/app/checkout?x=1"), "https://shop.example.com");
    assert.equal(frameAncestorOf("http://localhost:5173/"), "http://localhost:5173");
    assert.equal(frameAncestorOf("javascript:alert(1)"), undefined);
    assert.equal(frameAncestorOf("not a url"), undefined);
  });
});
