import assert from "node:assert/strict";
import type dns from "node:dns";
import { describe, test } from "node:test";
import { DomainError } from "@/lib/errors";
import {
  allowsLoopback,
  assertWebhookUrlAllowed,
  BlockedAddressError,
  guardedLookup,
  isAllowedAddress,
} from "@/lib/webhooks/webhook-target";

// The SSRF guard of webhook deliveries: which addresses a merchant's URL may reach.

const fakeResolver = (addresses: string[]): typeof dns.lookup =>
  ((_hostname: string, _options: unknown, callback: (error: Error | null, addresses: dns.LookupAddress[]) => void) =>
    callback(
      null,
      addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 })),
    )) as unknown as typeof dns.lookup;

const lookup = (addresses: string[], allowLoopback: boolean, all = true) =>
  new Promise<{ error: Error | null; result: unknown }>((resolve) =>
    guardedLookup(allowLoopback, fakeResolver(addresses))("hooks.example.com", { all }, (error, result) =>
      resolve({ error, result }),
    ),
  );

describe("webhook target addresses", () => {
  test("only public unicast addresses are allowed", () => {
    for (const address of ["93.184.216.34", "8.8.8.8", "2606:4700::1111"]) {
      assert.equal(isAllowedAddress(address, { allowLoopback: false }), true, address);
    }
    for (const address of [
      "10.1.2.3",
      "172.16.0.1",
      "192.168.0.10",
      "127.0.0.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "255.255.255.255",
      "224.0.0.1",
      "::1",
      "::",
      "fe80::1",
      "fd12:3456::1",
      "::ffff:10.0.0.1",
      "::ffff:127.0.0.1",
      "2002:0a00:0001::1",
      "not-an-ip",
    ]) {
      assert.equal(isAllowedAddress(address, { allowLoopback: false }), false, address);
    }
  });

  test("loopback only when allowed, and then nothing else private", () => {
    assert.equal(isAllowedAddress("127.0.0.1", { allowLoopback: true }), true);
    assert.equal(isAllowedAddress("::1", { allowLoopback: true }), true);
    assert.equal(isAllowedAddress("10.0.0.1", { allowLoopback: true }), false);
    assert.equal(allowsLoopback(new URL("http://localhost:4000/x"), "test"), true);
    assert.equal(allowsLoopback(new URL("http://127.0.0.1:4000/x"), "live"), false);
    assert.equal(allowsLoopback(new URL("https://hooks.example.com/x"), "test"), false);
  });

  test("registration: localhost in test mode only, private literals never", () => {
    assert.doesNotThrow(() => assertWebhookUrlAllowed("http://localhost:4000/x", "test"));
    assert.doesNotThrow(() => assertWebhookUrlAllowed("https://hooks.example.com/x", "live"));
    assert.doesNotThrow(() => assertWebhookUrlAllowed("https://93.184.216.34/x", "live"));
    for (const [url, mode] of [
      ["http://localhost:4000/x", "live"],
      ["https://api.localhost/x", "live"],
      ["https://10.0.0.1/x", "test"],
      ["https://[fe80::1]/x", "test"],
      ["https://[::ffff:192.168.0.1]/x", "live"],
    ] as const) {
      assert.throws(() => assertWebhookUrlAllowed(url, mode), DomainError, `${mode} ${url}`);
    }
  });

  test("delivery: a name resolving to any private address is refused (DNS rebinding)", async () => {
    const publicOnly = await lookup(["93.184.216.34"], false);
    assert.equal(publicOnly.error, null);
    assert.deepEqual(publicOnly.result, [{ address: "93.184.216.34", family: 4 }]);
    const single = await lookup(["93.184.216.34"], false, false);
    assert.equal(single.result, "93.184.216.34");

    const rebound = await lookup(["93.184.216.34", "10.0.0.7"], false);
    assert.ok(rebound.error instanceof BlockedAddressError);
    assert.match(rebound.error.message, /10\.0\.0\.7, which is not a public address/);
    assert.ok((await lookup(["169.254.169.254"], false)).error instanceof BlockedAddressError);
    assert.ok((await lookup(["127.0.0.1"], false)).error instanceof BlockedAddressError);
    assert.equal((await lookup(["127.0.0.1", "::1"], true)).error, null);
    assert.ok((await lookup([], false)).error instanceof BlockedAddressError);
  });
});
