/** The +watch status line: what it says of each kind of last reply, and how it fits the terminal. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { plainPalette } from '../../src/render/palette.js';
import { renderWatchStatus } from '../../src/render/watch.js';

test('the status line: the TTL left and the records, the status without an answer, or no reply', () => {
  const cases = [
    [{ rcode: 'NOERROR', records: 2, ttlLeft: 57, nextQueryIn: 1 }, ';; TTL 57s left, 2 records; next query in 1s'],
    [{ rcode: 'NOERROR', records: 1, ttlLeft: 0, nextQueryIn: 30 }, ';; TTL 0s left, 1 record; next query in 30s'],
    [{ rcode: 'NXDOMAIN', records: 0, nextQueryIn: 2 }, ';; NXDOMAIN, no answer; next query in 2s'],
    [{ records: 0, nextQueryIn: 2 }, ';; no reply; next query in 2s'],
  ] as const;
  for (const [status, line] of cases) assert.equal(renderWatchStatus(status, 80, plainPalette), line);
});

test('the status line is cut one column short of the width, so the cursor never wraps', () => {
  const status = { rcode: 'NOERROR', records: 2, ttlLeft: 57, nextQueryIn: 1 };
  assert.equal(renderWatchStatus(status, 21, plainPalette), ';; TTL 57s left, 2 r');
  assert.equal(renderWatchStatus(status, 45, plainPalette), ';; TTL 57s left, 2 records; next query in 1s');
  assert.equal(renderWatchStatus(status, 44, plainPalette), ';; TTL 57s left, 2 records; next query in 1');
  assert.equal(renderWatchStatus(status, 1, plainPalette), '');
});
