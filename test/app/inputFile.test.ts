import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readInputFile } from '../../src/app/inputFile.js';
import { InputError } from '../../src/errors.js';

test('readInputFile: the text of the file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsdig-input-'));
  writeFileSync(join(dir, 'key'), 'key "k" { algorithm hmac-sha256; };\n');
  assert.equal(
    await readInputFile(join(dir, 'key'), 'key file', 'input.tsig'),
    'key "k" { algorithm hmac-sha256; };\n',
  );
});

test("readInputFile: a missing file or a directory is bad input naming what the file is for, its path and the system's reason", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsdig-input-'));
  const missing = join(dir, 'missing.pem');
  await assert.rejects(readInputFile(missing, '+tls-ca file', 'input.tls'), (error: unknown) => {
    assert.ok(error instanceof InputError);
    assert.equal(error.message, `couldn't read +tls-ca file '${missing}': ENOENT`);
    assert.equal(error.code, 'input.tls');
    return true;
  });
  await assert.rejects(readInputFile(dir, 'root hints file', 'input.roothints'), (error: unknown) => {
    assert.ok(error instanceof InputError);
    assert.equal(error.message, `couldn't read root hints file '${dir}': EISDIR`);
    assert.equal(error.code, 'input.roothints');
    return true;
  });
});
