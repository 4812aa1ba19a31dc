/**
 * The hostile server: the one fake server (fakeServer.ts) driven by a script of hand-made replies
 * (wrong IDs, wrong questions, silence, TC, TCP framing faults), under the names older tests use.
 */
import { startFakeServer, type Carrier, type Script } from './fakeServer.js';

export {
  elsewhereThenRight,
  renderReply,
  replyWith,
  SILENT,
  TCP_CLOSE_EARLY,
  tcOverTcp,
  tcpBadLength,
  tcpDrip,
  tcThenTcp,
  wrongIdThenRight,
  wrongQuestionThenRight,
  type Action as HostileAction,
  type FrameFault,
  type Reply as HostileReply,
  type Script as HostileScript,
  type ScriptContext as HostileContext,
} from './fakeServer.js';

/** How to start a hostile server. */
export interface HostileServerOptions {
  address: string;
  port?: number;
  script: Script;
}

/** A running hostile server; `queries` holds what it saw of each query. */
export interface HostileServer {
  address: string;
  port: number;
  readonly queries: Array<{ protocol: Carrier; id: number; name: string; type: string }>;
  count(): number;
  close(): Promise<void>;
}

/** Starts the server on `address` (UDP and TCP on one port). Close it in `after`/finally. */
export async function startHostileServer(options: HostileServerOptions): Promise<HostileServer> {
  const server = await startFakeServer({ address: options.address, port: options.port, script: options.script });
  return {
    address: server.address,
    port: server.port,
    get queries() {
      return server.queries.map(({ protocol, id, name, type }) => ({ protocol, id, name, type }));
    },
    count: server.count,
    close: server.close,
  };
}
