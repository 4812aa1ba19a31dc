/**
 * DNS over TLS and DNS over HTTP/2 servers that misbehave on purpose: the one fake server
 * (fakeServer.ts) with a script that takes each connection or stream over (a bare length prefix,
 * a body that is not DNS, RST_STREAM, GOAWAY, headers and then nothing), under the names older tests use.
 */
import { startFakeServer, type DohScript, type DotScript, type FakeServer } from './fakeServer.js';

export { dohHeaders, RST, type DohScript, type DotScript } from './fakeServer.js';

/** A running hostile server; `queries` holds the DNS queries it received. */
export type HostileSecureServer = Pick<FakeServer, 'port' | 'queries' | 'close'>;

/** A DoT server on 127.0.0.1 (random port) that runs `script` with each query and its connection. */
export function startHostileDotServer(script: DotScript): Promise<HostileSecureServer> {
  return startFakeServer({ transports: ['tls'], tlsScript: script });
}

/** A DoH server on 127.0.0.1 (random port), HTTPS or plain HTTP/2, that hands every request to `script`. */
export function startHostileDohServer(secure: boolean, script: DohScript): Promise<HostileSecureServer> {
  return startFakeServer({ transports: [secure ? 'https' : 'http'], httpScript: script });
}
