/**
 * Playing an Action on the wire: datagrams for UDP, length-framed messages (with framing faults)
 * for TCP and TLS. Shared by every listener of the fake server.
 */
import type { Socket as UdpSocket } from 'node:dgram';
import type { Duplex } from 'node:stream';
import { bindUdp, closeUdp } from '../ports.js';
import type { ParsedQuery } from '../zoneReply.js';
import { renderReply, type Action } from './authority.js';

/** Waits that end early when the server closes; one per server, so close() can clear them. */
export interface Waits {
  sleep(ms: number): Promise<void>;
  closed(): boolean;
}

/** A Waits whose timers close() clears. */
export function serverWaits(): Waits & { close(): void } {
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;
  return {
    sleep: (ms) =>
      new Promise((resolve) => {
        if (!ms) return resolve();
        const timer = setTimeout(() => {
          timers.delete(timer);
          resolve();
        }, ms);
        timers.add(timer);
      }),
    closed: () => closed,
    close: () => {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
    },
  };
}

/** Sends an action's replies as datagrams to `to`, each after its delay; `fromElsewhere` ones from a fresh socket. */
export async function playDatagrams(
  udp: UdpSocket,
  to: { address: string; port: number },
  action: Action,
  query: ParsedQuery,
  waits: Waits,
): Promise<void> {
  for (const reply of action.replies) {
    await waits.sleep(reply.delayMs ?? 0);
    if (waits.closed()) return;
    const bytes = renderReply(reply, query);
    if (!reply.fromElsewhere) {
      udp.send(bytes, to.port, to.address);
      continue;
    }
    const own = udp.address();
    const other = await bindUdp(own.address, 0);
    await new Promise<void>((resolve) => other.send(bytes, to.port, to.address, () => resolve()));
    await closeUdp(other);
  }
}

/** Sends an action's replies on a stream (TCP or TLS), applying framing faults; closes when the action says so. */
export async function playFramed(stream: Duplex, action: Action, query: ParsedQuery, waits: Waits): Promise<void> {
  for (const reply of action.replies) {
    await waits.sleep(reply.delayMs ?? 0);
    if (waits.closed() || stream.destroyed) return;
    // A reply meant to come from elsewhere cannot reach a connection: it is simply not sent.
    if (reply.fromElsewhere) continue;
    const body = renderReply(reply, query);
    const prefixed = Buffer.alloc(body.length + 2);
    prefixed.writeUInt16BE(Math.max(0, Math.min(0xffff, body.length + (reply.frame?.lengthDelta ?? 0))), 0);
    prefixed.set(body, 2);
    const cut = reply.frame?.cutAfter;
    const toSend = cut === undefined ? prefixed : prefixed.subarray(0, cut);
    if (reply.frame?.dripMs) {
      for (const byte of toSend) {
        if (waits.closed() || stream.destroyed) return;
        stream.write(Buffer.from([byte]));
        await waits.sleep(reply.frame.dripMs);
      }
    } else {
      stream.write(toSend);
    }
    if (cut !== undefined) {
      stream.end();
      return;
    }
  }
  if (action.close) stream.end();
}

/** Splits a byte stream into length-framed messages, calling `onMessage` for each complete one. */
export function readFramed(stream: Duplex, onMessage: (message: Uint8Array) => void): void {
  let pending = Buffer.alloc(0);
  stream.on('data', (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    while (pending.length >= 2 && pending.length >= 2 + pending.readUInt16BE(0)) {
      const message = pending.subarray(2, 2 + pending.readUInt16BE(0));
      pending = pending.subarray(2 + message.length);
      onMessage(message);
    }
  });
}
