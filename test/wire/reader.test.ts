/** readName writes a name's text octet by octet; it must read exactly as the labels' presentation forms joined. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { labelToText } from '../../src/wire/name.js';
import { readName } from '../../src/wire/reader.js';

test('readName gives every label in its escaped presentation form, any octets, through a pointer too', () => {
  const label = fc.uint8Array({ minLength: 1, maxLength: 63 });
  fc.assert(
    fc.property(fc.array(label, { minLength: 1, maxLength: 3 }), (labels) => {
      const header = new Array<number>(12).fill(0);
      const name: number[] = [];
      for (const bytes of labels) name.push(bytes.length, ...bytes);
      // The name at 12, then a label and a pointer back to it, as a reply's owner names are written.
      const message = Uint8Array.from([...header, ...name, 0, 1, 0x61, 0xc0, 12]);
      const expected = labels.map((bytes) => `${labelToText(bytes)}.`).join('');
      assert.equal(readName(message, 12, message.length, false).text, expected);
      // The wire form, asked for: the name uncompressed, pointer followed.
      const withWire = readName(message, 12 + name.length + 1, message.length, true);
      assert.deepEqual([...withWire.wire], [1, 0x61, ...name, 0]);
      assert.equal(withWire.text, `a.${expected}`);
      const owner = readName(message, 12 + name.length + 1, message.length, false);
      assert.equal(owner.text, `a.${expected}`);
      assert.equal(owner.next, message.length);
    }),
    { numRuns: 2000, seed: 20_261_207 },
  );
  assert.equal(readName(Uint8Array.from([...new Array<number>(12).fill(0), 0]), 12, 13, false).text, '.');
  assert.equal(
    readName(Uint8Array.from([...new Array<number>(12).fill(0), 3, 0x61, 0x2e, 0xff, 0]), 12, 17, false).text,
    'a\\.\\255.',
  );
});
