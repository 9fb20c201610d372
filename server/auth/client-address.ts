import { BlockList, isIP } from "node:net";

/**
 * The address of the client behind a request, for throttling. The direct peer is the client unless it is
 * one of the operator's reverse proxies (TRUSTED_PROXIES); only then is X-Forwarded-For read, from the
 * right, skipping proxies, because every proxy appends the peer it saw and anything left of that is
 * whatever the client chose to send.
 */
export interface TrustedProxies {
  includes(address: string): boolean;
}

/** "10.0.0.1, 10.1.0.0/16, fd00::/8" → a matcher; an entry that is no IP or CIDR is a configuration error. */
export function parseTrustedProxies(setting: string): TrustedProxies {
  const list = new BlockList();
  for (const entry of setting.split(",").map((part) => part.trim()).filter(Boolean)) {
    const [rawAddress, prefix, extra] = entry.split("/");
    const address = normalizeAddress(rawAddress);
    const family = address ? isIP(address) : 0;
    const type = family === 6 ? "ipv6" : "ipv4";
    const bits = prefix === undefined ? (family === 6 ? 128 : 32) : Number(prefix);
    if (!address || !family || extra !== undefined || !Number.isInteger(bits) || bits < 0 || bits > (family === 6 ? 128 : 32)) {
      throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range (such as 10.0.0.5 or 10.0.0.0/8).`);
    }
    list.addSubnet(address, bits, type);
  }
  return {
    includes(address) {
      const normalized = normalizeAddress(address);
      const family = normalized ? isIP(normalized) : 0;
      return family !== 0 && list.check(normalized!, family === 6 ? "ipv6" : "ipv4");
    },
  };
}

/**
 * One spelling per address: IPv4-mapped IPv6 (`::ffff:1.2.3.4`, what a dual-stack socket reports) becomes
 * the IPv4 address, IPv6 is lower-cased, brackets and ports are dropped. Not an IP address → null.
 */
export function normalizeAddress(value: string | undefined): string | null {
  if (!value) return null;
  let address = value.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1];
  else if (/^[\d.]+:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(":"));
  address = address.toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (mapped) address = mapped[1];
  return isIP(address) ? address : null;
}

/**
 * The client's address: the peer itself, or (only when the peer is a trusted proxy) the right-most
 * address in X-Forwarded-For that is not a trusted proxy.
 */
export function resolveClientAddress(peer: string, forwardedFor: string | null | undefined, trusted: TrustedProxies): string {
  let client = normalizeAddress(peer) ?? peer;
  if (!trusted.includes(client) || !forwardedFor) return client;
  const hops = forwardedFor.split(",").reverse();
  for (const hop of hops) {
    const address = normalizeAddress(hop);
    // A hop that is no address was not written by a proxy; the nearest trusted proxy stands for the client.
    if (!address) return client;
    client = address;
    if (!trusted.includes(address)) return address;
  }
  return client;
}
