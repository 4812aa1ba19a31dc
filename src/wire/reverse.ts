/** Reverse-lookup names for -x: in-addr.arpa for IPv4, ip6.arpa nibbles for IPv6. */
import { InputError } from '../errors.js';
import { ipv6Groups, isIPv4, isIPv6 } from './address.js';

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
