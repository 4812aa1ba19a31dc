// The query and reply of dig's header and EDNS options as dig 9.18.49 printed them with +qr, against
// a loopback server that sends each query back with QR set (the expected lines below are dig's).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderLookup } from '../../src/render/dig.js';
import { plainPalette } from '../../src/render/palette.js';
import { defaultDisplay } from '../../src/cli/defaults.js';
import { decodeMessage } from '../../src/wire/decode.js';
import { encodeQuery } from '../../src/wire/encode.js';
import type { QueryPacketSpec } from '../../src/wire/types.js';
import type { LookupResult } from '../../src/resolve/types.js';

/** The lookup of `spec` answered by its echo: the query bytes with QR set. */
function echoed(spec: QueryPacketSpec): { result: LookupResult; query: ReturnType<typeof decodeMessage> } {
  const query = encodeQuery(spec);
  const raw = Uint8Array.from(query);
  raw[2] |= 0x80;
  const question = { name: spec.name, type: spec.type, class: spec.class };
  const result: LookupResult = {
    question,
    events: [],
    exchange: {
      server: { address: '127.0.0.9', port: 47999 },
      protocol: 'udp',
      question,
      query,
      raw,
      response: decodeMessage(raw),
      rttMs: 0,
      receivedAt: new Date(0),
    },
  };
  return { result, query: decodeMessage(query) };
}

/** dig's +qr text from ";; Sending:" up to the statistics, less the authority line dig does not print. */
function shown(spec: QueryPacketSpec): string {
  const { result, query } = echoed(spec);
  const text = renderLookup(result, { display: { ...defaultDisplay(), qr: true }, palette: plainPalette }, query);
  return text
    .split('\n')
    .filter((line) => !/^;; (NON-)?AUTHORITATIVE ANSWER/.test(line))
    .join('\n')
    .replace(/;; Query time:[\s\S]*$/, '');
}

const x: QueryPacketSpec = {
  id: 15303,
  name: 'example.com.',
  type: 1,
  class: 1,
  rd: true,
  cd: false,
  ad: true,
  edns: { version: 0, udpSize: 1232, do: false, nsid: false },
};

test('+header-only +qr: the empty question section is titled in the query, left out of the reply', () => {
  assert.equal(
    shown({ ...x, headerOnly: true }),
    [
      ';; Sending:',
      ';; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 15303',
      ';; flags: rd ad; QUERY: 0, ANSWER: 0, AUTHORITY: 0, ADDITIONAL: 1',
      '',
      ';; OPT PSEUDOSECTION:',
      '; EDNS: version: 0, flags:; udp: 1232',
      ';; QUESTION SECTION:',
      '',
      ';; QUERY SIZE: 23',
      '',
      ';; Got answer:',
      ';; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 15303',
      ';; flags: qr rd ad; QUERY: 0, ANSWER: 0, AUTHORITY: 0, ADDITIONAL: 1',
      ';; WARNING: recursion requested but not available',
      '',
      ';; OPT PSEUDOSECTION:',
      '; EDNS: version: 0, flags:; udp: 1232',
      '',
    ].join('\n'),
  );
});

test('+opcode=update: dig titles the question section ZONE', () => {
  assert.equal(
    shown({ ...x, id: 33412, opcode: 5 }),
    [
      ';; Sending:',
      ';; ->>HEADER<<- opcode: UPDATE, status: NOERROR, id: 33412',
      ';; flags: rd ad; QUERY: 1, ANSWER: 0, AUTHORITY: 0, ADDITIONAL: 1',
      '',
      ';; OPT PSEUDOSECTION:',
      '; EDNS: version: 0, flags:; udp: 1232',
      ';; ZONE SECTION:',
      ';example.com.\t\t\tIN\tA',
      '',
      ';; QUERY SIZE: 40',
      '',
      ';; Got answer:',
      ';; ->>HEADER<<- opcode: UPDATE, status: NOERROR, id: 33412',
      ';; flags: qr rd ad; QUERY: 1, ANSWER: 0, AUTHORITY: 0, ADDITIONAL: 1',
      ';; WARNING: recursion requested but not available',
      '',
      ';; OPT PSEUDOSECTION:',
      '; EDNS: version: 0, flags:; udp: 1232',
      ';; ZONE SECTION:',
      ';example.com.\t\t\tIN\tA',
      '',
      '',
    ].join('\n'),
  );
});

test('flags lines: +zflag as MBZ 0x4, +aaflag +raflag +tcflag by name, EDNS co and the other bits as MBZ', () => {
  const lines = (spec: QueryPacketSpec): string[] =>
    shown(spec)
      .split('\n')
      .filter((line) => /^;; flags:|^; EDNS:/.test(line));
  assert.deepEqual(lines({ ...x, name: 'x.', z: true }).slice(0, 2), [
    ';; flags: rd ad; MBZ: 0x4; QUERY: 1, ANSWER: 0, AUTHORITY: 0, ADDITIONAL: 1',
    '; EDNS: version: 0, flags:; udp: 1232',
  ]);
  assert.equal(
    lines({ ...x, aa: true, ra: true, tc: true })[2],
    ';; flags: qr aa tc rd ra ad; QUERY: 1, ANSWER: 0, AUTHORITY: 0, ADDITIONAL: 1',
  );
  // dig x. +coflag +dnssec +ednsflags=3
  assert.equal(
    lines({ ...x, edns: { ...x.edns!, do: true, flags: 0x4003 } })[1],
    '; EDNS: version: 0, flags: do co; MBZ: 0x0003, udp: 1232',
  );
  // dig x. +ednsflags=0x7fff sends 0x3fff: 0x4000 is CO, which +ednsflags leaves alone.
  assert.equal(
    lines({ ...x, edns: { ...x.edns!, flags: 0x3fff } })[1],
    '; EDNS: version: 0, flags:; MBZ: 0x3fff, udp: 1232',
  );
});

test('+padding +qr: the query shows "PAD:" as dig built it, the reply the padding that went out', () => {
  const text = shown({ ...x, name: 'x.', edns: { ...x.edns!, padding: 64 } });
  assert.deepEqual(
    text.split('\n').filter((line) => line.startsWith('; PAD')),
    ['; PAD:', '; PAD: (30 bytes)'],
  );
  assert.match(text, /;; QUERY SIZE: 64\n/);
});

test("+expire +keepalive +ednsopt: empty options by name in dig's order", () => {
  const text = shown({
    ...x,
    name: 'x.',
    edns: { ...x.edns!, nsid: true, expire: true, keepalive: true, extra: [{ code: 5, data: Uint8Array.of(1) }] },
  });
  const query = text.slice(0, text.indexOf(';; Got answer:'));
  assert.deepEqual(
    query.split('\n').filter((line) => /^; [A-Z]/.test(line) && !line.startsWith('; EDNS')),
    ['; NSID:', '; EXPIRE:', '; TCP KEEPALIVE:', '; OPT=5: 01 (".")'],
  );
});

test("FORMERR or NOTIMP without OPT to a query with EDNS: dig's hint to retry without it (and without +dnssec)", () => {
  const warnings = (spec: QueryPacketSpec, rcode: number): string[] => {
    const { result, query } = echoed(spec);
    // The server's reply: the header only, QR and the RCODE set, no question and no OPT record.
    const raw = Uint8Array.from(result.exchange!.query.subarray(0, 12));
    raw[2] |= 0x80;
    raw[3] = rcode;
    raw[5] = 0;
    raw[11] = 0;
    const exchange = { ...result.exchange!, raw, response: decodeMessage(raw) };
    const text = renderLookup({ ...result, exchange }, { display: defaultDisplay(), palette: plainPalette }, query);
    return text.split('\n').filter((line) => line.includes('EDNS query'));
  };
  // dig @nsd nsd.lab. SOA +norecurse +opcode=status (NSD 4.6 answers NOTIMP, header only)
  assert.deepEqual(warnings({ ...x, opcode: 2 }, 4), [
    ";; WARNING: EDNS query returned status NOTIMP - retry with '+noedns'",
  ]);
  assert.deepEqual(warnings({ ...x, edns: { ...x.edns!, do: true } }, 1), [
    ";; WARNING: EDNS query returned status FORMERR - retry with '+nodnssec +noedns'",
  ]);
  assert.deepEqual(warnings({ ...x, edns: null }, 1), []);
  assert.deepEqual(warnings(x, 2), []);
});
