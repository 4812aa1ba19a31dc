/**
 * A loopback hierarchy whose every name and string is hostile, for the modes that walk from the root
 * (+check, +allns, +compare, +explain, --graph, --report): a root delegating `evil.` to name servers
 * whose names carry ESC, BEL, NUL, C1, U+202E, `<script>`, DOT's quotes, backslashes and newlines, and
 * one of 190 octets; the zone's SOA RNAME, TXT records (every byte value, invalid UTF-8, markup) and
 * every reply's NSID and EDE text hostile too. A third server refuses, with a hostile EDE text.
 * Beside it, `broken.`: one good server and five that mangle every reply (cut short, another ID,
 * another question, a compression loop, sent from another port).
 * Every server listens on one port; addresses are 127.0.6.N.
 */
import type { RespondHook } from '../support/fakeServer.js';
import { startServerSet, type SetServerSpec } from '../support/serverSet.js';
import { encodeReply, type ParsedQuery } from '../support/zoneReply.js';
import { answerFromZones, indexZone, type ZoneData, type ZoneRecord } from '../support/zoneAnswer.js';

/** Server addresses by role. */
export const EVIL_ADDR = {
  root: '127.0.6.1',
  /** Serves evil. as `NS_TERMINAL`. */
  ns1: '127.0.6.2',
  /** Serves evil. as `NS_MARKUP` and `NS_LONG`. */
  ns2: '127.0.6.3',
  /** Listed as `NS_REFUSING`: REFUSED to everything, with a hostile EDE text. */
  refusing: '127.0.6.4',
  /** ns0.broken.: serves broken. as it should. */
  brokenGood: '127.0.6.10',
  /** ns1.broken.: its replies cut short in the middle of a record. */
  truncated: '127.0.6.11',
  /** ns2.broken.: replies with another ID. */
  wrongId: '127.0.6.12',
  /** ns3.broken.: replies to another question. */
  wrongQuestion: '127.0.6.13',
  /** ns4.broken.: replies whose answer's owner name is a compression pointer to itself. */
  loop: '127.0.6.14',
  /** ns5.broken.: replies over UDP from another port (and is silent over TCP). */
  elsewhere: '127.0.6.15',
} as const;

/** A name server name that drives a terminal: clear screen, bell, NUL, DEL (ASCII: the test servers match names as Latin-1). */
export const NS_TERMINAL = 'ns\x1b[2J\x07\x00\x7f.evil.';
/** One that breaks HTML and DOT: markup, quotes, a backslash, a newline, braces and a bar. */
export const NS_MARKUP = '<script>alert("x")</script>\\n\n{a|b}.evil.';
/** One of 190 octets: three 60-octet labels of ESC sequences and markup. */
export const NS_LONG = `${['\x1b]0;', '<b>&amp;', '"\\\n"'].map((seed) => seed.repeat(60).slice(0, 60)).join('.')}.evil.`;
/** The refusing server's name: C1 NEL and a right-to-left override (it never needs to resolve). */
export const NS_REFUSING = 'r\x1b[31m\u0085\u202e.evil.';
/** The SOA RNAME: an xterm title escape and markup. */
export const EVIL_RNAME = '\x1b]0;pwned\x07.<img src=x onerror=alert(1)>.evil.';

/** Byte values 0 to 251, then invalid UTF-8 (a lone continuation byte, a truncated sequence). */
const ALL_BYTES = Buffer.from([...Array.from({ length: 252 }, (_, i) => i), 0x80, 0xe2, 0x82]);
/** NSID bytes every server of evil. sends: ESC, BEL, invalid UTF-8, markup, a quote and a backslash. */
export const EVIL_NSID = Buffer.concat([Buffer.from('\x1b]0;x\x07<script>"\\\n'), Buffer.from([0xff, 0xc3, 0x28])]);
/** EDE text on every reply: the same kind of bytes. */
export const EVIL_EDE_TEXT = Buffer.concat([
  Buffer.from('\x1b[2J<script>alert(1)</script>"\\\n\u202e'),
  Buffer.from([0xfe]),
]);

function rr(name: string, type: string, data: unknown, ttl = 3600): ZoneRecord {
  return { name, type, data, ttl };
}

const SOA = {
  mname: NS_TERMINAL,
  rname: EVIL_RNAME,
  serial: 2024010101,
  refresh: 7200,
  retry: 3600,
  expire: 1209600,
  minimum: 300,
};

const DELEGATION: Array<[string, string]> = [
  [NS_TERMINAL, EVIL_ADDR.ns1],
  [NS_MARKUP, EVIL_ADDR.ns2],
  [NS_LONG, EVIL_ADDR.ns2],
  [NS_REFUSING, EVIL_ADDR.refusing],
];
const nsAndGlue = DELEGATION.flatMap(([name, address]) => [rr('evil.', 'NS', name), rr(name, 'A', address)]);

/** `.`: delegates evil. with glue. */
export const evilRootZone: ZoneData = {
  origin: '.',
  records: [
    rr('.', 'SOA', { ...SOA, mname: 'a.root.evil.', rname: 'hostmaster.root.evil.' }),
    rr('.', 'NS', 'a.root.evil.'),
    rr('a.root.evil.', 'A', EVIL_ADDR.root),
    ...nsAndGlue,
  ],
};

/** `evil.`: the hostile SOA, NS set and strings; www. has an address. */
export const evilZone: ZoneData = {
  origin: 'evil.',
  records: [
    rr('evil.', 'SOA', SOA),
    ...nsAndGlue,
    rr('evil.', 'TXT', [ALL_BYTES, Buffer.from('<script>alert(1)</script>')]),
    rr('www.evil.', 'A', '192.0.2.66'),
    rr('www.evil.', 'TXT', [Buffer.from('\x1b]0;pwned\x07\u202e"\\')]),
  ],
};

/** The EDE option (RFC 8914): info code, then the text. */
function ede(code: number, text: Uint8Array): { code: number; data: Uint8Array } {
  const data = Buffer.alloc(2 + text.length);
  data.writeUInt16BE(code, 0);
  data.set(text, 2);
  return { code: 15, data };
}

/** Answers from `zones`, every reply (with EDNS) carrying the hostile NSID and EDE text. */
function hostileOptions(zones: ZoneData[]): (query: ParsedQuery) => Uint8Array | undefined {
  const indexed = zones.map(indexZone);
  return (query) => {
    if (query.malformed) return undefined;
    const plan = answerFromZones(indexed, query.name, query.type, false);
    return encodeReply(query, { ...plan, ednsOptions: [{ code: 3, data: EVIL_NSID }, ede(0, EVIL_EDE_TEXT)] });
  };
}

/** REFUSED to everything, with the hostile EDE text (code 20, Not Authoritative). */
function refusing(query: ParsedQuery): Uint8Array | undefined {
  if (query.malformed) return undefined;
  return encodeReply(query, { rcode: 'REFUSED', ednsOptions: [ede(20, EVIL_EDE_TEXT), { code: 3, data: EVIL_NSID }] });
}

/** The servers of broken.: ns0 as it should be, then one per malformation. */
const BROKEN: Array<[string, string]> = [
  ['ns0.broken.', EVIL_ADDR.brokenGood],
  ['ns1.broken.', EVIL_ADDR.truncated],
  ['ns2.broken.', EVIL_ADDR.wrongId],
  ['ns3.broken.', EVIL_ADDR.wrongQuestion],
  ['ns4.broken.', EVIL_ADDR.loop],
  ['ns5.broken.', EVIL_ADDR.elsewhere],
];
const brokenNs = BROKEN.flatMap(([name, address]) => [rr('broken.', 'NS', name), rr(name, 'A', address)]);
evilRootZone.records.push(...brokenNs);

/** `broken.`: an ordinary zone; its servers but ns0 mangle every reply. */
export const brokenZone: ZoneData = {
  origin: 'broken.',
  records: [
    rr('broken.', 'SOA', { ...SOA, mname: 'ns0.broken.', rname: 'hostmaster.broken.' }),
    ...brokenNs,
    rr('www.broken.', 'A', '192.0.2.80'),
  ],
};

/** A reply whose one answer's owner name is a pointer to its own offset: a name that never ends. */
function loopReply(query: ParsedQuery): Uint8Array {
  const question = query.questionBytes.subarray(12);
  const owner = 12 + question.length;
  const out = Buffer.alloc(owner + 16);
  out.writeUInt16BE(query.id, 0);
  out.writeUInt16BE(0x8400 | (query.rd ? 0x100 : 0), 2);
  out.writeUInt16BE(1, 4);
  out.writeUInt16BE(1, 6);
  out.set(question, 12);
  out.writeUInt16BE(0xc000 | owner, owner);
  out.writeUInt16BE(1, owner + 2); // A
  out.writeUInt16BE(1, owner + 4); // IN
  out.writeUInt32BE(3600, owner + 6);
  out.writeUInt16BE(4, owner + 10);
  out.set([192, 0, 2, 80], owner + 12);
  return out;
}

type Mangle = (query: ParsedQuery, reply: Uint8Array, protocol: string) => ReturnType<RespondHook>;

/** Answers from broken., mangled by `mangle`. */
function mangled(mangle: Mangle): RespondHook {
  const indexed = [indexZone(brokenZone)];
  return (query, source) => {
    if (query.malformed) return null;
    const reply = encodeReply(query, answerFromZones(indexed, query.name, query.type, false));
    return mangle(query, reply, source.protocol);
  };
}

const MANGLES: Record<'truncated' | 'wrongId' | 'wrongQuestion' | 'loop' | 'elsewhere', Mangle> = {
  truncated: (_query, reply) => reply.subarray(0, reply.length - 7),
  wrongId: (_query, reply) => ({ replies: [{ bytes: reply, id: 'wrong' }] }),
  wrongQuestion: (_query, reply) => ({ replies: [{ bytes: reply, question: { name: 'other.test.', type: 'A' } }] }),
  loop: (query) => loopReply(query),
  elsewhere: (_query, reply, protocol) =>
    protocol === 'udp' ? { replies: [{ bytes: reply, fromElsewhere: true }] } : null,
};

const SERVERS: SetServerSpec[] = [
  { address: EVIL_ADDR.root, zones: [evilRootZone] },
  { address: EVIL_ADDR.brokenGood, zones: [brokenZone] },
  ...Object.entries(MANGLES).map(([role, mangle]) => ({
    address: EVIL_ADDR[role as keyof typeof MANGLES],
    zones: [],
    respond: mangled(mangle),
  })),
  { address: EVIL_ADDR.ns1, zones: [evilZone], respond: hostileOptions([evilZone]) },
  { address: EVIL_ADDR.ns2, zones: [evilZone], respond: hostileOptions([evilZone]) },
  { address: EVIL_ADDR.refusing, zones: [], respond: refusing },
];

/** Root hints naming the hierarchy's root (for --root-hints). */
export const EVIL_ROOT_HINTS = `.  3600000  NS  a.root.evil.\na.root.evil.  3600000  A  ${EVIL_ADDR.root}\n`;

/** A running hostile hierarchy. */
export interface EvilHierarchy {
  port: number;
  close(): Promise<void>;
}

/** Starts every server on one port. Close it in `after`. */
export async function startEvilHierarchy(): Promise<EvilHierarchy> {
  const { port, started } = await startServerSet(SERVERS, Object.values(EVIL_ADDR));
  return { port, close: async () => void (await Promise.all(started.map((s) => s.close()))) };
}
