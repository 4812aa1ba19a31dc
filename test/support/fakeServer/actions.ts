/** Ready-made Actions for scripts: the faults the transport, spoofing and decoder tests use most. */
import type { Action, Reply, Script } from './authority.js';

type Bytes = string | Uint8Array;

/** Replies with `bytes` (ID patched) to every query. */
export function replyWith(bytes: Bytes, extra: Omit<Reply, 'bytes'> = {}): Action {
  return { replies: [{ bytes, ...extra }] };
}

/** A reply with the wrong ID first, then the right one (a client must skip the first). */
export function wrongIdThenRight(bytes: Bytes): Action {
  return { replies: [{ bytes, id: 'wrong' }, { bytes }] };
}

/** A reply for another question first, then the right one. */
export function wrongQuestionThenRight(bytes: Bytes, other = { name: 'other.test.', type: 'A' }): Action {
  return { replies: [{ bytes, question: other }, { bytes }] };
}

/** UDP: a reply from another source port first, then the right one (a connected socket never sees the first). */
export function elsewhereThenRight(bytes: Bytes, elsewhere: Bytes = bytes): Action {
  return { replies: [{ bytes: elsewhere, fromElsewhere: true }, { bytes }] };
}

/** UDP gets `truncated` (TC forced), every other transport gets `full`: the TC -> TCP retry path. */
export function tcThenTcp(truncated: Bytes, full: Bytes): Script {
  return ({ protocol }) =>
    protocol === 'udp' ? { replies: [{ bytes: truncated, tc: true }] } : { replies: [{ bytes: full }] };
}

/** TCP: close the connection without replying. */
export const TCP_CLOSE_EARLY: Action = { replies: [], close: true };

/** TCP: a length prefix `delta` off the truth (then close, so a short read ends). */
export function tcpBadLength(bytes: Bytes, delta: number): Action {
  return { replies: [{ bytes, frame: { lengthDelta: delta } }], close: delta > 0 };
}

/** TCP: the reply one byte every `ms` milliseconds (a deadline must cover the whole drip). */
export function tcpDrip(bytes: Bytes, ms: number): Action {
  return { replies: [{ bytes, frame: { dripMs: ms } }] };
}

/** TCP: the reply with TC set (a client must not retry TCP over TCP). */
export function tcOverTcp(bytes: Bytes): Action {
  return { replies: [{ bytes, tc: true }] };
}
