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

/** The label-by-label answers the string comparisons of plain names must agree with. */
const byLabels = {
  equal: (a: string, b: string): boolean => {
    const la = nameToLabels(a).map((l) => Buffer.from(l).toString('latin1').toLowerCase());
    const lb = nameToLabels(b).map((l) => Buffer.from(l).toString('latin1').toLowerCase());
    return la.length === lb.length && la.every((label, i) => label === lb[i]);
  },
  below: (child: string, parent: string): boolean => {
    const lc = nameToLabels(child).map((l) => Buffer.from(l).toString('latin1').toLowerCase());
    const lp = nameToLabels(parent).map((l) => Buffer.from(l).toString('latin1').toLowerCase());
    return lp.length <= lc.length && lp.every((label, i) => label === lc[lc.length - lp.length + i]);
  },
  parent: (name: string): string => nameFromLabels(nameToLabels(name).slice(1)),
};

test('plain names (letters, digits, - and _) compare as their labels do, trailing dot or not', async () => {
  const fc = (await import('fast-check')).default;
  const label = fc.stringMatching(/^[A-Za-z0-9_-]{1,5}$/);
  const name = fc
    .tuple(fc.array(fc.constantFrom('a', 'B', 'x-y', '_s', '9'), { maxLength: 3 }), fc.array(label, { maxLength: 2 }))
    .chain(([common, own]) =>
      fc
        .boolean()
        .map((dot) => (own.length + common.length === 0 ? '.' : `${[...own, ...common].join('.')}${dot ? '.' : ''}`)),
    );
  fc.assert(
    fc.property(name, name, (a, b) => {
      assert.equal(namesEqual(a, b), byLabels.equal(a, b), `${a} = ${b}`);
      assert.equal(isSubdomain(a, b), byLabels.below(a, b), `${a} below ${b}`);
      assert.equal(parentName(a), byLabels.parent(a), `parent of ${a}`);
    }),
    { numRuns: 3000 },
  );
});

test('names near the wire limit and with escapes keep the label rules', () => {
  const long = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`;
  assert.ok(namesEqual(long, `${long.toUpperCase()}.`));
  assert.throws(() => namesEqual(`e.${long}`, 'a.'), InputError);
  assert.throws(() => namesEqual(`${'a'.repeat(64)}.`, 'a.'), InputError);
  assert.throws(() => isSubdomain('a..b.', 'b.'), InputError);
  assert.ok(namesEqual('a\\.b.c.', 'A\\.B.c'));
  assert.ok(!namesEqual('a\\.b.c.', 'a.b.c.'));
  assert.ok(!isSubdomain('a\\.b.c.', 'b.c.'));
  assert.equal(parentName('A.b\\.c.d.'), 'b\\.c.d.');
  assert.equal(parentName('Www.Example.COM'), 'Example.COM.');
});
