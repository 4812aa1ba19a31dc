/**
 * DNS over TCP with connections kept open (+keepopen, as in dig and kdig): the queries of a run to one
 * server share a connection and are pipelined on it, each framed by its length (RFC 1035 4.2.2), and
 * the replies are matched to them by ID in whatever order they come (RFC 7766 6.2.1.1). Each query
 * keeps its own deadline, and an ID is never in flight twice on one connection.
 *
 * A server may close a connection at any time (its idle timeout, a limit of queries per connection;
 * RFC 7766 6.2.3). A query it had not answered then goes once more, on a new connection, and fails as
 * `closed` only if that one closes too. A connection that could not be made fails its queries at once.
 */
import type { Socket } from 'node:net';
import { monotonicMs } from '../system/clock.js';
import { frame } from './framing.js';
import { IdTable } from './idTable.js';
import { type Finish, startLifetime } from './lifetime.js';
import { FrameSplitter } from './tcpStream.js';
import { TransportError, type Transport, type TransportRequest } from './types.js';
import { socketFailure } from './udp.js';

/** Queries in flight on one connection at most; the next one to that server opens another connection. */
export const PIPELINE_LIMIT = 100;

/** One query on a kept connection. */
interface Waiter {
  request: TransportRequest;
  id: number;
  finish: Finish;
  /** The connection it was last written to. */
  connection?: Connection;
  /** When it was last written, for the round-trip time. */
  sentAt: number;
  /** Set once it went again after a connection closed: a second close fails it. */
  resent: boolean;
  /** Set once it ended (reply, failure, timeout or abort). */
  settled: boolean;
}

/** A connection to one server (from one source) and the queries in flight on it, by ID. */
interface Connection {
  key: string;
  socket: Socket;
  waiting: IdTable<Waiter>;
  /**
   * IDs of queries that ended here before their reply (timed out, aborted): a late reply may still
   * come, so no new query with one of them goes on this connection, and the reply is dropped.
   */
  stale: IdTable<true>;
  /** Set once connected: a connection that closes before then could not be made. */
  connected: boolean;
  /** Set once it failed or closed: it takes no new queries. */
  dead: boolean;
}

/** A Transport over kept connections, plus the means to close them. */
export interface TcpPool extends Transport {
  /** Closes every connection; queries still in flight fail as aborted. */
  close(): void;
  /** Connections currently open (for tests). */
  connectionCount(): number;
}

function queryId(payload: Uint8Array): number {
  return (payload[0] << 8) | payload[1];
}

/** The key of the connections a request may share: its server and its source address. */
function connectionKey(request: TransportRequest): string {
  const { server, source } = request;
  return source
    ? `${server.address}#${server.port} from ${source.address}#${source.port}`
    : `${server.address}#${server.port}`;
}

/** Creates a pool; node:net is loaded with its first query. */
export function createTcpPool(): TcpPool {
  const byKey = new Map<string, Connection[]>();
  let closed = false;

  const retire = (connection: Connection): void => {
    if (connection.dead) return;
    connection.dead = true;
    const list = byKey.get(connection.key);
    const at = list?.indexOf(connection) ?? -1;
    if (list && at >= 0) list.splice(at, 1);
    if (list?.length === 0) byKey.delete(connection.key);
    connection.socket.destroy();
  };

  /** What becomes of the queries left on a connection that ended: once more elsewhere, or `failure`. */
  const orphan = (connection: Connection, failure: TransportError): void => {
    const left = connection.waiting.values();
    retire(connection);
    for (const waiter of left) {
      connection.waiting.delete(waiter.id);
      if (connection.connected && !waiter.resent && !closed) {
        waiter.resent = true;
        place(waiter);
      } else waiter.finish(failure);
    }
  };

  const open = (key: string, request: TransportRequest, connect: typeof import('node:net').connect): Connection => {
    const socket = connect({
      host: request.server.address,
      port: request.server.port,
      ...(request.source ? { localAddress: request.source.address, localPort: request.source.port || undefined } : {}),
    });
    socket.setNoDelay(true);
    const connection: Connection = {
      key,
      socket,
      waiting: new IdTable(),
      stale: new IdTable(),
      connected: false,
      dead: false,
    };
    const splitter = new FrameSplitter();
    socket.on('connect', () => {
      connection.connected = true;
    });
    socket.on('data', (chunk: Buffer) => {
      for (const raw of splitter.push(chunk)) {
        // A reply to a query that has ended (it timed out) or to none at all is dropped.
        const id = raw.length >= 2 ? queryId(raw) : -1;
        const waiter = connection.waiting.get(id);
        connection.stale.delete(id);
        if (!waiter) continue;
        // Its ID is free on this connection again: this was its reply, right or wrong.
        connection.waiting.delete(id);
        const verdict = waiter.request.check(raw);
        if (verdict.ok) waiter.finish({ raw, rttMs: monotonicMs() - waiter.sentAt });
        else waiter.finish(new TransportError('mismatch', verdict.warning));
      }
    });
    // A reset is the server closing the connection too; a connection never made fails its queries.
    socket.on('error', (error: NodeJS.ErrnoException) => orphan(connection, socketFailure(error)));
    // The server's end retires the connection at once (no query goes on a half-closed one); close comes after.
    socket.on('end', () => orphan(connection, closedBeforeReply()));
    socket.on('close', () => orphan(connection, closedBeforeReply()));
    // Only the deadlines of the queries in flight keep a run alive, not a connection left open.
    socket.unref();
    const list = byKey.get(key) ?? [];
    list.push(connection);
    byKey.set(key, list);
    return connection;
  };

  /** The connection a query goes on: a live one to its server without its ID and with room, or a new one. */
  const connectionFor = (waiter: Waiter, connect: typeof import('node:net').connect): Connection => {
    const key = connectionKey(waiter.request);
    for (const connection of byKey.get(key) ?? [])
      if (
        !connection.dead &&
        !connection.waiting.has(waiter.id) &&
        !connection.stale.has(waiter.id) &&
        connection.waiting.size < PIPELINE_LIMIT
      )
        return connection;
    return open(key, waiter.request, connect);
  };

  let net: typeof import('node:net') | undefined;
  /** Writes a query on a connection; the first query of a run loads node:net first. */
  function place(waiter: Waiter): void {
    if (net) {
      write(waiter, net.connect);
      return;
    }
    import('node:net').then(
      (loaded) => {
        net = loaded;
        write(waiter, loaded.connect);
      },
      () => waiter.finish(new TransportError('error', 'node:net could not be loaded')),
    );
  }
  const write = (waiter: Waiter, connect: typeof import('node:net').connect): void => {
    if (waiter.settled) return;
    if (closed) {
      waiter.finish(new TransportError('aborted', 'aborted'));
      return;
    }
    const connection = connectionFor(waiter, connect);
    waiter.connection = connection;
    connection.waiting.set(waiter.id, waiter);
    waiter.sentAt = monotonicMs();
    // Written before the connection is up, it goes out once it is.
    connection.socket.write(frame(waiter.request.payload));
  };

  return {
    send(request) {
      return new Promise((resolve, reject) => {
        const waiter: Waiter = {
          request,
          id: queryId(request.payload),
          finish: () => {},
          sentAt: 0,
          resent: false,
          settled: false,
        };
        const finish = startLifetime(
          request,
          () => {
            waiter.settled = true;
            const connection = waiter.connection;
            // Still waiting there: it ended before its reply, which may yet come.
            if (connection && connection.waiting.get(waiter.id) === waiter) {
              connection.waiting.delete(waiter.id);
              if (!connection.dead) connection.stale.set(waiter.id, true);
            }
          },
          resolve,
          reject,
        );
        if (!finish) return;
        waiter.finish = finish;
        place(waiter);
      });
    },
    close() {
      closed = true;
      for (const list of [...byKey.values()])
        for (const connection of [...list]) {
          const left = connection.waiting.values();
          retire(connection);
          for (const waiter of left) waiter.finish(new TransportError('aborted', 'aborted'));
        }
      byKey.clear();
    },
    connectionCount() {
      let count = 0;
      for (const list of byKey.values()) count += list.length;
      return count;
    },
  };
}

/** The failure of a query whose connection closed before its reply came, and closed again when it went once more. */
function closedBeforeReply(): TransportError {
  return new TransportError('closed', 'connection closed before a reply');
}
