/**
 * The transport contract: every transport (UDP, TCP, DNS over TLS, DNS over HTTPS) goes through the
 * same cases against the one fake server on loopback. What differs between them is written in the
 * case, by kind: a datagram transport skips a reply its caller rejects and keeps waiting (with a
 * warning); a stream transport fails the exchange with 'mismatch'.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { httpsTransport } from '../../src/transport/https.js';
import { tcpTransport } from '../../src/transport/tcp.js';
import { tlsTransport } from '../../src/transport/tls.js';
import type { TransportFailure } from '../../src/errors.js';
import { TransportError, type Transport, type TransportRequest } from '../../src/transport/types.js';
import { udpTransport } from '../../src/transport/udp.js';
import { decodeMessage } from '../../src/wire/decode.js';
import { exampleZone } from '../support/exampleZones.js';
import {
  elsewhereThenRight,
  encodeReply,
  record,
  startFakeServer,
  TCP_CLOSE_EARLY,
  wrongIdThenRight,
  wrongQuestionThenRight,
  type Action,
  type Carrier,
  type FakeServer,
  type ParsedQuery,
  type ServerSpec,
} from '../support/fakeServer.js';
import { transportRequest } from './secureFixtures.js';
import { rdataText } from '../../src/render/rdata/present.js';

/** One transport under contract. */
interface Under {
  carrier: Extract<Carrier, 'udp' | 'tcp' | 'tls' | 'https'>;
  transport: Transport;
  /** A datagram transport skips rejected replies; a stream transport fails on the first one. */
  datagram: boolean;
}

const TRANSPORTS: Under[] = [
  { carrier: 'udp', transport: udpTransport, datagram: true },
  { carrier: 'tcp', transport: tcpTransport, datagram: false },
  { carrier: 'tls', transport: tlsTransport, datagram: false },
  { carrier: 'https', transport: httpsTransport, datagram: false },
];

/** How an exchange ended: a reply (and the warnings on the way), or a failure. */
interface Outcome {
  raw?: Uint8Array;
  failure?: TransportError;
  warnings: string[];
}

/** One contract case: the server's spec, the request's changes, and what must come of it on `under`. */
interface Case {
  name: string;
  spec: ServerSpec;
  request?: (server: FakeServer) => Partial<TransportRequest>;
  /** Runs beside the exchange, with the abort of the exchange's signal. */
  meanwhile?: (server: FakeServer, abort: () => void) => Promise<void>;
  /** Stop the server before sending (nothing listens on its port). */
  closed?: boolean;
  expect(outcome: Outcome, under: Under, server: FakeServer): void;
}

/** The true answer to `query`: www.example.test. A with `address`. */
function answerTo(query: ParsedQuery, address = '192.0.2.10'): Uint8Array {
  return encodeReply(query, {
    rcode: 'NOERROR',
    aa: true,
    answers: [record(`www.example.test. A ${address}`)],
  });
}

/** A script that builds each query's action from its true answer. */
function scripted(make: (answer: Uint8Array, query: ParsedQuery) => Action): ServerSpec {
  return { script: ({ query }) => make(answerTo(query), query) };
}

function answerAddress(raw: Uint8Array | undefined): string | undefined {
  assert.ok(raw, 'a reply');
  const record = decodeMessage(raw).answer[0];
  return record && rdataText(record.rdata);
}

function assertFailure(outcome: Outcome, kind: TransportFailure, message?: RegExp): void {
  assert.ok(outcome.failure, `expected a '${kind}' failure, got a reply`);
  assert.equal(outcome.failure.kind, kind, outcome.failure.message);
  if (message) assert.match(outcome.failure.message, message);
}

/** A rejected first reply: skipped with a warning on a datagram transport, the end of a stream exchange. */
function rejectedFirst(warning: RegExp): Case['expect'] {
  return (outcome, under) => {
    if (under.datagram) {
      assert.equal(answerAddress(outcome.raw), '192.0.2.10');
      assert.equal(outcome.warnings.length, 1);
      assert.match(outcome.warnings[0] ?? '', warning);
    } else {
      assertFailure(outcome, 'mismatch', warning);
    }
  };
}

/** Enough TXT records to make a reply of about 60,000 octets: near the most one message can hold. */
function bigReply(query: ParsedQuery): Uint8Array {
  const strings = Array.from({ length: 24 }, (_, i) => `${i}`.padEnd(250, 'x'));
  const answers = Array.from({ length: 10 }, () => record('www.example.test. TXT x'));
  for (const rr of answers) rr.data = strings;
  return encodeReply(query, { rcode: 'NOERROR', aa: true, answers });
}

const CASES: Case[] = [
  {
    name: 'the answer to the query comes back, and the server saw the query as sent',
    spec: { zones: [exampleZone()] },
    expect: (outcome, under, server) => {
      assert.equal(answerAddress(outcome.raw), '192.0.2.10');
      assert.deepEqual(outcome.warnings, []);
      const [seen] = server.queries;
      assert.deepEqual(seen && [seen.name, seen.type, seen.id, seen.protocol], [
        'www.example.test',
        'A',
        0x1234,
        under.carrier,
      ]);
    },
  },
  {
    name: 'a reply with another ID is not the answer',
    spec: scripted((answer) => wrongIdThenRight(answer)),
    expect: rejectedFirst(/ID mismatch: expected ID 4660, got 60875/),
  },
  {
    name: 'a reply to another question is not the answer',
    spec: scripted((answer) => wrongQuestionThenRight(answer)),
    expect: rejectedFirst(/Question section mismatch: got other\.test\.\/A\/IN/),
  },
  {
    name: 'a reply too short for a header is not the answer',
    spec: scripted((answer) => ({ replies: [{ bytes: Uint8Array.of(0, 0, 0x81, 0x80, 0) }, { bytes: answer }] })),
    expect: rejectedFirst(/reply of 5 bytes is shorter than a DNS header/),
  },
  {
    name: 'a reply from another source never reaches the exchange',
    spec: { script: ({ query }) => elsewhereThenRight(answerTo(query), answerTo(query, '192.0.2.66')) },
    expect: (outcome) => {
      assert.equal(answerAddress(outcome.raw), '192.0.2.10');
      assert.deepEqual(outcome.warnings, []);
    },
  },
  {
    name: 'a truncated reply is handed back as it came (the exchange decides on TCP)',
    spec: scripted((answer) => ({ replies: [{ bytes: answer, tc: true }] })),
    expect: (outcome) => {
      assert.ok(outcome.raw);
      assert.equal(decodeMessage(outcome.raw).tc, true);
    },
  },
  {
    name: 'a reply of about 60,000 octets arrives whole',
    spec: { script: ({ query }) => ({ replies: [{ bytes: bigReply(query) }] }) },
    expect: (outcome) => {
      assert.ok(outcome.raw);
      assert.ok(outcome.raw.length > 60_000, String(outcome.raw.length));
      const message = decodeMessage(outcome.raw);
      assert.equal(message.answer.length, 10);
      assert.equal(message.tc, false);
    },
  },
  {
    name: 'silence ends at the deadline, as a timeout',
    spec: { behaviour: 'silent' },
    request: () => ({ timeoutMs: 200 }),
    expect: (outcome, _under, server) => {
      assertFailure(outcome, 'timeout', /^timed out$/);
      assert.equal(server.count(), 1);
    },
  },
  {
    name: 'an abort signal ends the wait once the query is in',
    spec: { behaviour: 'silent' },
    meanwhile: async (server, abort) => {
      await server.queried(1);
      abort();
    },
    expect: (outcome) => assertFailure(outcome, 'aborted'),
  },
  {
    name: 'a signal aborted before the start ends the exchange at once',
    spec: { zones: [exampleZone()] },
    request: () => ({ signal: AbortSignal.abort() }),
    expect: (outcome) => assertFailure(outcome, 'aborted'),
  },
  {
    name: 'a server that drops the exchange without a reply',
    spec: { script: [TCP_CLOSE_EARLY] },
    request: () => ({ timeoutMs: 200 }),
    expect: (outcome, under) => {
      const kinds: Record<Under['carrier'], TransportFailure> = {
        udp: 'timeout',
        tcp: 'closed',
        tls: 'closed',
        https: 'http',
      };
      assertFailure(outcome, kinds[under.carrier]);
    },
  },
  {
    name: 'a port where nothing listens is connection refused',
    spec: { zones: [exampleZone()] },
    closed: true,
    expect: (outcome) => assertFailure(outcome, 'refused', /^connection refused$/),
  },
];

/** Runs one case over one transport. */
async function run(contract: Case, under: Under): Promise<{ outcome: Outcome; server: FakeServer }> {
  const server = await startFakeServer({ ...contract.spec, transports: [under.carrier] });
  const warnings: string[] = [];
  const controller = new AbortController();
  try {
    if (contract.closed) await server.close();
    const request = {
      ...transportRequest(server.port, { onWarning: (text) => warnings.push(text), signal: controller.signal }),
      ...contract.request?.(server),
    };
    const [settled] = await Promise.all([
      under.transport.send(request).then(
        (reply): Outcome => ({ raw: reply.raw, warnings }),
        (error: unknown): Outcome => {
          assert.ok(error instanceof TransportError, String(error));
          return { failure: error, warnings };
        },
      ),
      contract.meanwhile?.(server, () => controller.abort()),
    ]);
    return { outcome: settled, server };
  } finally {
    await server.close();
  }
}

for (const contract of CASES) {
  describe(contract.name, () => {
    for (const under of TRANSPORTS) {
      test(under.carrier, async () => {
        const { outcome, server } = await run(contract, under);
        contract.expect(outcome, under, server);
      });
    }
  });
}
