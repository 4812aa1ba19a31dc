// dig 9.18's header and EDNS query options: argv in, exact settings out; bad values are one message.
// The accepted spellings and ranges are the ones dig 9.18.49 accepts (checked by running it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArgs } from '../../src/cli/parseArgs.js';
import type { QuerySettings } from '../../src/cli/types.js';

/** The settings of the one query of `argv`. */
function settingsOf(argv: string[]): QuerySettings {
  const outcome = parseArgs(argv);
  assert.equal(outcome.kind, 'run', outcome.kind === 'invalid' ? outcome.message : outcome.kind);
  if (outcome.kind !== 'run') throw new Error('unreachable');
  return outcome.options.queries[0].settings;
}

const plain = settingsOf(['x.']);

/** Asserts `argv` gives dig's defaults changed exactly by `change` (keys set to undefined must be absent). */
function gives(argv: string[], change: Partial<QuerySettings>): void {
  const expected: Record<string, unknown> = { ...plain, ...change };
  for (const [key, value] of Object.entries(change)) if (value === undefined) delete expected[key];
  assert.deepStrictEqual(settingsOf(['x.', ...argv]), expected, argv.join(' '));
}

function invalid(argv: string[], message: string): void {
  assert.deepStrictEqual(parseArgs(['x.', ...argv]), { kind: 'invalid', message });
}

test('none of the new settings is there by default', () => {
  for (const key of [
    'opcode',
    'aaflag',
    'raflag',
    'tcflag',
    'zflag',
    'qid',
    'headerOnly',
    'ednsFlags',
    'coflag',
    'expire',
    'keepalive',
    'padding',
    'ednsOptions',
    'domain',
  ]) {
    assert.equal(key in plain, false, key);
  }
  for (const key of ['crypto', 'unknownformat', 'expandaaaa']) assert.equal(key in plain.display, false, key);
});

test('header bits: +aaflag (+aaonly), +raflag, +tcflag, +zflag, +header-only, and their +no forms', () => {
  gives(['+aaflag'], { aaflag: true });
  gives(['+aaonly'], { aaflag: true });
  gives(['+raflag', '+tcflag', '+zflag'], { raflag: true, tcflag: true, zflag: true });
  gives(['+header-only'], { headerOnly: true });
  gives(['+aaflag', '+noaaonly', '+zflag', '+nozflag', '+header-only', '+noheader-only'], {});
});

test('+opcode: 0-15 or a name in any case; +noopcode and QUERY leave the default', () => {
  gives(['+opcode=5'], { opcode: 5 });
  gives(['+opcode=notify'], { opcode: 4 });
  gives(['+opcode=Update'], { opcode: 5 });
  gives(['+opcode=STATUS'], { opcode: 2 });
  gives(['+opcode=iquery'], { opcode: 1 });
  gives(['+opcode=RESERVED6'], { opcode: 6 });
  gives(['+opcode=015'], { opcode: 15 });
  gives(['+opcode=5', '+noopcode'], {});
  gives(['+opcode=5', '+opcode=query'], {});
  invalid(['+opcode=16'], "invalid +opcode value '16' (0-15, QUERY, IQUERY, STATUS, NOTIFY or UPDATE)");
  invalid(['+opcode=foo'], "invalid +opcode value 'foo' (0-15, QUERY, IQUERY, STATUS, NOTIFY or UPDATE)");
  invalid(['+opcode'], "query option '+opcode' needs a value (+opcode=N)");
});

test('+qid: a decimal 0-65535; +noqid goes back to random IDs', () => {
  gives(['+qid=4660'], { qid: 4660 });
  gives(['+qid=0'], { qid: 0 });
  gives(['+qid=65535'], { qid: 65535 });
  gives(['+qid=010'], { qid: 10 });
  gives(['+qid=7', '+noqid'], {});
  invalid(['+qid=65536'], "invalid +qid value '65536' (0-65535)");
  invalid(['+qid=0x10'], "invalid +qid value '0x10' (0-65535)");
  invalid(['+qid'], "query option '+qid' needs a value (+qid=N)");
});

test('+ednsflags: decimal, hex or octal; DO and CO ignored; a value turns EDNS back on', () => {
  gives(['+ednsflags=1'], { ednsFlags: 1 });
  gives(['+ednsflags=0x1f'], { ednsFlags: 0x1f });
  gives(['+ednsflags=0X1f'], { ednsFlags: 0x1f });
  gives(['+ednsflags=010'], { ednsFlags: 8 });
  gives(['+ednsflags=65535'], { ednsFlags: 0x3fff });
  gives(['+ednsflags=0xc000'], {});
  gives(['+ednsflags=3', '+noednsflags'], {});
  gives(['+ednsflags=3', '+ednsflags'], {});
  gives(['+noedns', '+ednsflags=1'], { ednsFlags: 1 });
  gives(['+ednsflags=1', '+noedns'], { ednsFlags: 1, edns: null });
  for (const bad of ['0x10000', '-1', '08', '0x', '1e3']) {
    invalid([`+ednsflags=${bad}`], `invalid +ednsflags value '${bad}' (0-65535: decimal, 0x hex or 0 octal)`);
  }
});

test('+coflag (+co), +expire and +keepalive are switches; without EDNS they are not sent, and do not turn it on', () => {
  gives(['+coflag'], { coflag: true });
  gives(['+co'], { coflag: true });
  gives(['+expire', '+keepalive'], { expire: true, keepalive: true });
  gives(['+noedns', '+expire', '+keepalive'], { edns: null, expire: true, keepalive: true });
  gives(['+expire', '+noexpire', '+keepalive', '+nokeepalive', '+co', '+noco'], {});
});

test('+padding: 0-512 (0 is off), turns EDNS on, has no +no form', () => {
  gives(['+padding=64'], { padding: 64 });
  gives(['+padding=512'], { padding: 512 });
  gives(['+padding=64', '+padding=0'], {});
  gives(['+noedns', '+padding=128'], { padding: 128 });
  invalid(['+padding=513'], "invalid +padding value '513' (0-512)");
  invalid(['+padding'], "query option '+padding' needs a value (+padding=N)");
  invalid(['+nopadding'], "query option '+nopadding': +padding has no +no form");
});

test('+ednsopt: a code or a name, hex data, repeatable in order; +noednsopt clears them', () => {
  gives(['+ednsopt=65001:abcd'], { ednsOptions: [{ code: 65001, hex: 'abcd' }] });
  gives(['+ednsopt=65001:AbCd', '+ednsopt=nsid', '+ednsopt=ecs:00010000', '+ednsopt=Key-Tag:0102'], {
    ednsOptions: [
      { code: 65001, hex: 'abcd' },
      { code: 3, hex: '' },
      { code: 8, hex: '00010000' },
      { code: 14, hex: '0102' },
    ],
  });
  gives(['+ednsopt=65001:'], { ednsOptions: [{ code: 65001, hex: '' }] });
  gives(['+ednsopt=65001:ab cd'], { ednsOptions: [{ code: 65001, hex: 'abcd' }] });
  gives(['+ednsopt=5', '+noednsopt', '+ednsopt=100'], { ednsOptions: [{ code: 100, hex: '' }] });
  gives(['+ednsopt=5', '+noednsopt'], {});
  const names: Array<[string, number]> = [
    ['LLQ', 1],
    ['NSID', 3],
    ['DAU', 5],
    ['DHU', 6],
    ['N3U', 7],
    ['ECS', 8],
    ['EXPIRE', 9],
    ['COOKIE', 10],
    ['KEEPALIVE', 11],
    ['PADDING', 12],
    ['PAD', 12],
    ['CHAIN', 13],
    ['KEY-TAG', 14],
    ['EDE', 15],
    ['CLIENT-TAG', 16],
    ['SERVER-TAG', 17],
  ];
  for (const [name, code] of names) gives([`+ednsopt=${name}`], { ednsOptions: [{ code, hex: '' }] });
  const why = 'CODE[:HEX], CODE 0-65535 or a name such as NSID, ECS, EXPIRE, COOKIE, KEEPALIVE, PADDING';
  // Names dig 9.18 does not know, and malformed data, as dig refuses them.
  for (const bad of [
    'UL',
    'TCP-KEEPALIVE',
    'CLIENT-SUBNET',
    '65536',
    '-1',
    '0x10',
    '65001:abc',
    '65001:zz',
    '65001:ab:cd',
  ]) {
    invalid([`+ednsopt=${bad}`], `invalid +ednsopt value '${bad}' (${why})`);
  }
  invalid(['+ednsopt'], "query option '+ednsopt' needs a value (+ednsopt=CODE[:HEX])");
  invalid(['+ednsopt='], "query option '+ednsopt=' needs a value (+ednsopt=CODE[:HEX])");
});

test('+ednsopt: options too big for any query are bad input, named by their size rather than echoed', () => {
  const big = (code: number, octets: number) => `+ednsopt=${code}:${'ab'.repeat(octets)}`;
  invalid(
    [big(65001, 40000), big(65002, 30000)],
    '+ednsopt: 70008 octets of options in all, more than a query can carry (at most 63488)',
  );
  invalid([big(65001, 65500)], '+ednsopt: 65504 octets of options in all, more than a query can carry (at most 63488)');
  // What fits: the options up to the limit, and the limit counted again for each query.
  gives([big(65001, 63484)], { ednsOptions: [{ code: 65001, hex: 'ab'.repeat(63484) }] });
  assert.equal(parseArgs([big(65001, 40000), 'a.', 'b.']).kind, 'run');
});

test("+ednsopt lists are never shared: a later query's options leave the global ones alone", () => {
  const outcome = parseArgs(['+ednsopt=1', 'a.', 'b.', '+ednsopt=2', 'c.']);
  assert.equal(outcome.kind, 'run');
  if (outcome.kind !== 'run') return;
  assert.deepStrictEqual(
    outcome.options.queries.map((q) => q.settings.ednsOptions),
    [
      [{ code: 1, hex: '' }],
      [
        { code: 1, hex: '' },
        { code: 2, hex: '' },
      ],
      [{ code: 1, hex: '' }],
    ],
  );
});

test('+domain=NAME sets a one-domain search list and turns +search on; +defname is +search', () => {
  gives(['+domain=knot.lab'], { domain: 'knot.lab', search: true });
  gives(['+domain=knot.lab.'], { domain: 'knot.lab', search: true });
  gives(['+domain=knot.lab', '+nosearch'], { domain: 'knot.lab', search: false });
  gives(['+defname'], { search: true });
  gives(['+search', '+nodefname'], {});
  invalid(['+domain=a..b'], "invalid +domain value 'a..b' (a domain name)");
  invalid(['+domain=.'], "invalid +domain value '.' (a domain name)");
  invalid(['+nodomain'], "query option '+nodomain': +domain has no +no form");
});

test('display: +nocrypto, +unknownformat, +expandaaaa and back', () => {
  gives(['+nocrypto'], { display: { ...plain.display, crypto: false } });
  gives(['+unknownformat', '+expandaaaa'], { display: { ...plain.display, unknownformat: true, expandaaaa: true } });
  gives(['+nocrypto', '+crypto', '+nounknownformat', '+noexpandaaaa'], {
    display: { ...plain.display, crypto: true, unknownformat: false, expandaaaa: false },
  });
});
