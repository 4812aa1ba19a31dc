/**
 * DNS over UDP for many queries at once: connected sockets shared per server, replies matched to
 * queries by ID (then by the caller's check, which also compares the question). Saves a socket,
 * a bind and a connect per query in batch mode; each query keeps its own deadline.
 */
import { serverFamily } from '../wire/address.js';
import type { Socket } from 'node:dgram';
import { IdTable } from './idTable.js';
import { TransportError, type Transport, type TransportReply, type TransportRequest } from './types.js';
import { socketFailure, udpSocket, udpTransport } from './udp.js';
import { monotonicMs } from '../system/clock.js';

/** One query waiting for its reply on a shared socket (held until sent, in the pool's outgoing batch). */
interface Waiter {
  request: TransportRequest;
  shared: SharedSocket;
  sentAt: number;
  /** Set once the query ended (reply, failure, timeout or abort): it is not sent if it was still waiting to be. */
  settled: boolean;
  finish: (end: TransportError | TransportReply) => void;
}

/** A connected socket to one server and the queries in flight on it, keyed by DNS ID. */
interface SharedSocket {
  socket: Socket;
  ready: Promise<void>;
  /** Set once the socket is connected: a query then goes straight to the outgoing batch, without waiting on `ready`. */
  connected: boolean;
  waiting: IdTable<Waiter>;
  /** Set once the socket failed or was closed: it takes no new queries. */
  dead: boolean;
  /** Ends every query on the socket with the failure of `error`, and closes it. */
  fail(error: NodeJS.ErrnoException): void;
}

/** A Transport over shared sockets, plus the means to release them. */
export interface UdpPool extends Transport {
  /** Closes every socket; queries still in flight fail as aborted. */
  close(): void;
  /** Sockets currently open (for tests and memory checks). */
  socketCount(): number;
}

function noop(): void {}

function queryId(payload: Uint8Array): number {
  return (payload[0] << 8) | payload[1];
}

/**
 * Creates a pool. A query whose ID is already in flight on every socket to its server gets a new
 * socket, so an ID is never shared by two queries on one socket. Queries with a source address
 * (-b) use a socket of their own, as the plain UDP transport does.
 */
export function createUdpPool(): UdpPool {
  const byServer = new Map<string, SharedSocket[]>();
  // Queries made while handling a burst of replies go out together once the burst is handled
  // (setImmediate): the server is still busy with the previous ones then, so it need not be woken
  // for each datagram, which costs more than the datagram on a loopback.
  let outgoing: Waiter[] = [];
  let sendScheduled = false;
  const sendOutgoing = (): void => {
    sendScheduled = false;
    const batch = outgoing;
    outgoing = [];
    for (const waiter of batch) {
      const { shared } = waiter;
      if (waiter.settled || shared.dead) continue;
      waiter.sentAt = monotonicMs();
      shared.socket.send(waiter.request.payload, (error) => {
        if (!error) return;
        // A connected socket reports the server's port unreachable (to an earlier datagram) on the next
        // send: every query on it is refused, not only this one; the earlier one would wait to time out.
        if ((error as NodeJS.ErrnoException).code === 'ECONNREFUSED') shared.fail(error);
        else waiter.finish(socketFailure(error));
      });
    }
  };
  const queue = (item: Waiter): void => {
    outgoing.push(item);
    if (sendScheduled) return;
    sendScheduled = true;
    setImmediate(sendOutgoing);
  };

  const open = (key: string, address: string, port: number): SharedSocket => {
    const socket = udpSocket(serverFamily(address) === 6 ? 'udp6' : 'udp4');
    const shared: SharedSocket = {
      socket,
      waiting: new IdTable<Waiter>(),
      dead: false,
      connected: false,
      ready: Promise.resolve(),
      fail: (error) => {
        const failure = socketFailure(error);
        for (const waiter of shared.waiting.values()) waiter.finish(failure);
        retire();
      },
    };
    shared.ready = new Promise((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    // The rejection is handled where ready is awaited; the noop keeps an early failure from going unhandled.
    shared.ready.then(() => {
      shared.connected = true;
    }, noop);
    const retire = (): void => {
      if (shared.dead) return;
      shared.dead = true;
      const list = byServer.get(key);
      const at = list?.indexOf(shared) ?? -1;
      if (list && at >= 0) list.splice(at, 1);
      if (list?.length === 0) byServer.delete(key);
      socket.close();
    };
    // An error on a connected socket concerns its server (e.g. ICMP port unreachable): every query on it fails alike.
    socket.on('error', (error) => shared.fail(error));
    socket.on('message', (raw) => {
      const id = raw.length >= 2 ? queryId(raw) : -1;
      // A reply whose ID matches nothing is shown to the lone waiter (as a one-query socket would), else dropped as late.
      const waiter = shared.waiting.get(id) ?? (shared.waiting.size === 1 ? shared.waiting.values()[0] : undefined);
      if (!waiter) return;
      const verdict = waiter.request.check(raw);
      if (verdict.ok) waiter.finish({ raw, rttMs: monotonicMs() - waiter.sentAt });
      else waiter.request.onWarning?.(verdict.warning);
    });
    socket.connect(port, address);
    socket.unref();
    const list = byServer.get(key) ?? [];
    list.push(shared);
    byServer.set(key, list);
    return shared;
  };

  const socketFor = (request: TransportRequest, id: number): SharedSocket => {
    const { address, port } = request.server;
    const key = `${address}#${port}`;
    const list = byServer.get(key);
    if (list) for (const shared of list) if (!shared.dead && !shared.waiting.has(id)) return shared;
    return open(key, address, port);
  };

  return {
    send(request: TransportRequest): Promise<TransportReply> {
      if (request.source) return udpTransport.send(request);
      return new Promise((resolve, reject) => {
        const id = queryId(request.payload);
        const shared = socketFor(request, id);
        const waiter: Waiter = {
          request,
          shared,
          sentAt: monotonicMs(),
          settled: false,
          finish: (end) => {
            if (waiter.settled) return;
            waiter.settled = true;
            clearTimeout(timer);
            if (onAbort) request.signal?.removeEventListener('abort', onAbort);
            if (shared.waiting.get(id) === waiter) shared.waiting.delete(id);
            if (end instanceof TransportError) reject(end);
            else resolve(end);
          },
        };
        // Only a query that can be aborted gets a listener (a batch's queries have no signal).
        const signal = request.signal;
        const onAbort = signal ? (): void => waiter.finish(new TransportError('aborted', 'aborted')) : undefined;
        const timer = setTimeout(() => waiter.finish(new TransportError('timeout', 'timed out')), request.timeoutMs);
        if (signal && onAbort) {
          if (signal.aborted) return onAbort();
          signal.addEventListener('abort', onAbort, { once: true });
        }
        shared.waiting.set(id, waiter);
        if (shared.connected) queue(waiter);
        else
          shared.ready.then(
            () => queue(waiter),
            (error: NodeJS.ErrnoException) => waiter.finish(socketFailure(error)),
          );
      });
    },
    close(): void {
      for (const list of [...byServer.values()]) {
        for (const shared of [...list]) {
          for (const waiter of shared.waiting.values()) waiter.finish(new TransportError('aborted', 'aborted'));
          shared.dead = true;
          shared.socket.close();
        }
      }
      byServer.clear();
    },
    socketCount(): number {
      let count = 0;
      for (const list of byServer.values()) count += list.length;
      return count;
    },
  };
}
