/** IPv6 text to groups and bytes, for reverse names and EDNS client-subnet options. Input is already validated (isIPv6). */

/** The eight 16-bit groups of a valid IPv6 address in any textual form ('::', embedded IPv4, a zone index). */
export function ipv6Groups(address: string): number[] {
  let text = address.replace(/%.*$/, '');
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

/** The 16 bytes of a valid IPv6 address. */
export function ipv6Bytes(address: string): Uint8Array {
  const out = new Uint8Array(16);
  ipv6Groups(address).forEach((group, i) => {
    out[i * 2] = group >> 8;
    out[i * 2 + 1] = group & 0xff;
  });
  return out;
}
