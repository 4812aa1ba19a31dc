/**
 * Where a zone transfer stands, message by message, as dig judges it (RFC 5936 for AXFR, RFC 1995
 * for IXFR): a transfer starts with the zone's SOA; an AXFR (or an IXFR answered with a whole zone)
 * ends at the next SOA; an IXFR answer whose first serial is not newer than the client's is "up to
 * date"; an incremental one ends when the new serial comes round the second time after the blocks.
 * Pure: messages in, verdicts out.
 */
import { serialAtOrAfter, soaSerial } from '../wire/xfrQuery.js';
import { TYPE } from '../wire/rrtypes.js';
import type { Message } from '../wire/types.js';

/** What one more message means for the transfer. */
export type XfrVerdict =
  | { kind: 'more' }
  | { kind: 'done' }
  /** The transfer cannot go on: `line` is dig's text for it. */
  | { kind: 'failed'; line: string };

/** How the server chose to answer: a whole zone, difference blocks, or a lone SOA (up to date). */
export type XfrShape = 'axfr' | 'incremental' | 'uptodate';

/** The running state of one transfer; `records` counts up to the record that ended it, as dig's XFR size does. */
export interface XfrProgress {
  readonly messages: number;
  readonly bytes: number;
  readonly records: number;
  readonly shape?: XfrShape;
  /** Takes the next message (already accepted and decoded) and its size on the wire. */
  track(message: Message, octets: number): XfrVerdict;
}

/** dig's line for a transfer that ended without a zone. */
export const TRANSFER_FAILED = '; Transfer failed.';

/** Starts tracking an AXFR, or an IXFR from `ixfrSerial`. */
export function startXfr(ixfrSerial?: number): XfrProgress {
  const ixfr = ixfrSerial !== undefined;
  let messages = 0;
  let bytes = 0;
  let records = 0;
  let firstSerial: number | undefined;
  let secondSeen = false;
  let firstRepeated = false;
  let wholeZone = !ixfr;
  let shape: XfrShape | undefined = ixfr ? undefined : 'axfr';

  /** One record; returns a verdict when it ends the transfer. */
  const step = (type: number, serial: () => number): XfrVerdict | undefined => {
    records++;
    if (firstSerial === undefined) {
      if (type !== TYPE.SOA) return { kind: 'failed', line: `${TRANSFER_FAILED}  Didn't start with SOA answer.` };
      firstSerial = serial();
      if (ixfr && serialAtOrAfter(ixfrSerial, firstSerial)) {
        shape = 'uptodate';
        return { kind: 'done' };
      }
      return undefined;
    }
    if (!secondSeen && type !== TYPE.SOA) {
      // An IXFR answered with the whole zone: the second record is not an SOA.
      secondSeen = true;
      wholeZone = true;
      shape = 'axfr';
      return undefined;
    }
    if (type !== TYPE.SOA) return undefined;
    if (wholeZone) return { kind: 'done' };
    const current = serial();
    if (!secondSeen) {
      // SOA, SOA with the same serial: an IXFR of an empty difference.
      if (current === firstSerial) return { kind: 'done' };
      secondSeen = true;
      shape = 'incremental';
      return undefined;
    }
    if (current === firstSerial) {
      if (firstRepeated) return { kind: 'done' };
      firstRepeated = true;
    }
    return undefined;
  };

  return {
    get messages() {
      return messages;
    },
    get bytes() {
      return bytes;
    },
    get records() {
      return records;
    },
    get shape() {
      return shape;
    },
    track(message, octets) {
      messages++;
      bytes += octets;
      if (message.answer.length === 0) return { kind: 'failed', line: TRANSFER_FAILED };
      for (const record of message.answer) {
        const verdict = step(record.type, () => soaSerial(record));
        if (verdict) return verdict;
      }
      return { kind: 'more' };
    },
  };
}
