import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse } from 'yaml';
import { defaultDisplay } from '../../src/cli/defaults.js';
import type { DisplayFlags } from '../../src/cli/types.js';
import { yamlError, yamlLookup, yamlMessage, yamlTrace, type YamlContext } from '../../src/render/yaml.js';
import { yamlTimestamp } from '../../src/render/yamlMessage.js';
import { doubleQuoted, plainOrQuoted, singleQuoted } from '../../src/render/yamlScalars.js';
import { escapeText } from '../../src/wire/escape.js';
import { parseYamlItems, member } from '../support/yamlDocument.js';
import { assertGolden } from './goldenFile.js';
import { deadZoneTrace, robustTrace } from './traceFixtures.js';
import { viewCases } from './viewFixtures.js';
import { hostileReply, yamlExchange, yamlLookupOf, yamlReplies } from './yamlFixtures.js';

function ctx(display: Partial<DisplayFlags> = {}, more: Partial<YamlContext> = {}): YamlContext {
  return { display: { ...defaultDisplay(), ...display }, ...more };
}

/** Output that reaches a terminal: no C0 but newline, no DEL, no C1, no bidi controls. */
function assertTerminalSafe(text: string): void {
  assert.doesNotMatch(text, /[\x00-\x09\x0b-\x1f\x7f\u0080-\u009f\u202a-\u202e\u2066-\u2069]/);
}

for (const [name, result] of viewCases) {
  test(`+yaml golden: ${name}`, () => {
    const text = yamlLookup(result, ctx());
    assertGolden(`yaml/${name}.yaml`, text);
    parseYamlItems(text);
  });
}

for (const [name, raw] of yamlReplies) {
  test(`+yaml golden: ${name} (+qr)`, () => {
    const text = yamlLookup(yamlLookupOf(raw), ctx({ qr: true }));
    assertGolden(`yaml/${name}.yaml`, text);
    assertTerminalSafe(text);
    parseYamlItems(text);
  });
}

test('+yaml golden: +trace, each hop with a reply, and the failure of a trace that could not finish', () => {
  const display = { comments: false, question: false, additional: false };
  assertGolden('yaml/trace-robust.yaml', yamlTrace(robustTrace(), ctx(display), false));
  const dead = yamlTrace(deadZoneTrace(), ctx(display), false);
  assertGolden('yaml/trace-dead-zone.yaml', dead);
  const items = parseYamlItems(dead);
  assert.equal(items.at(-1)?.type, 'DIG_ERROR');
});

test('a hostile reply parses back to the presentation text, quotes and all', () => {
  const items = parseYamlItems(yamlLookup(yamlLookupOf(hostileReply), ctx()));
  const data = member(items[0], ['message', 'response_message_data']);
  assert.deepEqual(member(data, ['ANSWER_SECTION']), [
    "a'b.x. 60 IN A 192.0.2.1",
    'example.test. 60 IN TXT "it\'s" "say \\"hi\\"" "\\000\\010\\013\\027[2J\\127\\128\\155" "# not a comment" ": colon" "\'\'"',
    "-dash.#hash.sp\\032ace.q'.\\010.\\226\\128\\174. 60 IN A 192.0.2.2",
    "example.test. 60 IN PTR ptr'x.tab\\009x.",
    'example.test. 60 IN TYPE65280 \\# 2 DEAD',
    'example.test. 60 CLASS65280 A \\# 4 01020304',
  ]);
  const edns = member(data, ['OPT_PSEUDOSECTION', 'EDNS']) as Record<string, unknown>;
  assert.equal(edns.NSID, '61 3a 20 62 20 23 63 1b ("a: b #c.")');
  assert.equal(edns['OPT=65001'], '61 27 62 3a 20 63 ("a\'b: c")');
  // Three EDE options: keys must differ, so the second and third are numbered.
  assert.deepEqual(edns['EDE-2'], { 'INFO-CODE': '3 (Stale Answer)' });
  assert.deepEqual(edns['EDE-3'], { 'INFO-CODE': 99, 'EXTRA-TEXT': '..x' });
});

test('EDE text: quotes and backslashes escaped, UTF-8 kept, bidi controls as YAML escapes, controls as dots', () => {
  const text = yamlLookup(yamlLookupOf(hostileReply), ctx());
  assert.match(text, /EXTRA-TEXT: "bad 'text' \\"q\\" \\\\ \.\[31m \\u202e"\n/);
  assert.match(text, / {12}INFO-CODE: 3 \(Stale Answer\)\n\n/);
});

test('dig 9.18 YAML spellings: TCP-KEEPALIVE, PAD bytes, MBZ and the co flag, the extended RCODE', () => {
  const text = yamlLookup(yamlLookupOf(yamlReplies[1][1]), ctx());
  assert.match(text, / {10}TCP-KEEPALIVE: 30\.0 secs\n/);
  assert.match(text, / {10}PAD: 00 00 00 00 00 \("\.\.\.\.\."\)\n/);
  assert.match(text, / {10}flags: do co\n {10}MBZ: 0x0010\n/);
  assert.match(text, / {6}status: BADVERS\n/);
  assert.match(text, /COOKIE: 0102030405060708aabbccddeeff0011 \(good\)\n/);
});

test('the wire facts: INET6 and ::0 for an IPv6 server, -b address and port, -u timestamps to the microsecond', () => {
  const v6 = yamlLookup(yamlLookupOf(yamlReplies[0][1], { address: '::1', port: 53 }), ctx());
  assert.match(
    v6,
    /socket_family: INET6\n.*\n {4}response_address: "::1"\n {4}response_port: 53\n {4}query_address: "::0"\n {4}query_port: 0\n/,
  );
  const bound = yamlLookup(yamlLookupOf(yamlReplies[0][1]), ctx({}, { source: { address: '127.0.0.9', port: 4000 } }));
  assert.match(bound, /query_address: "127\.0\.0\.9"\n {4}query_port: 4000\n/);
  assert.equal(yamlTimestamp(Date.UTC(2024, 4, 6, 7, 8, 9, 10) + 0.5005, true), '2024-05-06T07:08:09.010500Z');
  assert.equal(yamlTimestamp(Date.UTC(2024, 4, 6, 7, 8, 9, 10) + 0.5005, false), '2024-05-06T07:08:09.010Z');
  const tcp = yamlMessage(
    yamlExchange(yamlReplies[0][1]).response,
    {
      server: { address: '127.0.0.1', port: 853 },
      protocol: 'tls',
      sentAt: 0,
      receivedAt: 1,
      size: 99,
    },
    { isQuery: false, display: defaultDisplay() },
  );
  assert.match(tcp, /socket_protocol: TCP\n/);
});

test('+yaml honours the section switches and +split, and ignores +multiline and the record style switches', () => {
  const raw = yamlReplies[1][1];
  const bare = yamlLookup(yamlLookupOf(raw), ctx({ comments: false, question: false, additional: false }));
  assert.doesNotMatch(bare, /OPT_PSEUDOSECTION|QUESTION_SECTION/);
  assert.match(bare, /ANSWER_SECTION/);
  const styled = ctx({ multiline: true, ttlunits: true, ttlid: false, class: false, rrcomments: true, crypto: false });
  assert.equal(yamlLookup(yamlLookupOf(raw), styled), yamlLookup(yamlLookupOf(raw), ctx()));
});

test('DIG_ERROR: one line in a literal block, whatever the message holds', () => {
  assert.equal(
    yamlError('no servers could be reached'),
    '- type: DIG_ERROR\n  message: |\n    no servers could be reached\n',
  );
  const items = parseYamlItems(yamlError('bad\nname \u001b[2J: # x \u202e'));
  assert.equal(items[0].message, `${escapeText('bad name \u001b[2J: # x \u202e')}\n`);
});

test('scalars parse back to their text: single-quoted, double-quoted and bare-or-quoted (property)', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
      assert.equal(parse(`- ${singleQuoted(text)}`)[0], escapeText(text));
      assert.equal(parse(`- ${doubleQuoted(text)}`)[0], text);
      const printable = text.replace(/[^\x20-\x7e]/g, '.');
      // The failsafe schema reads every scalar as a string, as dig's own bare values are meant.
      if (printable !== '') assert.equal(parse(`k: ${plainOrQuoted(printable)}`, { schema: 'failsafe' }).k, printable);
      assertTerminalSafe(singleQuoted(text) + doubleQuoted(text));
    }),
    { seed: 20261207, numRuns: 500 },
  );
});
