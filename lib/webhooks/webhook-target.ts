import "server-only";
import dns from "node:dns";
import type { LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";
import { DomainError } from "@/lib/errors";
import type { Mode } from "@/lib/ids";
import { isLocalHost } from "@/lib/schemas/redirect-url";

// Server-side request forgery guard (issue 6): a webhook URL is chosen by the
// merchant, but the request leaves from inside our network. Only public
// unicast addresses are reached; loopback only when the endpoint is a
// test-mode localhost URL (a developer's own receiver). The check runs on the
// address the connection actually uses (a lookup hook), so a name that
// resolves to a public address when registered and to 10.0.0.1 when delivered
// (DNS rebinding) is refused too.

export class BlockedAddressError extends Error {}

/** True for a public unicast address; loopback too when `allowLoopback`. */
export const isAllowedAddress = (address: string, { allowLoopback }: { allowLoopback: boolean }) => {
  if (!ipaddr.isValid(address)) return false;
  const range = ipaddr.process(address).range(); // IPv4-mapped IPv6 is judged as the IPv4 it maps
  return range === "unicast" || (allowLoopback && range === "loopback");
};

/** Whether deliveries to this endpoint may reach this machine: test mode and a localhost URL. */
export const allowsLoopback = (url: URL, mode: Mode) => mode === "test" && isLocalHost(url);

/** The hostname without IPv6 brackets, and whether it is an IP literal (which no lookup sees). */
const literalAddress = (url: URL) => {
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  return ipaddr.isValid(host) ? host : undefined;
};

/** Rules on the URL itself, at registration: the shape was checked by the schema. */
export const assertWebhookUrlAllowed = (value: string, mode: Mode) => {
  const url = new URL(value);
  const param = "url";
  if (isLocalHost(url) || url.hostname.endsWith(".localhost")) {
    if (mode === "test") return;
    throw new DomainError("parameter_invalid", "url: a live endpoint must be a public https: URL, not localhost.", {
      param,
    });
  }
  const literal = literalAddress(url);
  if (literal && !isAllowedAddress(literal, { allowLoopback: false })) {
    throw new DomainError(
      "parameter_invalid",
      "url: private, loopback, link-local and reserved addresses are not allowed; use a public address.",
      { param },
    );
  }
};

/** A `lookup` for http.request that refuses any resolved address the endpoint may not reach. */
export const guardedLookup =
  (allowLoopback: boolean, resolve: typeof dns.lookup = dns.lookup): LookupFunction =>
  (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "", 0);
      const list = addresses as dns.LookupAddress[];
      const blocked = list.find(({ address }) => !isAllowedAddress(address, { allowLoopback }));
      if (blocked || list.length === 0) {
        const reason = blocked ? `${hostname} resolves to ${blocked.address}, which is not a public address` : "";
        return callback(new BlockedAddressError(reason || `${hostname} has no address`), "", 0);
      }
      if (options.all) return callback(null, list);
      const [first] = list;
      return callback(null, first.address, first.family);
    });
  };

/** Refuses an IP-literal URL (which never goes through a lookup) before any connection. */
export const assertLiteralAddressAllowed = (url: URL, allowLoopback: boolean) => {
  const literal = literalAddress(url);
  if (literal && !isAllowedAddress(literal, { allowLoopback })) {
    throw new BlockedAddressError(`${literal} is not a public address`);
  }
};
