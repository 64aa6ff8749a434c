// HTTP edge: which client a request comes from, as the per-client limits count it. The address comes from the
// server (API Gateway's source IP, or the local socket), never from a header a client could set.
import { isIPv6 } from 'node:net';
import type { Context } from 'hono';

/** Reads the client's network address from the request's server (hono/aws-lambda or @hono/node-server). */
export type ClientAddressReader = (c: Context) => string | undefined;

/**
 * The bucket an address is counted in: an IPv4 address on its own (IPv4-mapped IPv6 too), an IPv6 address by its
 * /64 network — one subscriber line gets a whole /64, so counting single IPv6 addresses would count nothing.
 */
export function clientBucket(address: string | undefined): string {
  if (address === undefined || address === '') return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/iu.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (!isIPv6(address)) return address;
  return `${expandIpv6(address).slice(0, 4).join(':')}::/64`;
}

function expandIpv6(address: string): string[] {
  const [head = '', tail = ''] = address.toLowerCase().split('%')[0]!.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = address.includes('::') ? (tail === '' ? [] : tail.split(':')) : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  return [...headGroups, ...Array<string>(Math.max(0, missing)).fill('0'), ...tailGroups].map((group) =>
    group.replace(/^0+(?=.)/u, ''),
  );
}
