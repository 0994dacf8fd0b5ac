import { isIP } from 'node:net';

/**
 * Whether binding `host` keeps the listener reachable from this machine only: `localhost`, the IPv4
 * loopback block 127.0.0.0/8 (RFC 1122 §3.2.1.3), `::1`, and IPv4-mapped loopback (`::ffff:127.x.x.x`).
 * Anything else (`0.0.0.0`, `::`, a LAN address, a host name) may be reachable from other machines.
 */
export function isLoopbackHost(host: string): boolean {
  const name = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (name === 'localhost') return true;
  if (isIP(name) === 4) return name.startsWith('127.');
  if (isIP(name) !== 6) return false;
  // The WHATWG URL parser writes IPv6 in its shortest form, IPv4-mapped ones in hex (::ffff:7f00:1).
  const canonical = new URL(`http://[${name}]/`).hostname;
  return canonical === '[::1]' || /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(canonical);
}
