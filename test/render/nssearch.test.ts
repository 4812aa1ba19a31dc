import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSettings } from '../../src/cli/defaults.js';
import { plainPalette } from '../../src/render/palette.js';
import { renderNsSearch } from '../../src/render/nssearch.js';
import type { NsSearchResult, NsServerResult } from '../../src/resolve/nssearch.js';
import type { Exchange } from '../../src/resolve/types.js';
import type { Message } from '../../src/wire/types.js';
import { reply, rr } from '../resolve/fakeMessages.js';

const options = { palette: plainPalette, display: defaultSettings().display };
const NS_QUESTION = { name: 'multi.test.', type: 2, class: 1 };

function exchange(address: string, response: Message, rttMs: number): Exchange {
  return {
    server: { address, port: 53 },
    protocol: 'udp',
    question: { name: 'multi.test.', type: 6, class: 1 },
    query: new Uint8Array(),
    raw: new Uint8Array(),
    response,
    rttMs,
    receivedAt: new Date(0),
  };
}

const soaReply = (serial: number): Message =>
  reply({
    aa: true,
    answer: [rr('multi.test.', 'SOA', `ns1.multi.test. hostmaster.multi.test. ${serial} 7200 3600 1209600 300`)],
  });

function server(address: string, result: Partial<NsServerResult>): NsServerResult {
  return { name: 'ns.multi.test.', server: { address, port: 53 }, events: [], ...result };
}

function timedOut(address: string, message: string): NsServerResult {
  return server(address, {
    error: { code: 'transport.timeout', message },
    events: [
      { kind: 'commError', text: `communications error to ${address}#53: ${message}`, server: { address, port: 53 } },
    ],
  });
}

test("+nssearch lines, as dig 9.18 printed them for the same servers (the rtt truncated to whole ms, as dig's)", () => {
  const result: NsSearchResult = {
    ns: { question: NS_QUESTION, events: [], exchange: exchange('127.0.0.10', reply(), 1) },
    zone: 'multi.test.',
    nameServers: [{ name: 'ns9.nowhere.test.', addresses: [], failure: 'failure' }],
    servers: [
      timedOut('127.0.0.14', 'connection refused'),
      server('127.0.0.17', { exchange: exchange('127.0.0.17', soaReply(2), 0.4) }),
      server('127.0.0.11', { exchange: exchange('127.0.0.11', soaReply(1), 0.9) }),
      server('::1', { exchange: exchange('::1', soaReply(3), 4.7) }),
      timedOut('127.0.0.13', 'timed out'),
    ],
  };
  // dig +nssearch multi.test (BIND 9.18.49, the same zone data on loopback)
  const dig = [
    "couldn't get address for 'ns9.nowhere.test': failure",
    ';; communications error to 127.0.0.14#53: connection refused',
    'SOA ns1.multi.test. hostmaster.multi.test. 2 7200 3600 1209600 300 from server 127.0.0.17 in 0 ms.',
    'SOA ns1.multi.test. hostmaster.multi.test. 1 7200 3600 1209600 300 from server 127.0.0.11 in 0 ms.',
    'SOA ns1.multi.test. hostmaster.multi.test. 3 7200 3600 1209600 300 from server ::1 in 4 ms.',
    ';; communications error to 127.0.0.13#53: timed out',
  ];
  assert.equal(renderNsSearch(result, options), `${dig.join('\n')}\n`);
});

test("+nssearch: every server unreachable ends with dig's line; REFUSED, SERVFAIL and lame replies get a comment line where dig prints none", () => {
  const dead: NsSearchResult = {
    ns: { question: NS_QUESTION, events: [], exchange: exchange('127.0.0.10', reply(), 1) },
    zone: 'dead.test.',
    nameServers: [],
    servers: [timedOut('127.0.0.14', 'connection refused'), timedOut('127.0.0.13', 'timed out')],
    error: { code: 'nssearch.unreachable', message: 'NS servers could not be reached' },
  };
  assert.equal(
    renderNsSearch(dead, options),
    ';; communications error to 127.0.0.14#53: connection refused\n;; communications error to 127.0.0.13#53: timed out\n;; NS servers could not be reached\n',
  );
  const odd: NsSearchResult = {
    ns: dead.ns,
    zone: 'multi.test.',
    nameServers: [{ name: 'ns8.multi.test.', addresses: [], failure: 'not found' }],
    servers: [
      server('127.0.0.12', { exchange: exchange('127.0.0.12', reply({ rcode: 5 }), 1.2) }),
      server('127.0.0.16', { exchange: exchange('127.0.0.16', reply({ rcode: 2 }), 2) }),
      server('127.0.0.15', { exchange: exchange('127.0.0.15', reply(), 0) }),
    ],
  };
  assert.equal(
    renderNsSearch(odd, options),
    `${[
      "couldn't get address for 'ns8.multi.test': not found",
      ';; REFUSED from server 127.0.0.12 in 1 ms.',
      ';; SERVFAIL from server 127.0.0.16 in 2 ms.',
      ';; no SOA record from server 127.0.0.15 in 0 ms.',
    ].join('\n')}\n`,
  );
});

test('+nssearch: a name below the zone apex prints nothing (no NS set, nothing asked), as dig', () => {
  const below: NsSearchResult = {
    ns: { question: NS_QUESTION, events: [], exchange: exchange('127.0.0.10', reply(), 1) },
    nameServers: [],
    servers: [],
  };
  assert.equal(renderNsSearch(below, options), '');
});

test('+nssearch: event and failure lines escape what they carry', () => {
  const result: NsSearchResult = {
    ns: { question: NS_QUESTION, events: [], exchange: exchange('127.0.0.10', reply(), 1) },
    zone: 'multi.test.',
    nameServers: [],
    servers: [timedOut('127.0.0.1', 'TLS handshake failed: \x1b]0;x\x07')],
    error: { code: 'nssearch.unreachable', message: 'NS servers could not be reached\x1b[2J' },
  };
  assert.equal(
    renderNsSearch(result, options),
    ';; communications error to 127.0.0.1#53: TLS handshake failed: \\027]0;x\\007\n;; NS servers could not be reached\\027[2J\n',
  );
});
