/**
 * Bounds-checked reading of names from a DNS message, shared by the message decoder and the
 * RDATA presenters. Errors are WireError with a short reason; callers add section and index.
 */

import { TsdigError } from '../errors.js';
import { MAX_NAME_OCTETS, MAX_NAME_TEXT_OCTETS, writeLabelText } from './name.js';

/** A malformation found while reading; `reason` is a short human phrase. */
export class WireError extends TsdigError {
  constructor(readonly reason: string) {
    super('wire.malformed', reason);
    this.name = 'WireError';
  }
}

/** Data ran out before a field ended; tolerated (with a warning) in truncated (TC) replies. */
export class WireEndError extends WireError {
  override readonly name = 'WireEndError';
}

/** Where readName writes a name's text before making it one string (reading is synchronous: one at a time). */
const nameText = Buffer.allocUnsafe(MAX_NAME_TEXT_OCTETS);
/** Where readName gathers a name's uncompressed wire form before copying it out, likewise. */
const nameWire = new Uint8Array(MAX_NAME_OCTETS);

/** Most pointer hops followed for one name; far above what real messages use, and keeps decoding linear. */
export const MAX_POINTER_HOPS = 128;

/** A name read from the wire. */
export interface WireName {
  /** Absolute, escaped presentation form. */
  text: string;
  /** Offset just past the name where it was found (after the first pointer, if any). */
  next: number;
  /** Uncompressed wire form, filled only when asked for. */
  wire?: Uint8Array;
}

/**
 * Reads a possibly compressed name at `start`. The part stored in place must end before `limit`
 * (the end of the RDATA or of the message); pointers must go strictly backwards, each before the
 * previous target, so loops cannot happen; `allowPointers` false rejects them (uncompressed RDATA).
 */
export function readName(
  buf: Uint8Array,
  start: number,
  limit: number,
  wantWire: true,
  allowPointers?: boolean,
): WireName & { wire: Uint8Array };
export function readName(
  buf: Uint8Array,
  start: number,
  limit: number,
  wantWire: boolean,
  allowPointers?: boolean,
): WireName;
export function readName(
  buf: Uint8Array,
  start: number,
  limit: number,
  wantWire: boolean,
  allowPointers = true,
): WireName {
  let pos = start;
  let segmentLimit = limit;
  let next = -1;
  let lowestTarget = start;
  let hops = 0;
  let octets = 1; // the root label
  let textOctets = 0;
  let wireOctets = 0;
  for (;;) {
    if (pos >= segmentLimit) throw endOfName(segmentLimit, buf.length);
    const length = buf[pos];
    if (length === 0) {
      if (next < 0) next = pos + 1;
      break;
    }
    const kind = length & 0xc0;
    if (kind === 0xc0) {
      if (!allowPointers) throw new WireError('compression pointer inside uncompressed data');
      if (pos + 1 >= segmentLimit) throw endOfName(segmentLimit, buf.length);
      const target = ((length & 0x3f) << 8) | buf[pos + 1];
      if (next < 0) next = pos + 2;
      if (target >= buf.length) throw new WireError(`compression pointer to offset ${target} is outside the message`);
      if (target === pos) throw new WireError(`compression pointer at offset ${pos} points to itself`);
      if (target > pos) throw new WireError(`compression pointer at offset ${pos} points forward to ${target}`);
      if (target >= lowestTarget) throw new WireError(`compression pointer loop at offset ${pos}`);
      if (++hops > MAX_POINTER_HOPS)
        throw new WireError(`name uses more than ${MAX_POINTER_HOPS} compression pointers`);
      lowestTarget = target;
      pos = target;
      segmentLimit = buf.length; // earlier names may be anywhere before
      continue;
    }
    if (kind !== 0) throw new WireError(`unsupported label type 0x${kind.toString(16)}`);
    if (pos + 1 + length > segmentLimit) throw endOfName(segmentLimit, buf.length);
    octets += length + 1;
    if (octets > MAX_NAME_OCTETS) throw new WireError(`name longer than ${MAX_NAME_OCTETS} octets`);
    textOctets = writeLabelText(buf, pos + 1, pos + 1 + length, nameText, textOctets);
    // Within MAX_NAME_OCTETS, checked above: the length octet and the label, the root's octet after them.
    if (wantWire) for (let i = pos; i <= pos + length; i++) nameWire[wireOctets++] = buf[i];
    pos += length + 1;
  }
  const result: WireName = { text: textOctets === 0 ? '.' : nameText.toString('latin1', 0, textOctets), next };
  if (wantWire) {
    nameWire[wireOctets++] = 0;
    result.wire = nameWire.slice(0, wireOctets);
  }
  return result;
}

function endOfName(segmentLimit: number, messageLength: number): WireError {
  return segmentLimit < messageLength
    ? new WireError('name runs past end of record data')
    : new WireEndError('name runs past end of message');
}
