import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIGRC_MAX_BYTES, digrcText, readDigrc } from '../../src/system/digrc.js';
import { InputError } from '../../src/errors.js';

test('readDigrc: the text of the file under HOME; none without HOME or without the file', () => {
  const home = mkdtempSync(join(tmpdir(), 'tsdig-digrc-'));
  assert.equal(readDigrc({ HOME: home }), '');
  writeFileSync(join(home, '.digrc'), '+short\n');
  assert.equal(readDigrc({ HOME: home }), '+short\n');
  assert.equal(readDigrc({}), '');
});

test('digrcText: UTF-8 text as it is; a NUL byte or bytes that are not UTF-8 are refused, naming the offset', () => {
  assert.equal(digrcText(Buffer.from('+short\n; café\n')), '+short\n; café\n');
  const refusal = (bytes: number[]) => {
    try {
      digrcText(Uint8Array.from(bytes));
      return 'accepted';
    } catch (error) {
      assert.ok(error instanceof InputError);
      return error.message;
    }
  };
  assert.equal(
    refusal([0x2b, 0x00, 0x0a]),
    '~/.digrc: not a text file (a NUL byte at offset 1); tsdig -r skips the file',
  );
  assert.equal(
    refusal([0x2b, 0x61, 0xff]),
    '~/.digrc: not UTF-8 text (byte 0xff at offset 2); tsdig -r skips the file',
  );
  // A lead byte followed by ASCII fails at the ASCII; one cut off by the end of the file, at itself.
  assert.equal(refusal([0xc3, 0x41]), '~/.digrc: not UTF-8 text (byte 0x41 at offset 1); tsdig -r skips the file');
  assert.equal(
    refusal([0x41, 0xe2, 0x82]),
    '~/.digrc: not UTF-8 text (byte 0x82 at offset 2); tsdig -r skips the file',
  );
});

test('readDigrc: a file over the limit, a directory and a device are bad input, not read', () => {
  const home = mkdtempSync(join(tmpdir(), 'tsdig-digrc-'));
  writeFileSync(join(home, '.digrc'), '+short\n'.padEnd(DIGRC_MAX_BYTES + 1, ' '));
  assert.throws(
    () => readDigrc({ HOME: home }),
    /^InputError: ~\/\.digrc: larger than 65536 bytes; tsdig -r skips the file$/,
  );
  writeFileSync(join(home, '.digrc'), '+short\n'.padEnd(DIGRC_MAX_BYTES, ' '));
  assert.equal(readDigrc({ HOME: home }), '+short\n'.padEnd(DIGRC_MAX_BYTES, ' '));
  const dir = mkdtempSync(join(tmpdir(), 'tsdig-digrc-'));
  mkdirSync(join(dir, '.digrc'));
  assert.throws(() => readDigrc({ HOME: dir }), /not a regular file/);
  const device = mkdtempSync(join(tmpdir(), 'tsdig-digrc-'));
  symlinkSync('/dev/zero', join(device, '.digrc'));
  assert.throws(() => readDigrc({ HOME: device }), /not a regular file/);
});
