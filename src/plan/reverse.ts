/** Reverse-lookup names for -x: in-addr.arpa for IPv4, ip6.arpa nibbles for IPv6. */
import { isIPv4, isIPv6 } from 'node:net';
import { InputError } from '../errors.js';

/** The eight 16-bit groups of a valid IPv6 address (any textual form: '::', embedded IPv4). */
function ipv6Groups(address: string): number[] {
  let text = address;
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    // An embedded IPv4 address (::ffff:1.2.3.4) stands for the last two groups.
    const [a, b, c, d] = tail.split('.').map(Number);
    text = `${text.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, rest] = text.split('::');
  const parse = (part: string | undefined): number[] => (part ? part.split(':').map((group) => parseInt(group, 16)) : []);
  const before = parse(head);
  if (rest === undefined) return before;
  const after = parse(rest);
  return [...before, ...new Array<number>(8 - before.length - after.length).fill(0), ...after];
}

/** The PTR name for an address: "4.3.2.1.in-addr.arpa." or 32 nibbles + "ip6.arpa."; throws InputError on bad input. */
export function reverseName(address: string): string {
  if (isIPv4(address)) return `${address.split('.').reverse().join('.')}.in-addr.arpa.`;
  // A zone index (fe80::1%eth0) names an interface, not part of the address: it has no reverse name.
  if (isIPv6(address) && !address.includes('%')) {
    const nibbles = ipv6Groups(address)
      .map((group) => group.toString(16).padStart(4, '0'))
      .join('')
      .split('')
      .reverse();
    return `${nibbles.join('.')}.ip6.arpa.`;
  }
  throw new InputError(`invalid IP address '${address}'`, 'input.address');
}
