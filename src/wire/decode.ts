/**
 * Strict decoder of DNS messages: walks the bytes itself, never trusts a count or a length,
 * and rejects anything malformed with a BadPacketError naming the section and record.
 */

import { BadPacketError } from '../errors.js';
import type { Edns, EdnsOption, Message, Question, ResourceRecord } from './types.js';
import { readName, WireEndError, WireError } from './reader.js';
import { decodeRdata } from './rdata/rdata.js';
import { EDNS_FLAG, TYPE } from './rrtypes.js';

const HEADER_OCTETS = 12;
const MIN_QUESTION_OCTETS = 5; // root name + type + class
const MIN_RECORD_OCTETS = 11; // root name + type + class + ttl + rdlength
type Section = 'answer' | 'authority' | 'additional';
/** The record sections in wire order, their counts at offsets 6, 8 and 10 of the header. */
const SECTIONS: readonly Section[] = ['answer', 'authority', 'additional'];

/**
 * Where names sit inside RDATA, for the types whose names may be compressed on the wire:
 * a number is that many fixed octets, 'n' a name, 's' a character-string, '*' the rest.
 * Names are expanded so ResourceRecord.rdataWire is the uncompressed form.
 */
type Segment = number | 'n' | 's' | '*';
const NAME_LAYOUTS: Readonly<Record<number, readonly Segment[]>> = {
  [TYPE.NS]: ['n'],
  [TYPE.MD]: ['n'],
  [TYPE.MF]: ['n'],
  [TYPE.CNAME]: ['n'],
  [TYPE.MB]: ['n'],
  [TYPE.MG]: ['n'],
  [TYPE.MR]: ['n'],
  [TYPE.PTR]: ['n'],
  [TYPE.DNAME]: ['n'],
  [TYPE.SOA]: ['n', 'n', 20],
  [TYPE.MINFO]: ['n', 'n'],
  [TYPE.RP]: ['n', 'n'],
  [TYPE.TALINK]: ['n', 'n'],
  [TYPE.MX]: [2, 'n'],
  [TYPE.AFSDB]: [2, 'n'],
  [TYPE.RT]: [2, 'n'],
  [TYPE.KX]: [2, 'n'],
  [TYPE.LP]: [2, 'n'],
  [TYPE.PX]: [2, 'n', 'n'],
  [TYPE.SRV]: [6, 'n'],
  [TYPE.NAPTR]: [4, 's', 's', 's', 'n'],
  [TYPE.SIG]: [18, 'n', '*'],
  [TYPE.RRSIG]: [18, 'n', '*'],
  [TYPE.NXT]: ['n', '*'],
  [TYPE.NSEC]: ['n', '*'],
  [TYPE.SVCB]: [2, 'n', '*'],
  [TYPE.HTTPS]: [2, 'n', '*'],
  [TYPE.TKEY]: ['n', '*'],
  [TYPE.TSIG]: ['n', '*'],
};

/** Decodes one DNS message strictly. Throws BadPacketError; odd-but-legal findings go to `warnings`. */
export function decodeMessage(buf: Uint8Array): Message {
  if (buf.length < HEADER_OCTETS) {
    throw new BadPacketError(`message is ${buf.length} bytes, shorter than the 12-byte header`, 'header');
  }
  const flags = (buf[2] << 8) | buf[3];
  const questions = u16(buf, 4);
  const records = u16(buf, 6) + u16(buf, 8) + u16(buf, 10);
  const truncated = (flags & 0x0200) !== 0;
  const message: Message = {
    id: u16(buf, 0),
    qr: (flags & 0x8000) !== 0,
    opcode: (flags >> 11) & 0xf,
    aa: (flags & 0x0400) !== 0,
    tc: truncated,
    rd: (flags & 0x0100) !== 0,
    ra: (flags & 0x0080) !== 0,
    z: (flags & 0x0040) !== 0,
    ad: (flags & 0x0020) !== 0,
    cd: (flags & 0x0010) !== 0,
    rcode: flags & 0xf,
    question: [],
    answer: [],
    authority: [],
    additional: [],
    size: buf.length,
    warnings: [],
  };
  // Counts are claims; check them against the bytes before walking (a truncated reply may fall short).
  const minimum = HEADER_OCTETS + questions * MIN_QUESTION_OCTETS + records * MIN_RECORD_OCTETS;
  if (minimum > buf.length && !truncated) {
    throw new BadPacketError(
      `header claims ${plural(questions, 'question')} and ${plural(records, 'record')}, more than ${buf.length} bytes can hold`,
      'header',
    );
  }
  const walker = { buf, pos: HEADER_OCTETS, message, sawOpt: false };
  try {
    for (let i = 0; i < questions; i++) message.question.push(decodeQuestion(walker, i));
    for (let s = 0; s < SECTIONS.length; s++) {
      const count = u16(buf, 6 + 2 * s);
      for (let i = 0; i < count; i++) decodeRecord(walker, SECTIONS[s], i);
    }
  } catch (error) {
    if (error instanceof TruncatedAt && truncated) {
      message.warnings.push(`Message is truncated (TC): ${error.where} and later records are missing`);
      return message;
    }
    throw error instanceof TruncatedAt ? error.cause : error;
  }
  if (walker.pos < buf.length) {
    const extra = buf.length - walker.pos;
    message.warnings.push(`Message has ${extra} extra byte${extra === 1 ? '' : 's'} at end`);
  }
  return message;
}

interface Walker {
  buf: Uint8Array;
  pos: number;
  message: Message;
  sawOpt: boolean;
}

/** Running out of bytes at a record: fatal unless the reply says it was truncated. */
class TruncatedAt extends Error {
  constructor(
    readonly where: string,
    override readonly cause: BadPacketError,
  ) {
    super(cause.message);
  }
}

function u16(buf: Uint8Array, at: number): number {
  return (buf[at] << 8) | buf[at + 1];
}

function u32(buf: Uint8Array, at: number): number {
  return ((buf[at] << 24) >>> 0) + ((buf[at + 1] << 16) | (buf[at + 2] << 8) | buf[at + 3]);
}

function fail(error: unknown, section: 'question' | Section, index: number): never {
  if (!(error instanceof WireError)) throw error;
  const where = `${section} ${section === 'question' ? '' : 'record '}${index + 1}`;
  const bad = new BadPacketError(`${where}: ${error.reason}`, section, index);
  throw error instanceof WireEndError ? new TruncatedAt(where, bad) : bad;
}

function decodeQuestion(w: Walker, index: number): Question {
  try {
    const name = readName(w.buf, w.pos, w.buf.length, false);
    if (name.next + 4 > w.buf.length) throw new WireEndError('type and class run past end of message');
    w.pos = name.next + 4;
    return { name: name.text, type: u16(w.buf, name.next), class: u16(w.buf, name.next + 2) };
  } catch (error) {
    fail(error, 'question', index);
  }
}

function decodeRecord(w: Walker, section: Section, index: number): void {
  try {
    const { buf } = w;
    const owner = readName(buf, w.pos, buf.length, false);
    const at = owner.next;
    if (at + 10 > buf.length) throw new WireEndError('record header runs past end of message');
    const type = u16(buf, at);
    const klass = u16(buf, at + 2);
    const ttl = u32(buf, at + 4);
    const rdlength = u16(buf, at + 8);
    const start = at + 10;
    const end = start + rdlength;
    if (end > buf.length) throw new WireEndError(`rdlength ${rdlength} runs past end of message`);
    w.pos = end;
    if (type === TYPE.OPT) {
      decodeOpt(w, section, owner.text, klass, ttl, start, end);
      return;
    }
    const rdataWire = expandRdata(buf, type, start, end);
    const rdata = decodeRdata(type, klass, rdataWire);
    const record: ResourceRecord = { name: owner.text, type, class: klass, ttl, rdata, rdataWire };
    w.message[section].push(record);
  } catch (error) {
    fail(error, section, index);
  }
}

/** Copies RDATA, expanding compressed names for the types that carry them. */
function expandRdata(buf: Uint8Array, type: number, start: number, end: number): Uint8Array {
  const layout = NAME_LAYOUTS[type];
  if (!layout || start === end) return buf.slice(start, end);
  const parts: Uint8Array[] = [];
  let pos = start;
  for (const segment of layout) {
    if (segment === 'n') {
      const name = readName(buf, pos, end, true);
      parts.push(name.wire);
      pos = name.next;
    } else if (segment === '*') {
      parts.push(buf.subarray(pos, end));
      pos = end;
    } else {
      const size = segment === 's' ? (pos < end ? buf[pos] + 1 : 1) : segment;
      if (pos + size > end) throw new WireError('record data too short');
      parts.push(buf.subarray(pos, pos + size));
      pos += size;
    }
  }
  if (pos !== end) throw new WireError(`${end - pos} unexpected bytes after record data`);
  let total = 0;
  for (const part of parts) total += part.length;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function decodeOpt(
  w: Walker,
  section: Section,
  owner: string,
  klass: number,
  ttl: number,
  start: number,
  end: number,
): void {
  if (section !== 'additional') throw new WireError(`OPT record in ${section} section`);
  if (w.sawOpt) throw new WireError('more than one OPT record');
  if (owner !== '.') throw new WireError(`OPT record owner is ${owner}, not the root`);
  w.sawOpt = true;
  const options: EdnsOption[] = [];
  const { buf } = w;
  let pos = start;
  while (pos < end) {
    if (pos + 4 > end) throw new WireError('OPT option header runs past end of OPT record');
    const code = u16(buf, pos);
    const length = u16(buf, pos + 2);
    if (pos + 4 + length > end) throw new WireError(`OPT option ${code} length ${length} runs past end of OPT record`);
    options.push({ code, data: buf.slice(pos + 4, pos + 4 + length) });
    pos += 4 + length;
  }
  const edns: Edns = {
    version: (ttl >>> 16) & 0xff,
    udpSize: klass,
    do: (ttl & EDNS_FLAG.DO) !== 0,
    flags: ttl & 0x7fff,
    options,
  };
  w.message.edns = edns;
  w.message.rcode = ((ttl >>> 24) << 4) | (w.message.rcode & 0xf);
}

/** `1 question`, `2 questions`. */
function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
