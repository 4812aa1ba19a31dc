/**
 * Zones and records written as compact presentation lines, for tests that build small hierarchies:
 * `zone('example.test.', ['@ NS ns1', 'ns1 A 127.0.0.4'])`. Names are relative to the origin unless
 * they end in a dot; '@' is the origin.
 */
import type { PacketRecord, ZoneData } from '../zoneAnswer.js';

/** Owner and target names as absolute names ('@' the origin, a name ending in a dot as it is). */
function absoluteIn(origin: string): (name: string) => string {
  const suffix = origin === '.' ? '' : origin;
  return (name) => (name === '@' ? origin : name.endsWith('.') ? name : `${name}.${suffix}`);
}

/** dns-packet's data for one record type, from the words of its presentation form. */
function recordData(type: string, words: string[], absolute: (name: string) => string): unknown {
  switch (type) {
    case 'A':
    case 'AAAA':
      return words[0];
    case 'NS':
    case 'CNAME':
    case 'PTR':
      return absolute(words[0] ?? '@');
    case 'MX':
      return { preference: Number(words[0]), exchange: absolute(words[1] ?? '@') };
    case 'TXT':
      return words.join(' ').replace(/^"(.*)"$/, '$1');
    case 'DS':
      return {
        keyTag: Number(words[0]),
        algorithm: Number(words[1]),
        digestType: Number(words[2]),
        digest: Buffer.from(words.slice(3).join(''), 'hex'),
      };
    case 'SOA': {
      const [mname, rname, serial, refresh, retry, expire, minimum] = words;
      const numbers = [serial, refresh, retry, expire, minimum].map(Number);
      return {
        mname: absolute(mname ?? '@'),
        rname: absolute(rname ?? '@'),
        serial: numbers[0],
        refresh: numbers[1],
        retry: numbers[2],
        expire: numbers[3],
        minimum: numbers[4],
      };
    }
    default:
      throw new Error(`zone text: no presentation form for ${type} here`);
  }
}

/** One record from `NAME TYPE DATA...` (names relative to `origin`), ready for a zone or a hand-made reply. */
export function record(line: string, origin = '.'): PacketRecord {
  const [name, type, ...words] = line.trim().split(/\s+/);
  if (!name || !type) throw new Error(`zone text: '${line}' is not NAME TYPE DATA`);
  const absolute = absoluteIn(origin);
  const upper = type.toUpperCase();
  return { name: absolute(name), type: upper, ttl: 3600, class: 'IN', data: recordData(upper, words, absolute) };
}

/** The SOA a zone gets when its lines give none, so that negative answers carry one (RFC 2308). */
function defaultSoa(origin: string): PacketRecord {
  const under = origin === '.' ? '' : origin;
  return record(`@ SOA ns.${under} admin. 1 3600 600 86400 300`, origin);
}

/** A zone from lines (`'@ NS ns1'`, `'ns1 A 127.0.0.4'`, `'test. DS 1 13 2 AABB'`); an SOA is added when none is given. */
export function zone(origin: string, lines: string[]): ZoneData {
  const records = lines.map((line) => record(line, origin));
  if (!records.some((r) => r.type === 'SOA' && r.name.toLowerCase() === origin.toLowerCase()))
    records.unshift(defaultSoa(origin));
  return { origin, records };
}

/** `base` with more records, written as lines relative to its origin. */
export function withRecords(base: ZoneData, lines: string[]): ZoneData {
  return { origin: base.origin, records: [...base.records, ...lines.map((line) => record(line, base.origin))] };
}
