// Adapter support: which network addresses the web fetcher may dial. A feed URL, an item link or a redirect is
// written by someone else, and on Lambda the loopback interface serves the runtime API, so only public unicast is
// dialled. The check takes an address the resolver gave (or the literal the URL names), never the URL's text: the
// WHATWG URL parser has already turned `2130706433`, `0x7f.1` and `[::ffff:127.0.0.1]` into canonical forms, and a
// name is only as public as the address it resolves to when the socket opens (docs/FEEDS.md, "The fetcher").
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { parseAllowEntry } from './fetch-allow-entry';

/** All global unicast IPv6 lies here; outside it are IPv4-compatible (::/96) and unallocated addresses. */
const GLOBAL_UNICAST_IPV6 = ipaddr.IPv6.parseCIDR('2000::/3');

/**
 * Whether the fetcher may dial this address: only what ipaddr.js classifies as public unicast, IPv4-mapped IPv6
 * judged as the IPv4 address it carries. Refused: loopback, private, link-local (169.254.169.254 among them),
 * CGNAT, ULA, unspecified, multicast, broadcast, reserved and documentation ranges, and the IPv6 forms that lead to
 * an IPv4 address (NAT64 64:ff9b::/96, 6to4, Teredo, IPv4-compatible ::/96).
 */
export function isPublicAddress(address: string): boolean {
  // Only the canonical spellings the resolver and the URL parser give; ipaddr.js would also read `0x7f.1`.
  if (isIP(address) === 0) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  if (parsed.range() !== 'unicast') return false;
  return parsed.kind() === 'ipv4' || (parsed as ipaddr.IPv6).match(GLOBAL_UNICAST_IPV6);
}

/**
 * The named local servers the guard lets through (tests and `npm run dev` only; the stack never sets it): a server
 * is allowed when the URL's host and port are one entry exactly, whatever address that host has. Nothing else
 * bypasses the guard.
 */
export class FetchAllowList {
  private readonly entries: ReadonlySet<string>;

  constructor(entries: readonly string[]) {
    this.entries = new Set(entries.map(parseAllowEntry));
  }

  /** `hostname` as the URL parser or undici gives it (IPv6 with or without brackets), `port` as a number. */
  allows(hostname: string, port: number): boolean {
    if (this.entries.size === 0) return false;
    const host = isIP(hostname) === 6 ? `[${ipaddr.parse(hostname).toString()}]` : hostname.toLowerCase();
    return this.entries.has(`${host}:${port}`);
  }
}
