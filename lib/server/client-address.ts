import ipaddr from "ipaddr.js";

/**
 * The client's address for per-address limits. Without trusted proxies it is
 * the connection's own peer: any X-Forwarded-For a client sends is ignored.
 * Behind `trustedHops` proxies, each of which appends the address it saw, it
 * is the entry the outermost trusted proxy appended (Express's "trust proxy"
 * with a hop count). IPv4-mapped IPv6 addresses are written as IPv4.
 */
export const clientAddress = (
  peer: string | undefined,
  forwardedFor: string | string[] | undefined,
  trustedHops: number,
): string => {
  const forwarded = [forwardedFor ?? []]
    .flat()
    .flatMap((header) => header.split(","))
    .map((entry) => entry.trim())
    .filter(Boolean);
  // Nearest first: the peer, then what each proxy appended, back towards the client.
  const hops = [peer ?? "", ...forwarded.reverse()];
  const chosen = hops[Math.min(trustedHops, hops.length - 1)];
  return ipaddr.isValid(chosen) ? ipaddr.process(chosen).toString() : "unknown";
};
