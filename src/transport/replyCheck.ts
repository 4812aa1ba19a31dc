/** The cheap check every transport applies to what arrives: does it answer the query sent? */
import { namesEqual } from '../wire/name.js';
import { readName, WireError } from '../wire/reader.js';
import { className, OPCODE, opcodeName, typeName } from '../wire/rrtypes.js';
import type { QueryPacketSpec } from '../wire/types.js';
import type { ReplyCheck } from './types.js';

/** The verdict on a reply that answers the query (one object: a batch checks tens of thousands). */
const ANSWERS: ReplyCheck = { ok: true };

/** ASCII upper-case letters as lower-case; every other octet (label lengths are below 64) as it is. */
function foldCase(octet: number): number {
  return octet >= 0x41 && octet <= 0x5a ? octet | 0x20 : octet;
}

/**
 * Whether the reply's first question is the question of `sent` (the query's own octets), octet for
 * octet but for the case of ASCII letters: the common reply, accepted without reading its name.
 * Anything else (compression, another name) is left to the full check.
 */
function asksSameQuestion(sent: Uint8Array, reply: Uint8Array): boolean {
  // The query's own name: uncompressed and well formed.
  let end = 12;
  while (end < sent.length && sent[end] !== 0) end += sent[end] + 1;
  const typeAt = end + 1;
  if (typeAt + 4 > sent.length || typeAt + 4 > reply.length) return false;
  for (let i = 12; i < typeAt; i++) if (foldCase(sent[i]) !== foldCase(reply[i])) return false;
  for (let i = typeAt; i < typeAt + 4; i++) if (sent[i] !== reply[i]) return false;
  return true;
}

/**
 * Whether a datagram/frame answers `query`, reading only the header and first question and
 * never throwing: ID, QR, opcode and the question (name case-insensitively, type, class).
 * A reply without a question (common with FORMERR) is accepted, as dig does, and so is any
 * question when the query had none (+header-only). `sent`, the query as sent, lets a reply that
 * repeats its question be accepted without decoding the name.
 */
export function checkReply(query: QueryPacketSpec, reply: Uint8Array, sent?: Uint8Array): ReplyCheck {
  if (reply.length < 12) return { ok: false, warning: `reply of ${reply.length} bytes is shorter than a DNS header` };
  const id = (reply[0] << 8) | reply[1];
  if (id !== query.id) return { ok: false, warning: `ID mismatch: expected ID ${query.id}, got ${id}` };
  if ((reply[2] & 0x80) === 0) return { ok: false, warning: 'query response not set' };
  const opcode = (reply[2] >> 3) & 0xf;
  const expectedOpcode = query.opcode ?? OPCODE.QUERY;
  if (opcode !== expectedOpcode) {
    return { ok: false, warning: `Opcode mismatch: expected ${opcodeName(expectedOpcode)}, got ${opcodeName(opcode)}` };
  }
  const qdcount = (reply[4] << 8) | reply[5];
  // A query sent without a question (+header-only) has none to hold the reply's to.
  if (qdcount === 0 || query.headerOnly) return ANSWERS;
  if (sent && asksSameQuestion(sent, reply)) return ANSWERS;
  try {
    const name = readName(reply, 12, reply.length, false);
    if (name.next + 4 > reply.length) return { ok: false, warning: 'Question section runs past end of reply' };
    const type = (reply[name.next] << 8) | reply[name.next + 1];
    const klass = (reply[name.next + 2] << 8) | reply[name.next + 3];
    if (type !== query.type || klass !== query.class || !namesEqual(name.text, query.name)) {
      return {
        ok: false,
        warning: `Question section mismatch: got ${name.text}/${typeName(type)}/${className(klass)}`,
      };
    }
    return ANSWERS;
  } catch (error) {
    if (error instanceof WireError) return { ok: false, warning: `Question section is malformed: ${error.reason}` };
    throw error;
  }
}
