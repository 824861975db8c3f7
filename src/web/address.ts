/**
 * Which network addresses the bot may fetch from: public unicast addresses only. A moderator's link makes the
 * bot connect from inside its own network, so loopback, private, link-local (where cloud metadata services
 * live), shared, multicast and reserved ranges are refused, in IPv4 and IPv6 alike, including IPv4 addresses
 * written inside IPv6 ones (mapped, translated, compatible, NAT64, 6to4, Teredo), which would otherwise reach
 * the same hosts: each is judged as the IPv4 address it embeds.
 */
import { isIPv4, isIPv6 } from 'node:net';

/** IPv4 ranges that are not the public internet: [first octets as a number, prefix length, why]. */
const IPV4_REFUSED: readonly [string, number, string][] = [
  ['0.0.0.0', 8, 'this-network'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'shared (carrier-grade NAT)'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local (cloud metadata)'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'protocol assignments'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'benchmarking'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];

function ipv4Number(address: string): number {
  return address.split('.').reduce((value, octet) => value * 256 + Number(octet), 0);
}

function ipv4Refusal(address: string): string | undefined {
  const value = ipv4Number(address);
  for (const [base, prefix, why] of IPV4_REFUSED) {
    const size = 2 ** (32 - prefix);
    if (Math.floor(value / size) === Math.floor(ipv4Number(base) / size)) return why;
  }
  return undefined;
}

/** The eight 16-bit groups of an IPv6 address (with a dotted IPv4 tail converted). */
function ipv6Groups(address: string): number[] {
  let text = address.replace(/%.*$/, '');
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  if (tail) {
    const value = ipv4Number(tail);
    text = `${text.slice(0, -tail.length)}${(value >>> 16).toString(16)}:${(value & 0xffff).toString(16)}`;
  }
  const [head = '', rest] = text.split('::');
  const parse = (part: string) =>
    part === '' ? [] : part.split(':').map((group) => Number.parseInt(group, 16));
  const front = parse(head);
  const back = rest === undefined ? [] : parse(rest);
  return [...front, ...new Array<number>(8 - front.length - back.length).fill(0), ...back];
}

/** The IPv4 address in two 16-bit groups, dotted. */
const ipv4Of = (high: number, low: number) => [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');

/**
 * The IPv4 address an IPv6 address reaches or stands for, where it embeds one:
 * - `::ffff:a.b.c.d` (mapped), `::ffff:0:a.b.c.d` (translated, RFC 2765) and `::a.b.c.d` (compatible);
 * - `64:ff9b::a.b.c.d` and `64:ff9b:1::/48` (NAT64, RFC 6052 and 8215): the last 32 bits;
 * - `2002:aabb:ccdd::/16` (6to4): the 32 bits after the prefix;
 * - `2001:0::/32` (Teredo): the client's address, the last 32 bits inverted.
 */
function embeddedIPv4(groups: readonly number[]): string | undefined {
  const at = (index: number) => groups[index] ?? 0;
  const zero = (from: number, to: number) => groups.slice(from, to).every((group) => group === 0);
  if (zero(0, 5) && (at(5) === 0xffff || at(5) === 0)) return ipv4Of(at(6), at(7));
  if (zero(0, 4) && at(4) === 0xffff && at(5) === 0) return ipv4Of(at(6), at(7));
  if (at(0) === 0x64 && at(1) === 0xff9b && zero(2, 6)) return ipv4Of(at(6), at(7));
  if (at(0) === 0x64 && at(1) === 0xff9b && at(2) === 1) return ipv4Of(at(6), at(7));
  if (at(0) === 0x2002) return ipv4Of(at(1), at(2));
  if (at(0) === 0x2001 && at(1) === 0) return ipv4Of(at(6) ^ 0xffff, at(7) ^ 0xffff);
  return undefined;
}

function ipv6Refusal(address: string): string | undefined {
  const groups = ipv6Groups(address);
  const first = groups[0] ?? 0;
  const zeroUpTo = (count: number) => groups.slice(0, count).every((group) => group === 0);
  if (zeroUpTo(8)) return 'unspecified';
  if (zeroUpTo(7) && groups[7] === 1) return 'loopback';
  const ipv4 = embeddedIPv4(groups);
  if (ipv4 !== undefined) return ipv4Refusal(ipv4);
  if ((first & 0xfe00) === 0xfc00) return 'unique local (private)';
  if ((first & 0xffc0) === 0xfe80) return 'link-local';
  if ((first & 0xffc0) === 0xfec0) return 'site-local (private)';
  if ((first & 0xff00) === 0xff00) return 'multicast';
  return undefined;
}

/**
 * Why the bot must not connect to this IP address ("loopback", "private", ...), or undefined when it is a
 * public address. Anything that is not an IP address at all is refused too.
 */
export function addressRefusal(address: string): string | undefined {
  const bare = address.replace(/^\[|\]$/g, '');
  if (isIPv4(bare)) return ipv4Refusal(bare);
  if (isIPv6(bare)) return ipv6Refusal(bare);
  return 'not an IP address';
}

/**
 * KB_URL_ALLOW_HOSTS: `host` or `host:port` entries, lower-cased; a host that is listed is fetched whatever
 * its addresses are (tests, intranets). A bare host allows every port of it.
 */
export function parseAllowHosts(list: string): string[] {
  return list
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter((entry) => entry !== '');
}

/** Whether a URL's host (and port) is on the allow-list. */
export function isAllowedHost(url: URL, allowHosts: readonly string[]): boolean {
  const host = url.hostname.toLowerCase();
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return allowHosts.includes(host) || allowHosts.includes(`${host}:${port}`);
}
