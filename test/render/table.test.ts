import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderTable, columnWidths } from '../../src/render/table.js';
import { plainPalette } from '../../src/render/palette.js';
import { colourPalette } from '../../src/render/colour.js';
import { wrapText } from '../../src/render/wrap.js';
import { toUnicode } from '../../src/cli/idn.js';
import { assertGolden } from './goldenFile.js';
import { allBytes, allBytesMessage, digStringText, resultOf, viewCases } from './viewFixtures.js';

const strip = (text: string): string => text.replace(/\x1b\[[0-9;]*m/g, '');
const widest = (text: string): number =>
  Math.max(
    ...strip(text)
      .split('\n')
      .map((line) => line.length),
  );

for (const [stem, result] of viewCases) {
  test(`table: ${stem} matches its golden files, plain and coloured`, async () => {
    const plain = await renderTable(result, plainPalette);
    assertGolden(`table/${stem}.txt`, plain);
    const coloured = await renderTable(result, await colourPalette(1));
    assertGolden(`table/${stem}.colour.txt`, coloured);
    assert.equal(strip(coloured), plain, 'colour adds escape codes and nothing else');
    assert.ok(widest(plain) <= 80, `${stem} fits 80 columns (widest line ${widest(plain)})`);
    assert.doesNotMatch(
      plain,
      /[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/,
      'no raw control or bidi characters',
    );
  });
}

test('table: header facts name status, aa, server, protocol and time', async () => {
  const text = await renderTable(viewCases[0][1], plainPalette);
  assert.match(text, /^example\.com\. IN ANY: NOERROR, authoritative\nfrom 127\.0\.0\.1#5300 over UDP in 3 ms\n/);
  assert.match(await renderTable(viewCases[2][1], plainPalette), /NOERROR, not authoritative/);
  assert.match(await renderTable(viewCases[1][1], plainPalette), /NXDOMAIN, authoritative/);
});

test('table: the all-bytes TXT data is all there, in order, escaped', async () => {
  const text = await renderTable(resultOf(allBytesMessage), plainPalette);
  const dataCells = text
    .split('\n')
    .filter((line) => line.startsWith('│') && !line.includes('│ Name'))
    .map((line) => line.split('│')[5].slice(1, -1));
  const joined = dataCells.join('').replace(/ +$/gm, '');
  const expected = `"${digStringText(allBytes.subarray(0, 255))}" "\\255"`;
  assert.equal(
    dataCells
      .map((c) => c.replace(/ +$/, ''))
      .join('')
      .replace(/\s/g, ''),
    expected.replace(/\s/g, ''),
  );
  assert.ok(joined.length > 0);
  assert.ok(text.includes('\\027[31m.example.com.'), 'escape sequence in the owner name is shown escaped');
});

test('table: narrower terminals get narrower tables, never truncated', async () => {
  for (const columns of [40, 72, 100, 132]) {
    const text = await renderTable(viewCases[0][1], plainPalette, { columns });
    // Below about 72 columns the fixed columns leave too little room; the table then overflows rather than cut data.
    if (columns >= 72) assert.ok(widest(text) <= columns, `fits ${columns}`);
    assert.ok(!text.includes('…'));
    assert.ok(
      text
        .replace(/[│\s]/g, '')
        .includes('mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ=='),
    );
  }
});

test('table: displayName shows owner names in Unicode when asked (+idnout)', async () => {
  const response = structuredClone(allBytesMessage);
  response.question[0].name = 'xn--bcher-kva.example.';
  response.answer[0].name = 'xn--bcher-kva.example.';
  const text = await renderTable(resultOf(response), plainPalette, { displayName: toUnicode });
  assert.match(text, /^bücher\.example\. IN TXT/);
  assert.match(text, /│ bücher\.example\. /);
});

test('columnWidths: natural widths when they fit, name and data share the rest when not', () => {
  const rows = [['a.', '1 (1s)', 'IN', 'A', '192.0.2.1']];
  assert.deepEqual(columnWidths(rows, 80), [4, 6, 5, 4, 9]);
  const long = [[`${'n'.repeat(50)}.`, '1 (1s)', 'IN', 'TXT', 'x'.repeat(100)]];
  const widths = columnWidths(long, 80);
  assert.equal(widths.reduce((a, b) => a + b) + 3 * 5 + 1, 80);
});

test('wrapText: breaks at spaces or dots, keeps every character, never splits an escape', () => {
  assert.deepEqual(wrapText('short', 10), ['short']);
  assert.deepEqual(wrapText('www.example.com.', 12, '.'), ['www.example.', 'com.']);
  assert.deepEqual(wrapText('a\\255\\255b', 5), ['a\\255', '\\255b']);
  assert.deepEqual(wrapText('ab\\255\\255', 5), ['ab', '\\255', '\\255']);
  assert.deepEqual(wrapText('ab cd ef', 3), ['ab ', 'cd ', 'ef']);
  const text = '"\\000 x\\"y" "z\\\\" 1 2 3 4 5 6 7 8 9';
  for (let width = 4; width < 20; width++) {
    const lines = wrapText(text, width);
    assert.equal(lines.join(''), text);
    for (const line of lines) assert.ok(line.length <= width && !/\\[0-9]{0,2}$/.test(line.replace(/\\\\/g, '')), line);
  }
});
