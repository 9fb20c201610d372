import { describe, expect, it } from "vitest";
import { normalizeAddress, parseTrustedProxies, resolveClientAddress } from "./client-address";

const none = parseTrustedProxies("");
const proxies = parseTrustedProxies("10.0.0.5, 192.168.0.0/16, fd00::/8, ::1");

describe("normalizeAddress", () => {
  it.each([
    ["::ffff:127.0.0.1", "127.0.0.1"],
    ["::FFFF:10.1.2.3", "10.1.2.3"],
    [" 203.0.113.7 ", "203.0.113.7"],
    ["203.0.113.7:51234", "203.0.113.7"],
    ["[2001:DB8::1]:443", "2001:db8::1"],
    ["2001:DB8::1", "2001:db8::1"],
  ])("%s → %s", (input, expected) => expect(normalizeAddress(input)).toBe(expected));

  it.each(["", "unknown", "evil.example", "1.2.3.4.5", "<script>"])("%s is no address", (input) => {
    expect(normalizeAddress(input)).toBeNull();
  });
});

describe("parseTrustedProxies", () => {
  it("matches single addresses and CIDR ranges, IPv4-mapped IPv6 included", () => {
    expect(proxies.includes("10.0.0.5")).toBe(true);
    expect(proxies.includes("::ffff:10.0.0.5")).toBe(true);
    expect(proxies.includes("10.0.0.6")).toBe(false);
    expect(proxies.includes("192.168.44.1")).toBe(true);
    expect(proxies.includes("192.169.0.1")).toBe(false);
    expect(proxies.includes("fd12:3456::1")).toBe(true);
    expect(proxies.includes("fe80::1")).toBe(false);
    expect(proxies.includes("::1")).toBe(true);
    expect(proxies.includes("not an address")).toBe(false);
  });

  it("trusts nobody by default", () => {
    expect(none.includes("127.0.0.1")).toBe(false);
  });

  it.each(["10.0.0.0/33", "proxy.internal", "10.0.0.0/8/1", "fd00::/129", "10.0.0.0/x"])("names the bad entry %s", (entry) => {
    expect(() => parseTrustedProxies(`10.0.0.1,${entry}`)).toThrow(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range`);
  });
});

describe("resolveClientAddress", () => {
  it("ignores X-Forwarded-For from a peer that is no trusted proxy, however it is rotated", () => {
    for (const forged of ["1.1.1.1", "2.2.2.2, 3.3.3.3", "::ffff:4.4.4.4"]) {
      expect(resolveClientAddress("::ffff:198.51.100.9", forged, none)).toBe("198.51.100.9");
      expect(resolveClientAddress("198.51.100.9", forged, proxies)).toBe("198.51.100.9");
    }
  });

  it("takes the right-most address that is not a trusted proxy", () => {
    // The client forged "6.6.6.6"; the edge proxy appended the real peer, an inner proxy appended the edge.
    expect(resolveClientAddress("10.0.0.5", "6.6.6.6, 203.0.113.7, 192.168.1.2", proxies)).toBe("203.0.113.7");
    expect(resolveClientAddress("::ffff:10.0.0.5", "203.0.113.7", proxies)).toBe("203.0.113.7");
    expect(resolveClientAddress("fd00::2", "2001:db8::7", proxies)).toBe("2001:db8::7");
  });

  it("uses the peer when a trusted proxy sends no X-Forwarded-For", () => {
    expect(resolveClientAddress("10.0.0.5", null, proxies)).toBe("10.0.0.5");
    expect(resolveClientAddress("10.0.0.5", "", proxies)).toBe("10.0.0.5");
  });

  it("stops at a hop that is no address, standing the nearest proxy in for the client", () => {
    expect(resolveClientAddress("10.0.0.5", "1.2.3.4, garbage, 192.168.1.2", proxies)).toBe("192.168.1.2");
  });

  it("takes the left-most hop when every hop is a trusted proxy", () => {
    expect(resolveClientAddress("10.0.0.5", "192.168.9.9, 192.168.1.2", proxies)).toBe("192.168.9.9");
  });
});
