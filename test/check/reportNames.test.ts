/**
 * +check's judgments about the names in a delegation, as a pure function of collected data: glue a
 * parent sends from outside its own zone (named) against sibling glue (not named), name servers spelled
 * in mixed case (named as spelled), and a 190-octet name server (no view pads to its width). The
 * text, --table and JSON views are golden files (test/golden/check/).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkReport } from '../../src/check/report.js';
import type { CheckData } from '../../src/check/types.js';
import { renderCheck } from '../../src/render/check.js';
import { renderCheckTable } from '../../src/render/checkTable.js';
import { checkDocument } from '../../src/render/jsonCheck.js';
import { renderJsonDocuments } from '../../src/render/json.js';
import { plainPalette } from '../../src/render/palette.js';
import { assertGolden } from '../render/goldenFile.js';
import { assertSchemaValid } from '../support/schemaValid.js';
import { got, healthy, rec, renameServer, zoneCut } from './scenarios.js';

/** The findings that are not ok, as `severity id` lines, in report order. */
function problems(data: CheckData): string[] {
  return checkReport(data)
    .findings.filter((f) => f.severity !== 'ok')
    .map((f) => `${f.severity} ${f.id}`);
}

/** Checks the text, table (80 and 132 columns) and JSON views of a scenario against its golden files; returns the text and table. */
async function golden(name: string, data: CheckData): Promise<{ text: string; table: string }> {
  const report = checkReport(data);
  const text = renderCheck(report, data, { palette: plainPalette });
  assertGolden(`check/${name}.txt`, text);
  const table = await renderCheckTable(report, plainPalette, 80);
  assertGolden(`check/${name}.table.txt`, table);
  assertGolden(`check/${name}.table-132.txt`, await renderCheckTable(report, plainPalette, 132));
  const json = renderJsonDocuments([checkDocument(report, data, '0.0.0-test')], 'json');
  assertGolden(`check/${name}.json`, json);
  assertSchemaValid(JSON.parse(json));
  return { text, table };
}

const ADVICE = ['notice dnssec.status'];
const NS = [rec('example.test. 3600 IN NS ns1.example.test.'), rec('example.test. 3600 IN NS ns2.example.test.')];
const GLUE = [
  rec('ns1.example.test. 3600 IN A 192.0.2.1'),
  rec('ns1.example.test. 3600 IN AAAA 2001:db8::1'),
  rec('ns2.example.test. 3600 IN A 192.0.2.2'),
];
/** Sibling glue: a name in another zone under test., which test. serves (RFC 9471 2.2). */
const SIBLING = rec('ns.other.test. 3600 IN A 192.0.2.77');

/** The healthy zone with a second parent server; each parent server's referral has `extra` after the glue. */
function withParentExtras(extra: Array<ReturnType<typeof rec>[]>): CheckData {
  const data = healthy();
  const cut = zoneCut(data);
  const first = cut.parentServers[0];
  cut.parentServers = extra.map((records, i) => ({
    ...first,
    name: i === 0 ? 'a.nic.test.' : 'b.nic.test.',
    address: `192.0.2.${100 + i}`,
    ns: got({ authority: NS, additional: [...GLUE, ...records] }),
  }));
  return data;
}

test('glue from outside the parent zone: one warning naming the servers that sent it and the records', async () => {
  const victim = rec('ns.victim. 3600 IN A 203.0.113.66');
  const www = rec('www.victim. 3600 IN AAAA 2001:db8::66');
  const data = withParentExtras([
    [SIBLING, victim],
    [victim, www],
  ]);
  assert.deepEqual(problems(data), ['warning delegation.glue-out-of-zone', ...ADVICE]);
  const found = checkReport(data).findings[0];
  assert.equal(
    found.message,
    'test. gives address records outside its zone with the referral to example.test. (ignored): ' +
      'ns.victim. A 203.0.113.66 from a.nic.test. (192.0.2.100) and b.nic.test. (192.0.2.101); ' +
      'www.victim. AAAA 2001:db8::66 from b.nic.test. (192.0.2.101)',
  );
  assert.equal(found.reference, 'RFC 2181 5.4.1, RFC 9471');
  assert.deepEqual(found.servers, ['a.nic.test. (192.0.2.100)', 'b.nic.test. (192.0.2.101)']);
  await golden('glue-out-of-zone', data);
});

test('sibling glue and glue for names in the zone itself are not out of the parent zone', () => {
  const data = withParentExtras([[SIBLING, rec('ns.deeper.example.test. 3600 IN A 192.0.2.88')]]);
  assert.deepEqual(problems(data), ADVICE);
});

test('a parent that sends many records from outside its zone: four named, the rest counted, all in the evidence', () => {
  const many = Array.from({ length: 7 }, (_, i) => rec(`ns${i}.victim. 3600 IN A 203.0.113.${i}`));
  const found = checkReport(withParentExtras([many])).findings[0];
  assert.equal(found.id, 'delegation.glue-out-of-zone');
  assert.match(found.message, /ns3\.victim\. A 203\.0\.113\.3 from a\.nic\.test\. \(192\.0\.2\.100\); and 3 more$/);
  assert.doesNotMatch(found.message, /ns4\.victim\./);
  assert.equal((found.evidence.records as unknown[]).length, 7);
});

test('the root zone as parent: nothing is outside it', () => {
  const data = withParentExtras([[rec('ns.victim. 3600 IN A 203.0.113.66')]]);
  zoneCut(data).parent = '.';
  assert.ok(!checkReport(data).findings.some((f) => f.id === 'delegation.glue-out-of-zone'));
});

test('a name server spelled in mixed case is named as spelled in every finding', async () => {
  const spelled = 'Ns2.Example.TEST.';
  const data = renameServer(healthy(), 'ns2.example.test.', spelled);
  assert.deepEqual(problems(data), ADVICE);
  const report = checkReport(data);
  const texts = report.findings.flatMap((f) => [f.message, ...f.servers, JSON.stringify(f.evidence)]);
  assert.deepEqual(
    texts.filter((t) => t.includes('ns2.example.test.')),
    [],
  );
  const naming = report.findings.filter((f) => f.message.includes(spelled)).map((f) => f.id);
  assert.deepEqual(naming, ['delegation.ns-match', 'delegation.glue-match', 'ns.resolves']);
  await golden('mixedcase', data);
});

test('parent and child spell a name server differently: one NS set, named as first given', () => {
  const data = healthy();
  const spelled = [
    rec('example.test. 3600 IN NS ns1.example.test.'),
    rec('example.test. 3600 IN NS NS2.EXAMPLE.TEST.'),
  ];
  for (const server of zoneCut(data).servers) server.probes.ns = got({ aa: true, answer: spelled });
  assert.deepEqual(problems(data), ADVICE);
  assert.ok(
    checkReport(data).findings.some(
      (f) => f.message === 'test. and example.test. agree on the NS set {ns1.example.test., ns2.example.test.}',
    ),
  );
});

/** A 190-octet name server name (189 characters and the root label). */
const LONG = `${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(53)}.example.test.`;

test('a 190-octet name server: no text or table line padded to its width', async () => {
  assert.equal(LONG.length + 1, 190);
  const data = renameServer(healthy(), 'ns2.example.test.', LONG);
  assert.deepEqual(problems(data), ADVICE);
  const { text, table } = await golden('longname', data);
  const healthyText = renderCheck(checkReport(healthy()), healthy(), { palette: plainPalette });
  // Lines that do not name the server are the healthy zone's lines, unpadded.
  const unnamed = text.split('\n').filter((line) => !line.includes(LONG));
  assert.deepEqual(
    unnamed,
    healthyText.split('\n').filter((line) => !line.includes('ns2.example.test.')),
  );
  assert.ok(!/ \n/.test(text), 'no line ends in padding');
  // The table wraps the name inside the finding column: every line as wide as the healthy zone's table.
  const healthyTable = await renderCheckTable(checkReport(healthy()), plainPalette, 80);
  const grid = (text: string) => text.split('\n').filter((line) => /^[┌│├└]/.test(line));
  const width = grid(healthyTable)[0]?.length;
  for (const line of grid(table)) assert.equal(line.length, width, line);
});
