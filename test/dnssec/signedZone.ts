/** Reads the signed zone fixtures (dnssec-signzone -O full: one record per line, absolute names) into records, for the tests only. */
import { readFileSync } from 'node:fs';
import { splitWords } from '../../src/cli/batch.js';
import { nameToWire, parseName } from '../../src/wire/name.js';
import { parseType } from '../../src/wire/rrtypes.js';
import { recordFromWire } from '../support/records.js';
import type { ResourceRecord } from '../../src/wire/types.js';

const FIXTURES = new URL('../../../test/dnssec/fixtures/', import.meta.url);

const B32 = '0123456789ABCDEFGHIJKLMNOPQRSTUV';

function base32hexBytes(text: string): number[] {
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of text.toUpperCase()) {
    buffer = (buffer << 5) | B32.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      out.push((buffer >> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return out;
}

function bitmap(types: string[]): number[] {
  const windows = new Map<number, number[]>();
  for (const t of types) {
    const n = parseType(t)!;
    const block = windows.get(n >> 8) ?? [];
    const octet = (n & 0xff) >> 3;
    while (block.length <= octet) block.push(0);
    block[octet] |= 0x80 >> (n & 7);
    windows.set(n >> 8, block);
  }
  return [...windows.entries()].sort((a, b) => a[0] - b[0]).flatMap(([w, block]) => [w, block.length, ...block]);
}

const u16 = (n: number): number[] => [(n >> 8) & 0xff, n & 0xff];
const u32 = (n: number): number[] => [...u16(Math.floor(n / 65536)), ...u16(n % 65536)];
const time = (t: string): number =>
  Date.UTC(+t.slice(0, 4), +t.slice(4, 6) - 1, +t.slice(6, 8), +t.slice(8, 10), +t.slice(10, 12), +t.slice(12, 14)) /
  1000;
const name = (t: string): number[] => [...nameToWire(t)];
const b64 = (words: string[]): number[] => [...Buffer.from(words.join(''), 'base64')];
const hex = (words: string[]): number[] => [...Buffer.from(words.join(''), 'hex')];

/** RDATA octets of one record from its presentation fields (the types the fixtures hold). */
export function encodeRdata(type: string, f: string[]): Uint8Array {
  switch (type) {
    case 'A':
      return Uint8Array.from(f[0].split('.').map(Number));
    case 'AAAA': {
      const [head, tail = ''] = f[0].split('::');
      const h = head ? head.split(':') : [];
      const t = tail ? tail.split(':') : [];
      const groups = [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
      return Uint8Array.from(groups.flatMap((g) => u16(parseInt(g, 16))));
    }
    case 'NS':
    case 'CNAME':
    case 'DNAME':
    case 'PTR':
      return Uint8Array.from(name(f[0]));
    case 'MX':
      return Uint8Array.from([...u16(+f[0]), ...name(f[1])]);
    case 'TXT':
      return Uint8Array.from(
        f.flatMap((s) => {
          const b = [...Buffer.from(s.replace(/^"|"$/g, ''))];
          return [b.length, ...b];
        }),
      );
    case 'SOA':
      return Uint8Array.from([...name(f[0]), ...name(f[1]), ...f.slice(2, 7).flatMap((n) => u32(+n))]);
    case 'DNSKEY':
      return Uint8Array.from([...u16(+f[0]), +f[1], +f[2], ...b64(f.slice(3))]);
    case 'DS':
      return Uint8Array.from([...u16(+f[0]), +f[1], +f[2], ...hex(f.slice(3))]);
    case 'RRSIG':
      return Uint8Array.from([
        ...u16(parseType(f[0])!),
        +f[1],
        +f[2],
        ...u32(+f[3]),
        ...u32(time(f[4])),
        ...u32(time(f[5])),
        ...u16(+f[6]),
        ...name(f[7]),
        ...b64(f.slice(8)),
      ]);
    case 'NSEC':
      return Uint8Array.from([...name(f[0]), ...bitmap(f.slice(1))]);
    case 'NSEC3': {
      const salt = f[3] === '-' ? [] : hex([f[3]]);
      const next = base32hexBytes(f[4]);
      return Uint8Array.from([
        +f[0],
        +f[1],
        ...u16(+f[2]),
        salt.length,
        ...salt,
        next.length,
        ...next,
        ...bitmap(f.slice(5)),
      ]);
    }
    case 'NSEC3PARAM': {
      const salt = f[3] === '-' ? [] : hex([f[3]]);
      return Uint8Array.from([+f[0], +f[1], ...u16(+f[2]), salt.length, ...salt]);
    }
    default:
      throw new Error(`fixture type ${type} not handled`);
  }
}

/** One record from a `-O full` line: `owner ttl IN TYPE fields...`. */
export function parseRecord(line: string): ResourceRecord {
  // Quoted strings (TXT) may hold spaces: split as a shell would.
  const [owner, ttl, , type, ...fields] = splitWords(line.trim());
  const number = parseType(type)!;
  return recordFromWire(parseName(owner), number, encodeRdata(type, fields), 1, +ttl);
}

/** Every record of a fixture file (comments and blank lines skipped). */
export function loadSignedZone(file: string): ResourceRecord[] {
  return readFileSync(new URL(file, FIXTURES), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith(';'))
    .map(parseRecord);
}

/** The text of a fixture file. */
export function fixtureText(file: string): string {
  return readFileSync(new URL(file, FIXTURES), 'utf8');
}
