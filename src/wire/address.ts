/**
 * IP address text: validation (the same answers as node:net's isIP, without loading node:net and its
 * streams on a plain query's start-up path), address octets to text, and IPv6 text to groups and bytes.
 */

const DECIMAL_OCTET = /^(?:0|[1-9][0-9]{0,2})$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;
const ZONE_INDEX = /^[0-9a-zA-Z.:-]+$/;

/** Dotted-quad IPv4: four decimal octets 0-255, no leading zeros. */
export function isIPv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((part) => DECIMAL_OCTET.test(part) && Number(part) <= 255);
}

/** IPv6 in any textual form: '::' once at most, a trailing dotted quad, an optional %zone index. */
export function isIPv6(text: string): boolean {
  const percent = text.indexOf('%');
  const address = percent < 0 ? text : text.slice(0, percent);
  if (percent >= 0 && !ZONE_INDEX.test(text.slice(percent + 1))) return false;
  const halves = address.split('::');
  if (halves.length > 2) return false;
  const groupsOf = (half: string): string[] | undefined => (half === '' ? [] : half.split(':'));
  const head = groupsOf(halves[0]);
  const tail = halves.length === 2 ? groupsOf(halves[1]) : [];
  if (!head || !tail) return false;
  const all = [...head, ...tail];
  let count = all.length;
  const last = all[all.length - 1];
  if (last?.includes('.')) {
    if (!isIPv4(last)) return false;
    all.pop();
    count += 1;
  }
  if (!all.every((group) => HEX_GROUP.test(group))) return false;
  return halves.length === 2 ? count <= 7 : count === 8;
}

/** 4 for IPv4, 6 for IPv6, 0 for anything else (as node:net's isIP). */
export function isIP(text: string): 0 | 4 | 6 {
  if (isIPv4(text)) return 4;
  return isIPv6(text) ? 6 : 0;
}

/**
 * The family of a server address as typed: isIP's answer, and 6 as well for an IPv6 address with a
 * zone index (`fe80::1%eth0`, `fe80::1%2`), which a server address may carry but a record never does.
 * The zone is an interface name or number: anything else (a control character, a space) is no address.
 */
export function serverFamily(text: string): 0 | 4 | 6 {
  const family = isIP(text);
  if (family !== 0) return family;
  const percent = text.indexOf('%');
  return percent > 0 && /^[\w.-]+$/.test(text.slice(percent + 1)) && isIPv6(text.slice(0, percent)) ? 6 : 0;
}

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
  const parse = (part: string | undefined): number[] =>
    part ? part.split(':').map((group) => parseInt(group, 16)) : [];
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

/** IPv4 dotted quad from 4 bytes at `at`. */
export function ipv4Text(bytes: Uint8Array, at = 0): string {
  return `${bytes[at]}.${bytes[at + 1]}.${bytes[at + 2]}.${bytes[at + 3]}`;
}

/**
 * IPv6 text the way glibc's inet_ntop writes it (dig uses it): lower-case hex, the longest run of
 * two or more zero groups (the first on a tie) as "::", and "::a.b.c.d" / "::ffff:a.b.c.d" forms.
 */
export function ipv6Text(bytes: Uint8Array, at = 0): string {
  const groups: number[] = [];
  for (let i = 0; i < 8; i++) groups.push((bytes[at + 2 * i] << 8) | bytes[at + 2 * i + 1]);
  let bestStart = -1;
  let bestLength = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  if (bestLength < 2) bestStart = -1;
  let out = '';
  for (let i = 0; i < 8; i++) {
    if (i === bestStart) {
      if (i === 0) out += ':';
      out += ':';
      i += bestLength - 1;
      continue;
    }
    if (i === 6 && bestStart === 0 && (bestLength === 6 || (bestLength === 5 && groups[5] === 0xffff))) {
      out += ipv4Text(bytes, at + 12);
      break;
    }
    out += groups[i].toString(16);
    if (i < 7) out += ':';
  }
  return out;
}
