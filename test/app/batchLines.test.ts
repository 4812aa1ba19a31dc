import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { openBatchText, type BatchText } from '../../src/app/batchLines.js';
import { BatchFileError } from '../../src/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'tsdig-batchlines-'));

async function allLines(text: BatchText): Promise<string[]> {
  const lines: string[] = [];
  for await (const chunk of text.chunks()) lines.push(...chunk);
  return lines;
}

/** Text whose lines and multi-byte characters (2, 3 and 4 bytes in UTF-8) fall across every 64 KiB read. */
function awkwardText(): string {
  const lines: string[] = [];
  // The joined length, kept as lines are added: joining on every step made this quadratic.
  for (let i = 0, length = -1; length < 300_000; i++) {
    const line = `n${i}.example ${'é€😀'.repeat(i % 9)}${i % 4 === 0 ? '\r' : ''}`;
    lines.push(line);
    length += line.length + 1;
  }
  return lines.join('\n');
}

test('a regular file is read again on each pass, lines and characters whole across reads', async () => {
  const text = awkwardText();
  const path = join(dir, 'awkward.txt');
  writeFileSync(path, text);
  const batch = await openBatchText(path, undefined);
  try {
    const first = await allLines(batch);
    assert.deepEqual(first, text.split('\n'));
    // The file changes between passes: the second pass sees the new text, so nothing of the first was kept.
    writeFileSync(path, 'changed.example\n');
    assert.deepEqual(await allLines(batch), ['changed.example']);
  } finally {
    await batch.close();
  }
});

test('a stream (a pipe) is kept as bytes and split the same way on every pass', async () => {
  const text = `${awkwardText()}\n`;
  const bytes = Buffer.from(text);
  // Small, odd-sized chunks, as a pipe delivers them.
  const parts = Array.from({ length: Math.ceil(bytes.length / 4093) }, (_, i) =>
    bytes.subarray(i * 4093, (i + 1) * 4093),
  );
  const batch = await openBatchText('-', Readable.from(parts));
  const expected = text.split('\n').slice(0, -1);
  assert.deepEqual(await allLines(batch), expected);
  assert.deepEqual(await allLines(batch), expected);
});

test('a file without a final newline keeps its last line; an empty file has none', async () => {
  const path = join(dir, 'short.txt');
  writeFileSync(path, '');
  const batch = await openBatchText(path, undefined);
  try {
    writeFileSync(path, 'a.example\nb.example');
    assert.deepEqual(await allLines(batch), ['a.example', 'b.example']);
    writeFileSync(path, '');
    assert.deepEqual(await allLines(batch), []);
  } finally {
    await batch.close();
  }
});

test('a missing file or a directory is a BatchFileError naming the file', async () => {
  await assert.rejects(
    openBatchText(join(dir, 'missing'), undefined),
    (error: unknown) => error instanceof BatchFileError && /missing': no such file/.test(error.message),
  );
  await assert.rejects(
    openBatchText(dir, undefined),
    (error: unknown) => error instanceof BatchFileError && /is a directory/.test(error.message),
  );
});
