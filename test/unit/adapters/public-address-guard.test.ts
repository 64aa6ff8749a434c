// The guard's pure pieces: which addresses the fetcher may dial, and how MUJAZ_FETCH_ALLOW entries are read and
// matched. The fetcher's own tests (test/integration/web-fetcher.test.ts) dial real sockets through it.
import { parseAllowEntry } from '../../../lambdas/adapters/fetch-allow-entry';
import { FetchAllowList, isPublicAddress } from '../../../lambdas/adapters/public-address-guard';

describe('isPublicAddress', () => {
  it.each([
    ['8.8.8.8'],
    ['93.184.215.14'],
    ['1.1.1.1'],
    ['2606:4700:4700::1111'],
    ['2a00:1450:4001:81c::200e'],
    // An IPv4-mapped form of a public address is that public address.
    ['::ffff:5db8:d70e'],
  ])('lets %s through: public unicast', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback, anywhere in 127/8'],
    ['::1', 'IPv6 loopback'],
    ['0.0.0.0', 'unspecified (dials this host)'],
    ['0.1.2.3', 'this network, 0/8'],
    ['::', 'IPv6 unspecified'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local: the cloud metadata service'],
    ['fe80::1', 'IPv6 link-local'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['100.127.255.255', 'carrier-grade NAT'],
    ['fd00::1', 'unique local (ULA)'],
    ['fc00::1', 'unique local (ULA)'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'IPv6 multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.2.1', 'documentation'],
    ['198.18.0.1', 'benchmarking'],
    ['2001:db8::1', 'IPv6 documentation'],
    ['::ffff:7f00:1', 'IPv4-mapped loopback'],
    ['::ffff:a9fe:a9fe', 'IPv4-mapped metadata service'],
    ['::ffff:10.0.0.1', 'IPv4-mapped private, dotted'],
    ['64:ff9b::7f00:1', 'NAT64 to loopback'],
    ['64:ff9b::808:808', 'NAT64 even to a public IPv4 address: it leads through a translator'],
    ['64:ff9b:1::1', 'local-use NAT64'],
    ['2002:7f00:1::', '6to4 carrying loopback'],
    ['2001::1', 'Teredo'],
    ['::7f00:1', 'IPv4-compatible ::/96, outside global unicast'],
    ['fec0::1', 'deprecated site-local'],
    ['100::1', 'discard'],
    ['0x7f.1', 'not a canonical address: the URL parser and the resolver never give one'],
    ['2130706433', 'not a canonical address'],
    ['134744072', 'not a canonical address, even of a public one (8.8.8.8)'],
    ['0x8.0x8.0x8.0x8', 'not a canonical address, even of a public one'],
    ['localhost', 'a name, not an address'],
    ['', 'nothing'],
  ])('refuses %s: %s', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });
});

describe('MUJAZ_FETCH_ALLOW entries', () => {
  it('reads host:port into the form URLs are compared in', () => {
    expect(parseAllowEntry('127.0.0.1:8080')).toBe('127.0.0.1:8080');
    expect(parseAllowEntry(' LocalHost:3000 ')).toBe('localhost:3000');
    expect(parseAllowEntry('[::1]:8080')).toBe('[::1]:8080');
    expect(parseAllowEntry('[0:0:0:0:0:0:0:1]:8080')).toBe('[::1]:8080');
    expect(parseAllowEntry('feeds.local:80')).toBe('feeds.local:80');
  });

  it.each([
    ['127.0.0.1', 'no port'],
    ['127.0.0.1:0', 'port 0'],
    ['127.0.0.1:65536', 'port out of range'],
    ['http://127.0.0.1:8080', 'a URL'],
    ['127.0.0.1:8080/feed', 'a path'],
    ['user@127.0.0.1:8080', 'credentials'],
    ['::1:8080', 'IPv6 without brackets'],
    ['[not-ip]:8080', 'brackets around no address'],
    ['*:8080', 'a wildcard'],
    ['', 'nothing'],
  ])('refuses %j: %s', (entry) => {
    expect(() => parseAllowEntry(entry)).toThrow('not host:port');
  });

  it('lets through exactly the named host and port, however undici spells an IPv6 host', () => {
    const allow = new FetchAllowList(['127.0.0.1:8080', '[::1]:9090', 'Feeds.Local:3000']);
    expect(allow.allows('127.0.0.1', 8080)).toBe(true);
    expect(allow.allows('::1', 9090)).toBe(true);
    expect(allow.allows('[::1]', 9090)).toBe(true);
    expect(allow.allows('0:0:0:0:0:0:0:1', 9090)).toBe(true);
    expect(allow.allows('feeds.local', 3000)).toBe(true);
    expect(allow.allows('FEEDS.LOCAL', 3000)).toBe(true);

    expect(allow.allows('127.0.0.1', 8081)).toBe(false);
    expect(allow.allows('localhost', 8080)).toBe(false);
    expect(allow.allows('::ffff:7f00:1', 8080)).toBe(false);
    expect(allow.allows('::1', 8080)).toBe(false);
    expect(allow.allows('127.0.0.2', 8080)).toBe(false);
  });

  it('lets nothing through when empty', () => {
    const allow = new FetchAllowList([]);
    expect(allow.allows('127.0.0.1', 80)).toBe(false);
  });
});
