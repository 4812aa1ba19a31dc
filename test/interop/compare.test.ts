/** Comparison of dig's and tsdig's parsed outputs: what counts as a difference and how it reads. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareMessages, compareShort, compareTrace } from './compare.js';
import type { DigMessage, DigRecord, TraceHop } from './digParse.js';

const exact = { ttlTolerance: 0 };

function rec(name: string, ttl: number, type: string, data: string): DigRecord {
  return { name, ttl, class: 'IN', type, data };
}

function message(overrides: Partial<DigMessage> = {}): DigMessage {
  return {
    opcode: 'QUERY',
    status: 'NOERROR',
    id: 1,
    flags: ['qr', 'aa'],
    counts: { question: 1, answer: 2, authority: 0, additional: 1 },
    ednsVersion: 0,
    ednsFlags: [],
    udpSize: 1232,
    ednsOptions: ['COOKIE: 0011 (good)'],
    sections: {
      question: [{ name: 'many.lab.', ttl: null, class: 'IN', type: 'A', data: '' }],
      answer: [rec('many.lab.', 3600, 'A', '192.0.2.1'), rec('many.lab.', 3600, 'A', '192.0.2.2')],
      authority: [],
      additional: [],
    },
    server: '127.53.0.3#5300(127.53.0.3)',
    protocol: 'UDP',
    size: 80,
    notes: [],
    ...overrides,
  };
}

test('the same reply with another id, cookie and RRset order is no difference', () => {
  const other = message({
    id: 2,
    ednsOptions: ['COOKIE: ffee (good)'],
    sections: { ...message().sections, answer: [...message().sections.answer].reverse() },
  });
  assert.deepEqual(compareMessages(message(), other, exact), []);
});

test('status, flags, protocol and EDE differences are each named', () => {
  const other = message({
    status: 'SERVFAIL',
    flags: ['qr'],
    protocol: 'TCP',
    ednsOptions: ['EDE: 22 (No Reachable Authority)'],
  });
  assert.deepEqual(compareMessages(message(), other, exact), [
    'status: dig NOERROR, tsdig SERVFAIL',
    'flags: dig [qr aa], tsdig [qr]',
    'EDNS options: dig [], tsdig [EDE: 22 (No Reachable Authority)]',
    'protocol: dig UDP, tsdig TCP',
  ]);
});

test('a record missing on one side is shown as dig prints it', () => {
  const other = message({
    sections: {
      ...message().sections,
      answer: [rec('many.lab.', 3600, 'A', '192.0.2.1'), rec('many.lab.', 3600, 'A', '192.0.2.9')],
    },
  });
  assert.deepEqual(compareMessages(message(), other, exact), [
    'answer: only in dig:   many.lab. 3600 IN A 192.0.2.2',
    'answer: only in tsdig: many.lab. 3600 IN A 192.0.2.9',
  ]);
});

test('TTLs: exact from authoritative servers, within the tolerance from a cache', () => {
  const older = message({
    sections: { ...message().sections, answer: message().sections.answer.map((r) => ({ ...r, ttl: 3597 })) },
  });
  assert.equal(compareMessages(message(), older, exact).length, 2);
  assert.deepEqual(compareMessages(message(), older, { ttlTolerance: 5 }), []);
});

test('two truncated replies are compared by RRset, not by which records fitted', () => {
  const tc = { flags: ['qr', 'aa', 'tc'] };
  const other = message({
    ...tc,
    sections: {
      ...message().sections,
      answer: [rec('many.lab.', 3600, 'A', '192.0.2.7'), rec('many.lab.', 3600, 'A', '192.0.2.8')],
    },
  });
  assert.deepEqual(compareMessages(message(tc), other, exact), []);
  assert.equal(compareMessages(message(), other, exact).length, 5); // without TC on both sides, every difference counts
});

test('+short outputs are compared as multisets of lines', () => {
  assert.deepEqual(compareShort(['a', 'b'], ['b', 'a']), []);
  assert.deepEqual(compareShort(['a', 'b'], ['a', 'c']), ['only in dig:   b', 'only in tsdig: c']);
});

test('a trace that skips a zone cut or ends elsewhere is reported', () => {
  const hop = (from: string, records: DigRecord[]): TraceHop => ({ from: `${from}#53(x)`, bytes: 0, records });
  const hops = [
    hop('127.53.0.53', [rec('.', 1, 'NS', 'a.root-servers.')]),
    hop('127.0.0.1', [rec('deep.lab.', 1, 'NS', 'ns1.deep.lab.')]),
    hop('127.53.0.2', [rec('www.deep.lab.', 1, 'A', '192.0.2.1')]),
  ];
  const expected = {
    cuts: ['.', 'lab.', 'deep.lab.'],
    servers: ['127.53.0.53', '127.0.0.1', '127.53.0.3', '127.53.0.2'],
    answer: 'www.deep.lab. A 192.0.2.1',
  };
  assert.deepEqual(compareTrace(hops, expected), [
    'zone cuts: walked [. deep.lab.], expected [. lab. deep.lab.]',
    'servers: asked [127.53.0.53 127.0.0.1 127.53.0.2], expected [127.53.0.53 127.0.0.1 127.53.0.3 127.53.0.2]',
  ]);
  assert.deepEqual(
    compareTrace(hops.slice(0, 2), { ...expected, cuts: ['.', 'deep.lab.'], servers: ['127.53.0.53', '127.0.0.1'] }),
    ['final answer: expected www.deep.lab. A 192.0.2.1, last hop printed [deep.lab. NS ns1.deep.lab.]'],
  );
});
