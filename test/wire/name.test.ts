import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  parseName,
  nameToWire,
  nameFromLabels,
  namesEqual,
  isSubdomain,
  labelCount,
  parentName,
  nameToLabels,
} from '../../src/wire/name.js';
import { InputError } from '../../src/errors.js';

test('parseName makes names absolute and keeps case', () => {
  assert.equal(parseName('Example.COM'), 'Example.COM.');
  assert.equal(parseName('example.com.'), 'example.com.');
  assert.equal(parseName(''), '.');
  assert.equal(parseName('.'), '.');
  assert.equal(parseName('_sip._udp.example'), '_sip._udp.example.');
});

test('parseName understands dig escapes and re-escapes like dig', () => {
  assert.equal(parseName('a\\.b.example'), 'a\\.b.example.');
  assert.equal(parseName('a\\\\b'), 'a\\\\b.');
  assert.equal(parseName('\\065\\066c'), 'ABc.');
  assert.equal(parseName('a\\032b'), 'a\\032b.');
  assert.equal(parseName('a b'), 'a\\032b.');
  assert.equal(parseName('\\000\\255'), '\\000\\255.');
  assert.equal(parseName('\\x'), 'x.');
  assert.equal(parseName('q"u;o(t)e@$'), 'q\\"u\\;o\\(t\\)e\\@\\$.');
  assert.equal(parseName('tab\there'), 'tab\\009here.');
  assert.equal(parseName('del\x7f'), 'del\\127.');
});

test('parseName turns non-ASCII into escaped UTF-8 bytes', () => {
  assert.equal(parseName('é.example'), '\\195\\169.example.');
  assert.equal(parseName('😀'), '\\240\\159\\152\\128.');
});

test('parseName rejects bad names with one clear line', () => {
  const cases: Array<[string, string]> = [
    ['a..b.com', "'a..b.com' is not a legal name (empty label)"],
    ['.a', "'.a' is not a legal name (empty label)"],
    ['a..', "'a..' is not a legal name (empty label)"],
    [`${'x'.repeat(64)}.com`, `'${'x'.repeat(64)}.com' is not a legal name (label longer than 63 octets)`],
    ['a\\', "'a\\' is not a legal name (bad escape)"],
    ['a\\25', "'a\\25' is not a legal name (bad escape)"],
    ['a\\25x', "'a\\25x' is not a legal name (bad escape)"],
    ['a\\256', "'a\\256' is not a legal name (bad escape)"],
    ['bell\x07..x', "'bell\\007..x' is not a legal name (empty label)"],
  ];
  for (const [input, message] of cases) {
    assert.throws(
      () => parseName(input),
      (e: unknown) => e instanceof InputError && e.message === message,
      input,
    );
  }
});

test('name length limit is 255 octets on the wire', () => {
  const label = 'x'.repeat(63);
  // 4 labels of 63 = 4*64 + 1 = 257 octets: too long. 3 labels of 63 + one of 61 = 255: fine.
  assert.throws(() => parseName([label, label, label, label].join('.')), /name longer than 255 octets/);
  const longest = [label, label, label, 'y'.repeat(61)].join('.');
  assert.equal(nameToWire(longest).length, 255);
  assert.throws(() => parseName(`${longest}y`), /name longer than 255 octets/);
  // Escapes count as one octet each.
  assert.equal(nameToWire('\\000'.repeat(63)).length, 65);
});

test('nameToWire is uncompressed length-prefixed labels', () => {
  assert.deepEqual([...nameToWire('a.bc.')], [1, 0x61, 2, 0x62, 0x63, 0]);
  assert.deepEqual([...nameToWire('.')], [0]);
  assert.deepEqual([...nameToWire('a\\.b')], [3, 0x61, 0x2e, 0x62, 0]);
});

test('nameFromLabels escapes every unsafe byte', () => {
  assert.equal(nameFromLabels([]), '.');
  assert.equal(
    nameFromLabels([Uint8Array.from([0x1b, 0x5b, 0x33, 0x31, 0x6d]), Uint8Array.from([0x2e])]),
    '\\027[31m.\\..',
  );
  const all = Uint8Array.from({ length: 63 }, (_, i) => i * 4);
  assert.deepEqual(nameToLabels(nameFromLabels([all]))[0], all);
});

test('namesEqual folds ASCII case only', () => {
  assert.ok(namesEqual('Example.COM.', 'example.com'));
  assert.ok(namesEqual('\\065.', 'a.'));
  assert.ok(!namesEqual('\\195\\169.', '\\195\\137.'));
  assert.ok(!namesEqual('a.b.', 'a.b.c.'));
});

test('isSubdomain, labelCount and parentName', () => {
  assert.ok(isSubdomain('www.Example.com.', 'example.COM.'));
  assert.ok(isSubdomain('example.com.', 'example.com.'));
  assert.ok(isSubdomain('example.com.', '.'));
  assert.ok(!isSubdomain('badexample.com.', 'example.com.'));
  assert.ok(!isSubdomain('com.', 'example.com.'));
  assert.equal(labelCount('.'), 0);
  assert.equal(labelCount('a\\.b.example.com.'), 3);
  assert.equal(parentName('a\\.b.example.com.'), 'example.com.');
  assert.equal(parentName('com.'), '.');
  assert.equal(parentName('.'), '.');
});

test('any label bytes survive presentation and parsing unchanged', async () => {
  const fc = (await import('fast-check')).default;
  fc.assert(
    fc.property(fc.array(fc.uint8Array({ minLength: 1, maxLength: 63 }), { maxLength: 3 }), (labels) => {
      const text = nameFromLabels(labels);
      assert.equal(parseName(text), text);
      assert.deepEqual(nameToLabels(text), labels);
      assert.ok(/^[\x21-\x7e]+$/.test(text));
    }),
    { numRuns: 2000 },
  );
});
