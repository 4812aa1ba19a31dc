import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareMultiline, multilineSections } from './multiline.js';

const digOutput = [
  ';; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 1',
  ';; QUESTION SECTION:',
  ';ml.test.\t\tIN SOA',
  '',
  ';; ANSWER SECTION:',
  'ml.test.\t\t3600 IN\tSOA ns1.ml.test. hostmaster.ml.test. (',
  '\t\t\t\t2024060101 ; serial',
  '\t\t\t\t)',
  'ml.test.\t\t3600 IN\tNS ns1.ml.test.',
  '',
  ';; Query time: 0 msec',
  '',
].join('\n');

test('multilineSections: a record keeps its continuation lines; other lines are left out', () => {
  const sections = multilineSections(digOutput);
  assert.deepEqual(sections.QUESTION, [';ml.test.\t\tIN SOA']);
  assert.deepEqual(sections.ANSWER, [
    'ml.test.\t\t3600 IN\tSOA ns1.ml.test. hostmaster.ml.test. (\n\t\t\t\t2024060101 ; serial\n\t\t\t\t)',
    'ml.test.\t\t3600 IN\tNS ns1.ml.test.',
  ]);
  assert.deepEqual(sections.AUTHORITY, []);
});

test('compareMultiline: same records in another order agree; a space for a tab or a lost line does not', () => {
  const rotated = digOutput.replace(
    /(ml\.test\.\t\t3600 IN\tSOA[\s\S]*?\t\t\t\t\)\n)(ml\.test\.\t\t3600 IN\tNS ns1\.ml\.test\.\n)/,
    '$2$1',
  );
  assert.notEqual(rotated, digOutput);
  assert.deepEqual(compareMultiline(digOutput, rotated), []);
  assert.equal(compareMultiline(digOutput, digOutput.replace('3600 IN\tNS', '3600 IN NS')).length, 2);
  assert.equal(compareMultiline(digOutput, digOutput.replace('\t\t\t\t2024060101 ; serial\n', '')).length, 2);
  assert.equal(
    compareMultiline(digOutput, digOutput.replace(';ml.test.\t\tIN SOA', ';ml.test.\t\t\tIN\tSOA')).length,
    2,
  );
});

test('compareMultiline: a dig run without records is reported, not passed', () => {
  assert.deepEqual(compareMultiline(';; QUESTION SECTION:\n;x.\t\t\tIN A\n', ''), [
    'dig printed no answer or authority records',
  ]);
});
