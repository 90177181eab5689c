import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { addressGroup } from "@/lib/api/rate-limit";
import { clientAddress } from "@/lib/server/client-address";

describe("the client address of a request", () => {
  test("without trusted proxies it is the connection's peer, whatever X-Forwarded-For says", () => {
    assert.equal(clientAddress("198.51.100.4", "203.0.113.9", 0), "198.51.100.4");
    assert.equal(clientAddress("198.51.100.4", undefined, 0), "198.51.100.4");
  });

  test("IPv4-mapped IPv6 is written as IPv4; IPv6 stays IPv6", () => {
    assert.equal(clientAddress("::ffff:127.0.0.1", undefined, 0), "127.0.0.1");
    assert.equal(clientAddress("2001:db8::1", undefined, 0), "2001:db8::1");
  });

  test("behind n proxies it is the entry the outermost trusted proxy appended, not one the client wrote", () => {
    // The client wrote 1.1.1.1 itself; the outer proxy appended the address it saw (203.0.113.9).
    assert.equal(clientAddress("10.0.0.2", "1.1.1.1, 203.0.113.9", 1), "203.0.113.9");
    // Two proxies: the inner one appended the outer one's address.
    assert.equal(clientAddress("10.0.0.2", ["1.1.1.1, 203.0.113.9", "10.0.0.1"], 2), "203.0.113.9");
  });

  test("fewer entries than trusted hops take the farthest one; garbage is unknown", () => {
    assert.equal(clientAddress("10.0.0.2", "203.0.113.9", 3), "203.0.113.9");
    assert.equal(clientAddress("10.0.0.2", "not-an-address", 1), "unknown");
    assert.equal(clientAddress(undefined, undefined, 0), "unknown");
  });

  test("per-address limits count an IPv4 address, or a whole IPv6 /64", () => {
    assert.equal(addressGroup("203.0.113.9"), "203.0.113.9");
    assert.equal(addressGroup("::ffff:203.0.113.9"), "203.0.113.9");
    assert.equal(addressGroup("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
    assert.equal(addressGroup("2001:db8:1:2:bbbb::7"), "2001:db8:1:2::/64");
    assert.notEqual(addressGroup("2001:db8:1:3::1"), addressGroup("2001:db8:1:2::1"));
    assert.equal(addressGroup(null), "unknown");
    assert.equal(addressGroup("unknown"), "unknown");
  });
});
