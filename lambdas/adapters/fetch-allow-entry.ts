// Adapter support: one entry of MUJAZ_FETCH_ALLOW, read. Apart from the guard (public-address-guard.ts) because
// config.ts checks the entries at start in every function, and the guard's address library has no place in the
// bundles of functions that never fetch.

const ALLOW_ENTRY = /^(?<host>\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):(?<port>\d{1,5})$/u;

/**
 * One `host:port` of the allow list, in the form the fetcher compares: the host as the WHATWG URL parser writes it
 * (lower case, IPv4 in dotted decimal, IPv6 compressed in brackets), the port in digits. Throws on anything else: a
 * path, credentials, no port, a port out of range.
 */
export function parseAllowEntry(entry: string): string {
  const match = ALLOW_ENTRY.exec(entry.trim());
  const port = Number(match?.groups?.port);
  if (!match || !(port >= 1 && port <= 65_535)) throw new Error('not host:port (e.g. 127.0.0.1:8080)');
  let hostname: string;
  try {
    hostname = new URL(`http://${match.groups!.host}/`).hostname;
  } catch {
    throw new Error('not host:port (e.g. 127.0.0.1:8080)');
  }
  return `${hostname}:${port}`;
}
