/** The protocol's number tables: RR types, classes, opcodes, rcodes and EDNS options <-> names, with RFC 3597 TYPEnnn / CLASSnnn forms. */

/** RR types by mnemonic (IANA registry, the ones a lookup tool meets), each typed as its number: `TYPE.CNAME`. */
export const TYPE = {
  A: 1,
  NS: 2,
  MD: 3,
  MF: 4,
  CNAME: 5,
  SOA: 6,
  MB: 7,
  MG: 8,
  MR: 9,
  NULL: 10,
  WKS: 11,
  PTR: 12,
  HINFO: 13,
  MINFO: 14,
  MX: 15,
  TXT: 16,
  RP: 17,
  AFSDB: 18,
  X25: 19,
  ISDN: 20,
  RT: 21,
  NSAP: 22,
  'NSAP-PTR': 23,
  SIG: 24,
  KEY: 25,
  PX: 26,
  GPOS: 27,
  AAAA: 28,
  LOC: 29,
  NXT: 30,
  EID: 31,
  NIMLOC: 32,
  SRV: 33,
  ATMA: 34,
  NAPTR: 35,
  KX: 36,
  CERT: 37,
  A6: 38,
  DNAME: 39,
  SINK: 40,
  OPT: 41,
  APL: 42,
  DS: 43,
  SSHFP: 44,
  IPSECKEY: 45,
  RRSIG: 46,
  NSEC: 47,
  DNSKEY: 48,
  DHCID: 49,
  NSEC3: 50,
  NSEC3PARAM: 51,
  TLSA: 52,
  SMIMEA: 53,
  HIP: 55,
  NINFO: 56,
  RKEY: 57,
  TALINK: 58,
  CDS: 59,
  CDNSKEY: 60,
  OPENPGPKEY: 61,
  CSYNC: 62,
  ZONEMD: 63,
  SVCB: 64,
  HTTPS: 65,
  DSYNC: 66,
  SPF: 99,
  UINFO: 100,
  UID: 101,
  GID: 102,
  UNSPEC: 103,
  NID: 104,
  L32: 105,
  L64: 106,
  LP: 107,
  EUI48: 108,
  EUI64: 109,
  TKEY: 249,
  TSIG: 250,
  IXFR: 251,
  AXFR: 252,
  MAILB: 253,
  MAILA: 254,
  ANY: 255,
  URI: 256,
  CAA: 257,
  AVC: 258,
  DOA: 259,
  AMTRELAY: 260,
  RESINFO: 261,
  WALLET: 262,
  TA: 32768,
  DLV: 32769,
} as const;

/** The same table, looked up by any mnemonic. */
export const RRType: Readonly<Record<string, number>> = TYPE;

/** Classes by mnemonic, each typed as its number: `CLASS.IN`. */
export const CLASS = {
  IN: 1,
  CH: 3,
  HS: 4,
  NONE: 254,
  ANY: 255,
} as const;

/** Classes by any mnemonic dig reads (CHAOS is CH). */
export const RRClass: Readonly<Record<string, number>> = { ...CLASS, CHAOS: CLASS.CH };

/** Header opcodes by name (RFC 1035, 1996, 2136), each typed as its number: `OPCODE.UPDATE`. */
export const OPCODE = {
  QUERY: 0,
  IQUERY: 1,
  STATUS: 2,
  NOTIFY: 4,
  UPDATE: 5,
} as const;

/** Response codes by dig's names, each typed as its number: `RCODE.NXDOMAIN`; above 15 they are EDNS extended. */
export const RCODE = {
  NOERROR: 0,
  FORMERR: 1,
  SERVFAIL: 2,
  NXDOMAIN: 3,
  NOTIMP: 4,
  REFUSED: 5,
  YXDOMAIN: 6,
  YXRRSET: 7,
  NXRRSET: 8,
  NOTAUTH: 9,
  NOTZONE: 10,
  DSOTYPENI: 11,
  BADVERS: 16,
  BADKEY: 17,
  BADTIME: 18,
  BADMODE: 19,
  BADNAME: 20,
  BADALG: 21,
  BADTRUNC: 22,
  BADCOOKIE: 23,
} as const;

/** EDNS option codes by IANA mnemonic (RFC 6891 registry), each typed as its number: `EDNS_OPTION.COOKIE`. */
export const EDNS_OPTION = {
  LLQ: 1,
  UL: 2,
  NSID: 3,
  DAU: 5,
  DHU: 6,
  N3U: 7,
  ECS: 8,
  EXPIRE: 9,
  COOKIE: 10,
  'TCP-KEEPALIVE': 11,
  PADDING: 12,
  CHAIN: 13,
  'KEY-TAG': 14,
  EDE: 15,
  'CLIENT-TAG': 16,
  'SERVER-TAG': 17,
  'REPORT-CHANNEL': 18,
  ZONEVERSION: 19,
} as const;

/** The flag bits of the OPT record's TTL field (RFC 3225 DO; CO, the compact-denial flag dig shows). */
export const EDNS_FLAG = {
  DO: 0x8000,
  CO: 0x4000,
} as const;

const typeNames = invert(RRType);
const classNames = invert(CLASS);
const opcodeNames = invert(OPCODE);
const rcodeNames = invert(RCODE);
const ednsOptionNames = invert(EDNS_OPTION);

function invert(table: Readonly<Record<string, number>>): Record<number, string> {
  const out: Record<number, string> = {};
  for (const [name, value] of Object.entries(table)) out[value] ??= name;
  return out;
}

/** TYPEnnn / CLASSnnn; `upper` is already upper case. */
function parseGeneric(upper: string, prefix: string): number | undefined {
  if (!upper.startsWith(prefix)) return undefined;
  const digits = upper.slice(prefix.length);
  if (!/^[0-9]{1,5}$/.test(digits)) return undefined;
  const value = Number(digits);
  return value <= 0xffff ? value : undefined;
}

/** Type mnemonic or TYPEnnn (any case) to its number; undefined when it is neither. */
export function parseType(text: string): number | undefined {
  // No mnemonic has a dot: a domain name (every batch line's first word) is turned away without an upper-case copy.
  if (text.includes('.')) return undefined;
  const upper = text.toUpperCase();
  return Object.hasOwn(RRType, upper) ? RRType[upper] : parseGeneric(upper, 'TYPE');
}

/** Class mnemonic or CLASSnnn (any case) to its number; undefined when it is neither. */
export function parseClass(text: string): number | undefined {
  if (text.includes('.')) return undefined;
  const upper = text.toUpperCase();
  return Object.hasOwn(RRClass, upper) ? RRClass[upper] : parseGeneric(upper, 'CLASS');
}

/** Number to type mnemonic, or TYPEnnn when unknown. */
export function typeName(type: number): string {
  return typeNames[type] ?? `TYPE${type}`;
}

/** Number to class mnemonic, or CLASSnnn when unknown. */
export function className(klass: number): string {
  return classNames[klass] ?? `CLASS${klass}`;
}

/** Opcode number to its dig name (QUERY, NOTIFY, ...) or RESERVEDn. */
export function opcodeName(opcode: number): string {
  return opcodeNames[opcode] ?? `RESERVED${opcode}`;
}

/** RCODE number (extended) to its dig name, or RESERVEDn. */
export function rcodeName(rcode: number): string {
  return rcodeNames[rcode] ?? `RESERVED${rcode}`;
}

/** EDNS option code to its IANA mnemonic; unknown codes read `OPTnnn` (dig prints them as `OPT=nnn`). */
export function ednsOptionName(code: number): string {
  return ednsOptionNames[code] ?? `OPT${code}`;
}

/** Extended DNS Error info codes (RFC 8914 and the IANA registry). */
export const EDE_NAMES: readonly string[] = [
  'Other Error',
  'Unsupported DNSKEY Algorithm',
  'Unsupported DS Digest Type',
  'Stale Answer',
  'Forged Answer',
  'DNSSEC Indeterminate',
  'DNSSEC Bogus',
  'Signature Expired',
  'Signature Not Yet Valid',
  'DNSKEY Missing',
  'RRSIGs Missing',
  'No Zone Key Bit Set',
  'NSEC Missing',
  'Cached Error',
  'Not Ready',
  'Blocked',
  'Censored',
  'Filtered',
  'Prohibited',
  'Stale NXDomain Answer',
  'Not Authoritative',
  'Not Supported',
  'No Reachable Authority',
  'Network Error',
  'Invalid Data',
  'Signature Expired before Valid',
  'Too Early',
  'Unsupported NSEC3 Iterations Value',
  'Unable to conform to policy',
  'Synthesized',
  'Invalid Query Type',
];
