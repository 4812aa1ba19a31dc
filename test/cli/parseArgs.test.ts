import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArgs } from '../../src/cli/parseArgs.js';
import type { DisplayFlags, Options, QueryRequest, QuerySettings } from '../../src/cli/types.js';

// dig 9.18's defaults, written out here rather than imported, so the test checks them.
const DISPLAY: DisplayFlags = {
  cmd: true,
  comments: true,
  question: true,
  answer: true,
  authority: true,
  additional: true,
  stats: true,
  qr: false,
  ttlid: true,
  ttlunits: false,
  class: true,
  multiline: false,
  short: false,
  identify: false,
};
const SETTINGS: QuerySettings = {
  recurse: true,
  tcp: false,
  ignoreTc: false,
  dnssec: false,
  cd: false,
  adflag: true,
  edns: 0,
  bufsize: 1232,
  nsid: false,
  cookie: true,
  timeout: 5,
  tries: 3,
  search: false,
  trace: false,
  follow: false,
  servfailStops: true,
  idnin: true,
  display: DISPLAY,
};

type SettingsChange = Partial<Omit<QuerySettings, 'display'>> & { display?: Partial<DisplayFlags> };

function settings(change: SettingsChange = {}): QuerySettings {
  return { ...SETTINGS, ...change, display: { ...DISPLAY, ...change.display } };
}

function query(
  name: string,
  type = 1,
  extra: Partial<Omit<QueryRequest, 'settings'>> & { settings?: SettingsChange } = {},
): QueryRequest {
  const { settings: change, ...rest } = extra;
  return { name, type, class: 1, ...rest, settings: settings(change) };
}

function options(argv: string[], queries: QueryRequest[], global: Partial<Options> = {}): Options {
  return {
    port: 53,
    family: null,
    format: 'dig',
    color: 'auto',
    concurrency: 64,
    unordered: false,
    ...global,
    queries,
    argv,
  };
}

function run(argv: string[]): Options {
  const outcome = parseArgs(argv);
  assert.equal(outcome.kind, 'run', outcome.kind === 'invalid' ? outcome.message : outcome.kind);
  return (outcome as { options: Options }).options;
}

function runs(argv: string[], queries: QueryRequest[], global: Partial<Options> = {}): void {
  assert.deepStrictEqual(run(argv), options(argv, queries, global));
}

function invalid(argv: string[], message: string): void {
  assert.deepStrictEqual(parseArgs(argv), { kind: 'invalid', message });
}

test("an empty command line is dig's default query: NS for the root", () => {
  runs([], [query('', 2)]);
});

test('a lone type or class sets the default, and still asks for the root NS, as dig does', () => {
  runs(['mx'], [query('', 2)]);
  runs(['ch'], [query('', 2, { class: 3 })]);
});

test('a name alone is an A query in class IN', () => {
  runs(['example.com'], [query('example.com')]);
});

test('type and class follow the name in any order and case', () => {
  runs(['example.com', 'mx'], [query('example.com', 15)]);
  runs(['example.com', 'MX', 'CH'], [query('example.com', 15, { class: 3 })]);
  runs(['example.com', 'ch', 'txt'], [query('example.com', 16, { class: 3 })]);
  runs(['example.com', 'Aaaa'], [query('example.com', 28)]);
});

test('a type before the first name is the default for every name', () => {
  runs(['MX', 'example.com'], [query('example.com', 15)]);
  runs(['MX', 'a.example', 'b.example'], [query('a.example', 15), query('b.example', 15)]);
});

test('a type after a name applies to that name only', () => {
  runs(['a.example', 'MX', 'b.example'], [query('a.example', 15), query('b.example', 1)]);
});

test("the last of two types or classes for one name wins, with dig's warning for each extra one", () => {
  const extraType = { warnings: [';; Warning, extra type option'] };
  runs(['a.example', 'MX', 'NS'], [query('a.example', 2)], extraType);
  runs(['-t', 'MX', '-t', 'NS', 'a.example'], [query('a.example', 2)], extraType);
  runs(['MX', 'a.example', 'NS'], [query('a.example', 2)], extraType);
  runs(['a.example', 'A', 'AAAA', 'MX'], [query('a.example', 15)], {
    warnings: [';; Warning, extra type option', ';; Warning, extra type option'],
  });
  runs(['a.example', 'IN', 'CH'], [query('a.example', 1, { class: 3 })], {
    warnings: [';; Warning, extra class option'],
  });
  runs(['a.example', '-c', 'CH', '-c', 'IN'], [query('a.example', 1)], {
    warnings: [';; Warning, extra class option'],
  });
  // -x's PTR is a default, not a type given: a type after it is no extra one.
  const reverse = run(['-x', '192.0.2.1', 'A']);
  assert.equal(reverse.warnings, undefined);
  assert.equal(reverse.queries[0].type, 1);
  // One type for each of two names is no extra type.
  assert.equal(run(['a.example', 'MX', 'b.example', 'NS']).warnings, undefined);
});

test('RFC 3597 TYPEnnn and CLASSnnn are types and classes', () => {
  runs(['example.com', 'TYPE65', 'CLASS3'], [query('example.com', 65, { class: 3 })]);
  runs(['example.com', 'type65534'], [query('example.com', 65534)]);
});

test('several queries on one line, each with its own type', () => {
  runs(
    ['a.example', 'A', 'b.example', 'MX', '@::1'],
    [query('a.example', 1), query('b.example', 15, { servers: ['::1'] })],
  );
});

test('@server before the first name applies to every query', () => {
  runs(
    ['@127.0.0.1', 'a.example', 'b.example'],
    [query('a.example', 1, { servers: ['127.0.0.1'] }), query('b.example', 1, { servers: ['127.0.0.1'] })],
  );
});

test('@server after a name applies to that query only, as dig 9.18 does', () => {
  runs(
    ['a.example', '@192.0.2.1', 'b.example'],
    [query('a.example', 1, { servers: ['192.0.2.1'] }), query('b.example')],
  );
});

test("several @servers are a server list, tried in order; a query's own come after those before the first name, as in dig", () => {
  runs(['@127.0.0.2', '@127.0.0.3', 'a.example'], [query('a.example', 1, { servers: ['127.0.0.2', '127.0.0.3'] })]);
  runs(
    ['@::1', 'a.example', '@127.0.0.2', '@127.0.0.3', 'b.example'],
    [
      query('a.example', 1, { servers: ['::1', '127.0.0.2', '127.0.0.3'] }),
      query('b.example', 1, { servers: ['::1'] }),
    ],
  );
  runs(['a.example', '@127.0.0.2', '@127.0.0.2'], [query('a.example', 1, { servers: ['127.0.0.2', '127.0.0.2'] })]);
});

test('@server is kept as typed, host names included', () => {
  runs(['@ns1.example.net', 'example.com'], [query('example.com', 1, { servers: ['ns1.example.net'] })]);
});

test('+options before the first name are defaults; after a name they apply to it only', () => {
  runs(
    ['+norecurse', 'a.example', '+dnssec', 'b.example'],
    [
      query('a.example', 1, { settings: { recurse: false, dnssec: true } }),
      query('b.example', 1, { settings: { recurse: false } }),
    ],
  );
});

test('+noall +answer keeps only the answer section', () => {
  runs(
    ['+noall', '+answer', 'example.com'],
    [
      query('example.com', 1, {
        settings: {
          display: { cmd: false, comments: false, question: false, authority: false, additional: false, stats: false },
        },
      }),
    ],
    { greeting: 'off' },
  );
});

test('dig abbreviations: +norec +nocomm +mult +nodns +noad +cd +vc +ttl +cl', () => {
  runs(
    ['+norec', '+nocomm', '+mult', 'example.com'],
    [query('example.com', 1, { settings: { recurse: false, display: { comments: false, multiline: true } } })],
  );
  runs(
    ['+noad', '+cd', '+vc', '+nottl', '+nocl', 'x.example'],
    [
      query('x.example', 1, {
        settings: { adflag: false, cd: true, tcp: true, display: { ttlid: false, class: false } },
      }),
    ],
  );
  runs(['+do', '+nodns', 'x.example'], [query('x.example')]);
});

test('+options are case-insensitive and +NO works too', () => {
  runs(
    ['+NoRecurse', '+SHORT', 'x.example'],
    [
      query('x.example', 1, {
        settings: {
          recurse: false,
          display: {
            short: true,
            cmd: false,
            comments: false,
            question: false,
            authority: false,
            additional: false,
            stats: false,
            rrcomments: false,
          },
        },
      }),
    ],
    { format: 'short', greeting: 'off' },
  );
});

test("+short selects the short view; +noshort goes back to dig's", () => {
  const short = {
    short: true,
    cmd: false,
    comments: false,
    question: false,
    authority: false,
    additional: false,
    stats: false,
    rrcomments: false,
  };
  runs(['example.com', '+short'], [query('example.com', 1, { settings: { display: short } })], { format: 'short' });
  runs(
    ['+short', '+noshort', 'example.com'],
    [query('example.com', 1, { settings: { display: { ...short, short: false } } })],
    { greeting: 'off' },
  );
});

test("dig's command header is decided when the first name is read, from the display options before it", () => {
  assert.equal(run(['+short', 'a.example']).greeting, 'off');
  assert.equal(run(['+noall', '+answer', 'a.example']).greeting, 'off');
  assert.equal(run(['+nocmd', 'a.example', '+cmd']).greeting, 'off');
  // Options after the first name are that query's own: the header stays, and a failure still prints it.
  assert.equal(run(['a.example', '+short']).greeting, undefined);
  assert.equal(run(['a.example', '+nocmd']).greeting, undefined);
  // +short then +cmd: dig says so in its global options line.
  assert.equal(run(['+short', '+cmd', 'a.example']).greeting, 'short');
  // Without a name, the options as they stand at the end decide (dig's root NS query).
  assert.equal(run(['+short']).greeting, 'off');
  assert.equal(run(['-x', '192.0.2.1', '+short']).greeting, undefined);
});

test('+json, --json, --ndjson and --table choose the view; the last one wins', () => {
  runs(['+json', 'x.example'], [query('x.example')], { format: 'json' });
  runs(['--json', 'x.example'], [query('x.example')], { format: 'json' });
  runs(['--table', '--ndjson', 'x.example'], [query('x.example')], { format: 'ndjson' });
  runs(['--json', '--table', 'x.example'], [query('x.example')], { format: 'table' });
});

test('EDNS: +noedns, +edns, +edns=N, +bufsize=N, and options that need EDNS turn it back on', () => {
  runs(['+noedns', 'x.example'], [query('x.example', 1, { settings: { edns: null } })]);
  runs(['+edns=1', '+bufsize=4096', 'x.example'], [query('x.example', 1, { settings: { edns: 1, bufsize: 4096 } })]);
  runs(['+noedns', '+edns', 'x.example'], [query('x.example')]);
  runs(['+noedns', '+nsid', 'x.example'], [query('x.example', 1, { settings: { nsid: true } })]);
  runs(['+noedns', '+dnssec', 'x.example'], [query('x.example', 1, { settings: { dnssec: true } })]);
  runs(['+bufsize=0', 'x.example'], [query('x.example', 1, { settings: { bufsize: 0 } })]);
});

test('cookies: on by default, +nocookie, +cookie=HEX', () => {
  runs(['+nocookie', 'x.example'], [query('x.example', 1, { settings: { cookie: false } })]);
  runs(
    ['+cookie=0123456789ABCDEF', 'x.example'],
    [query('x.example', 1, { settings: { cookie: '0123456789abcdef' } })],
  );
});

test('+subnet for IPv4 and IPv6, with and without a length, and +nosubnet', () => {
  runs(
    ['+subnet=192.0.2.0/24', 'x.example'],
    [query('x.example', 1, { settings: { subnet: { family: 1, address: '192.0.2.0', sourcePrefix: 24 } } })],
  );
  runs(
    ['+subnet=2001:db8::/48', 'x.example'],
    [query('x.example', 1, { settings: { subnet: { family: 2, address: '2001:db8::', sourcePrefix: 48 } } })],
  );
  runs(
    ['+subnet=192.0.2.1', 'x.example'],
    [query('x.example', 1, { settings: { subnet: { family: 1, address: '192.0.2.1', sourcePrefix: 32 } } })],
  );
  runs(
    ['+subnet=0', 'x.example'],
    [query('x.example', 1, { settings: { subnet: { family: 1, address: '0.0.0.0', sourcePrefix: 0 } } })],
  );
  runs(['+subnet=192.0.2.0/24', '+nosubnet', 'x.example'], [query('x.example')]);
  runs(
    ['+noedns', '+subnet=10.0.0.0/8', 'x.example'],
    [query('x.example', 1, { settings: { subnet: { family: 1, address: '10.0.0.0', sourcePrefix: 8 } } })],
  );
});

test('timeouts and tries: +timeout, +tries, +retry=N means N+1 tries; each is marked as set', () => {
  runs(
    ['+timeout=2', '+tries=1', 'x.example'],
    [query('x.example', 1, { settings: { timeout: 2, timeoutSet: true, tries: 1, triesSet: true } })],
  );
  runs(['+retry=0', 'x.example'], [query('x.example', 1, { settings: { tries: 1, triesSet: true } })]);
  runs(['+ret=4', 'x.example'], [query('x.example', 1, { settings: { tries: 5, triesSet: true } })]);
  runs(['+time=007', 'x.example'], [query('x.example', 1, { settings: { timeout: 7, timeoutSet: true } })]);
  // dig's own defaults, typed out, are set all the same: resolv.conf's options do not replace them.
  runs(
    ['+timeout=5', '+tries=3', 'x.example'],
    [query('x.example', 1, { settings: { timeout: 5, timeoutSet: true, tries: 3, triesSet: true } })],
  );
});

test('timeouts and tries at their edges are clamped as dig clamps them, not refused', () => {
  const set = { timeoutSet: true, triesSet: true };
  runs(
    ['+timeout=0', '+tries=0', 'x.example'],
    [query('x.example', 1, { settings: { timeout: 1, tries: 1, ...set } })],
  );
  runs(['+timeout=65535', 'x.example'], [query('x.example', 1, { settings: { timeout: 65535, timeoutSet: true } })]);
  runs(
    ['+tries=4294967295', 'x.example'],
    [query('x.example', 1, { settings: { tries: 4294967295, triesSet: true } })],
  );
  runs(
    ['+retry=4294967294', 'x.example'],
    [query('x.example', 1, { settings: { tries: 4294967295, triesSet: true } })],
  );
  runs(['+tries=256', 'x.example'], [query('x.example', 1, { settings: { tries: 256, triesSet: true } })]);
  invalid(['+timeout=65536'], "invalid +timeout value '65536' (0-65535)");
  invalid(['+tries=4294967296'], "invalid +tries value '4294967296' (at least 0)");
  invalid(['+retry=4294967295'], "invalid +retry value '4294967295' (0-4294967294)");
  invalid(['+retry=-1'], "invalid +retry value '-1' (0-4294967294)");
});

test("+search and +ndots; ndots defaults to resolv.conf's when main passes it", () => {
  runs(['+search', '+ndots=2', 'www'], [query('www', 1, { settings: { search: true, ndots: 2 } })]);
  const outcome = parseArgs(['www'], { resolvConf: { ndots: 3 } });
  assert.equal(outcome.kind === 'run' && outcome.options.queries[0].settings.ndots, 3);
});

test('+trace sets what dig sets: DNSSEC, authority only, server named, no search', () => {
  const trace = {
    trace: true,
    dnssec: true,
    display: { identify: true, comments: false, stats: false, additional: false, question: false },
  };
  runs(['+search', '+trace', 'example.com'], [query('example.com', 1, { settings: trace })]);
  runs(
    ['+trace', '+follow', 'www.example.com'],
    [query('www.example.com', 1, { settings: { ...trace, follow: true } })],
  );
  runs(['+trace', '+nodnssec', 'example.com'], [query('example.com', 1, { settings: { ...trace, dnssec: false } })]);
  runs(['+trace', '+search', 'example.com'], [query('example.com', 1, { settings: trace })]);
});

test('+nssearch: recursion on for the NS query, +trace off (the last of the two wins); +showsearch turns the search on and off', () => {
  runs(['+norec', '+nssearch', 'example.com'], [query('example.com', 1, { settings: { nssearch: true } })]);
  runs(
    ['+trace', '+nssearch', 'example.com'],
    [
      query('example.com', 1, {
        settings: {
          nssearch: true,
          dnssec: true,
          display: { identify: true, comments: false, stats: false, additional: false, question: false },
        },
      }),
    ],
  );
  assert.equal(run(['+nssearch', '+trace', 'example.com']).queries[0].settings.nssearch, undefined);
  runs(['+showsearch', 'www'], [query('www', 1, { settings: { showsearch: true, search: true } })]);
  runs(['+search', '+noshowsearch', 'www'], [query('www', 1, { settings: { showsearch: false, search: false } })]);
  // As in dig: +nss and +sho... are unique prefixes only once long enough (+ns: nsid or nssearch; +sho: short or showsearch).
  assert.equal(run(['+nss', 'x.example']).queries[0].settings.nssearch, true);
  assert.equal(run(['+show', 'x.example']).queries[0].settings.showsearch, true);
  for (const ambiguous of ['+ns', '+sho']) assert.equal(parseArgs([ambiguous, 'x.example']).kind, 'invalid', ambiguous);
});

test('display flags: +qr +nostats +ttlunits +multiline +identify +noidnout +noidnin +ignore', () => {
  runs(
    [
      '+qr',
      '+nostats',
      '+nottlid',
      '+ttlunits',
      '+multiline',
      '+identify',
      '+noidnout',
      '+noidnin',
      '+ignore',
      'x.example',
    ],
    [
      query('x.example', 1, {
        settings: {
          idnin: false,
          ignoreTc: true,
          display: {
            qr: true,
            stats: false,
            ttlid: true,
            ttlunits: true,
            multiline: true,
            identify: true,
            idnout: false,
          },
        },
      }),
    ],
  );
  runs(['+noall', '+all', 'x.example'], [query('x.example')]);
  runs(
    ['+noquestion', '+noauthority', '+noadditional', '+nocmd', 'x.example'],
    [
      query('x.example', 1, {
        settings: { display: { question: false, authority: false, additional: false, cmd: false } },
      }),
    ],
    { greeting: 'off' },
  );
});

test('+split=W rounds W up to a multiple of 4, as dig does; +nosplit is 0; +split alone keeps the default; +[no]rrcomments', () => {
  const split = (argv: string[]) => run([...argv, 'x.example']).queries[0].settings.display;
  assert.deepEqual(
    [12, 8, 4, 0, 0, 56, 65536].map(
      (_, i) =>
        split(
          [['+split=10'], ['+split=7'], ['+split=1'], ['+split=0'], ['+nosplit'], ['+split=56'], ['+split=65535']][i],
        ).split,
    ),
    [12, 8, 4, 0, 0, 56, 65536],
  );
  assert.equal(split(['+split=12', '+split']).split, undefined);
  assert.equal(split([]).split, undefined);
  assert.deepEqual(
    [split(['+rrcomments']).rrcomments, split(['+norrcomments']).rrcomments, split([]).rrcomments],
    [true, false, undefined],
  );
  // +short turns record comments off, as dig's does; a +rrcomments after it turns them back on.
  assert.deepEqual(
    [split(['+rrcomments', '+short']).rrcomments, split(['+short', '+rrcomments']).rrcomments],
    [false, true],
  );
  invalid(['+split=65536'], "invalid +split value '65536' (0-65535)");
  invalid(['+split=x'], "invalid +split value 'x' (0-65535)");
  invalid(['+split=-4'], "invalid +split value '-4' (0-65535)");
  invalid(['+nosplit=4'], "query option '+nosplit=4' takes no value");
});

test('ANY goes over TCP unless +notcp was given, as in dig', () => {
  runs(['x.example', 'ANY'], [query('x.example', 255, { settings: { tcp: true } })]);
  runs(['+notcp', 'x.example', 'ANY'], [query('x.example', 255)]);
  runs(['-t', 'any', 'x.example'], [query('x.example', 255, { settings: { tcp: true } })]);
});

test('+color and +nocolor, --color=WHEN and --color WHEN', () => {
  runs(['+color', 'x.example'], [query('x.example')], { color: 'always' });
  runs(['+nocolor', 'x.example'], [query('x.example')], { color: 'never' });
  runs(['--color=never', 'x.example'], [query('x.example')], { color: 'never' });
  runs(['--color', 'always', 'x.example'], [query('x.example')], { color: 'always' });
});

test('-x builds the reverse name and asks for PTR', () => {
  runs(['-x', '192.0.2.1'], [query('1.2.0.192.in-addr.arpa.', 12, { reverseOf: '192.0.2.1' })]);
  runs(
    ['-x', '2001:db8::1'],
    [
      query('1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.', 12, {
        reverseOf: '2001:db8::1',
      }),
    ],
  );
  runs(['-x192.0.2.1', 'MX'], [query('1.2.0.192.in-addr.arpa.', 15, { reverseOf: '192.0.2.1' })]);
  runs(
    ['-x', '::ffff:1.2.3.4', '@::1'],
    [
      query('4.0.3.0.2.0.1.0.f.f.f.f.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.ip6.arpa.', 12, {
        reverseOf: '::ffff:1.2.3.4',
        servers: ['::1'],
      }),
    ],
  );
});

test('-x keeps a type set before it, as dig does', () => {
  runs(['-t', 'TXT', '-x', '10.0.0.1'], [query('1.0.0.10.in-addr.arpa.', 16, { reverseOf: '10.0.0.1' })]);
});

test('-t and -c, separate or attached; after -t, a word is always a name', () => {
  runs(['-t', 'mx', '-c', 'ch', 'example.com'], [query('example.com', 15, { class: 3 })]);
  runs(['-tMX', 'example.com'], [query('example.com', 15)]);
  runs(['-t', 'mx', 'ns'], [query('ns', 15)]);
});

test('-q names a query even when it looks like a type', () => {
  runs(['-q', 'mx'], [query('mx')]);
  runs(['-q', 'a.example', 'TXT'], [query('a.example', 16)]);
});

test('-p, -b, -4, -6, -f and the long options are global', () => {
  runs(['-p', '5353', 'x.example'], [query('x.example')], { port: 5353, portSet: true });
  runs(['-p5353', 'x.example'], [query('x.example')], { port: 5353, portSet: true });
  runs(['-b', '127.0.0.1#5300', 'x.example'], [query('x.example')], { source: { address: '127.0.0.1', port: 5300 } });
  runs(['-b', '::1', 'x.example'], [query('x.example')], { source: { address: '::1', port: 0 } });
  runs(['-b', '127.0.0.1#0', 'x.example'], [query('x.example')], { source: { address: '127.0.0.1', port: 0 } });
  runs(['-4', 'x.example'], [query('x.example')], { family: 4 });
  runs(['-6', 'x.example'], [query('x.example')], { family: 6 });
  runs(['-4', '-4', 'x.example'], [query('x.example')], { family: 4 });
  runs(['-f', 'queries.txt'], [], { batchFile: 'queries.txt' });
  runs(['-f', '-', 'x.example'], [query('x.example')], { batchFile: '-' });
  runs(
    ['--root-hints', 'root.hints', '+trace', 'x.example'],
    [
      query('x.example', 1, {
        settings: {
          trace: true,
          dnssec: true,
          display: { identify: true, comments: false, stats: false, additional: false, question: false },
        },
      }),
    ],
    { rootHints: 'root.hints' },
  );
  runs(['--concurrency=2', '--unordered', 'x.example'], [query('x.example')], { concurrency: 2, unordered: true });
});

test('-h, --help, -v and --version', () => {
  const help = parseArgs(['-h']);
  assert.equal(help.kind, 'help');
  assert.match((help as { text: string }).text, /^Usage: tsdig \[@server\]/);
  assert.deepStrictEqual(parseArgs(['x.example', '--help']).kind, 'help');
  assert.deepStrictEqual(parseArgs(['-v']), { kind: 'version', text: 'tsdig 0.1.0\n' });
  assert.deepStrictEqual(parseArgs(['--version']), { kind: 'version', text: 'tsdig 0.1.0\n' });
});

test('the original argv is kept for the command line echo', () => {
  assert.deepStrictEqual(run(['+short', 'x.example']).argv, ['+short', 'x.example']);
});

test('ports: -p 1-65535, -b port 0-65535, decimal only', () => {
  invalid(['-p', '70000', 'x'], "invalid port '70000' (1-65535)");
  invalid(['-p', '0', 'x'], "invalid port '0' (1-65535)");
  invalid(['-p', '', 'x'], "invalid port '' (1-65535)");
  invalid(['-p', '0x35', 'x'], "invalid port '0x35' (1-65535)");
  invalid(['-p', '-1', 'x'], "invalid port '-1' (1-65535)");
  invalid(['-p', '53.0', 'x'], "invalid port '53.0' (1-65535)");
  invalid(['-p', '1e3', 'x'], "invalid port '1e3' (1-65535)");
  invalid(['-b', '127.0.0.1#65536', 'x'], "invalid source port '65536' (0-65535)");
});

test('+option values are checked', () => {
  invalid(['+bufsize=65536'], "invalid +bufsize value '65536' (0-65535)");
  invalid(['+bufsize=-1'], "invalid +bufsize value '-1' (0-65535)");
  invalid(['+edns=256'], "invalid +edns value '256' (0-255)");
  invalid(['+edns='], "invalid +edns value '' (0-255)");
  invalid(['+tries=3x'], "invalid +tries value '3x' (at least 0)");
  invalid(['+ndots=1.5'], "invalid +ndots value '1.5' (0-255)");
  invalid(
    ['+subnet=192.0.2.0/33'],
    "invalid +subnet value '192.0.2.0/33' (address/length, IPv4 length 0-32, IPv6 0-128)",
  );
  invalid(
    ['+subnet=2001:db8::/129'],
    "invalid +subnet value '2001:db8::/129' (address/length, IPv4 length 0-32, IPv6 0-128)",
  );
  invalid(
    ['+subnet=example.com/24'],
    "invalid +subnet value 'example.com/24' (address/length, IPv4 length 0-32, IPv6 0-128)",
  );
  invalid(['+subnet=10.0.0.0/'], "invalid +subnet value '10.0.0.0/' (address/length, IPv4 length 0-32, IPv6 0-128)");
  invalid(['+cookie=zz'], "invalid +cookie value 'zz' (hex, 8 to 40 bytes)");
  invalid(['+cookie=0123'], "invalid +cookie value '0123' (hex, 8 to 40 bytes)");
});

test('+options missing a value, given one they do not take, or without a +no form', () => {
  invalid(['+bufsize'], "query option '+bufsize' needs a value (+bufsize=N)");
  invalid(['+bufsize='], "query option '+bufsize=' needs a value (+bufsize=N)");
  invalid(['+subnet'], "query option '+subnet' needs a value (+subnet=addr/len)");
  invalid(['+short=1'], "query option '+short=1' takes no value");
  invalid(['+noedns=1'], "query option '+noedns=1' takes no value");
  invalid(['+nobufsize=512'], "query option '+nobufsize=512': +bufsize has no +no form");
  invalid(['+nojson'], "query option '+nojson': +json has no +no form");
});

test('unknown and ambiguous +options', () => {
  invalid(['+frobnicate'], "unknown query option '+frobnicate' (see tsdig -h)");
  invalid(['+'], "unknown query option '+' (see tsdig -h)");
  invalid(['+no'], "unknown query option '+no' (see tsdig -h)");
  invalid(
    ['+t'],
    "ambiguous query option '+t': +tcflag, +tcp, +timeout, +tries, +tls, +tls-ca, +tls-hostname, +tls-certfile, +tls-keyfile, +ttlid, +ttlunits, +trace, +types",
  );
  invalid(['+re'], "ambiguous query option '+re': +recurse, +retry");
  invalid(['+noa'], "ambiguous query option '+noa': +adflag, +aaflag, +all, +answer, +authority, +additional");
});

test('@server: text that can only be an address must be a valid one; a host name must look like one', () => {
  invalid(['@300.1.1.1', 'x'], "invalid IPv4 address '300.1.1.1' for @server");
  invalid(['@1.2.3.4.5', 'x'], "invalid IPv4 address '1.2.3.4.5' for @server");
  invalid(['@2001:db8::zz', 'x'], "invalid IPv6 address '2001:db8::zz' for @server");
  invalid(['@fe80::1%', 'x'], "invalid IPv6 address 'fe80::1%' for @server");
  invalid(['@ex..ample', 'x'], "invalid server 'ex..ample' for @ (an IP address or a host name)");
  invalid(['@a b', 'x'], "invalid server 'a b' for @ (an IP address or a host name)");
  for (const server of [
    '192.0.2.1',
    '2001:db8::1',
    'fe80::1%eth0',
    'ns1.example.com',
    'ns1.example.com.',
    'localhost',
    'bücher.example',
  ]) {
    assert.deepEqual(run([`@${server}`, 'x']).queries[0].servers, [server]);
  }
});

test('-u asks for times in microseconds; -r (skip ~/.digrc, acted on before parsing) is accepted, alone or with -4', () => {
  assert.equal(run(['-u', 'x']).usec, true);
  assert.equal(run(['x']).usec, undefined);
  assert.deepEqual({ ...run(['-r', 'x']), argv: [] }, { ...run(['x']), argv: [] });
  assert.equal(run(['-4r', 'x']).family, 4);
  assert.equal(run(['-4u', 'x']).usec, true);
});

test('-x accepts dotted-quad IPv4 and any IPv6 form only', () => {
  invalid(['-x', '1.2.3'], "invalid IP address '1.2.3' for -x");
  invalid(['-x', '01.2.3.4'], "invalid IP address '01.2.3.4' for -x");
  invalid(['-x', 'example.com'], "invalid IP address 'example.com' for -x");
  invalid(['-x', 'fe80::1%eth0'], "invalid IP address 'fe80::1%eth0' for -x");
  invalid(['-x'], 'option -x needs a value (-x addr)');
});

test('-b needs an IP address of the chosen family', () => {
  invalid(['-b', 'localhost', 'x'], "invalid source address 'localhost' for -b (an IP address)");
  invalid(['-4', '-b', '::1', 'x'], "source address '::1' is not IPv4, as -4 requires");
  invalid(['-b', '127.0.0.1', '-6', 'x'], "source address '127.0.0.1' is not IPv6, as -6 requires");
});

test('types, classes and dash options that do not exist', () => {
  invalid(['-t', 'BOGUS', 'x'], "unknown type 'BOGUS' for -t");
  invalid(['-t', 'TYPE65536', 'x'], "unknown type 'TYPE65536' for -t");
  invalid(['-c', 'XX', 'x'], "unknown class 'XX' for -c");
  invalid(['-t', 'ixfr=x1', 'x'], "invalid IXFR serial 'x1' for -t (0-4294967295)");
  invalid(['x', 'ixfr=4294967296'], "invalid IXFR serial '4294967296' (0-4294967295)");
  invalid(['x', 'IXFR'], 'IXFR needs the serial the client has: IXFR=N');
  invalid(['-z'], "unknown option '-z' (see tsdig -h)");
  invalid(['-d'], "unknown option '-d' (see tsdig -h)");
  invalid(['-'], "unknown option '-' (see tsdig -h)");
  invalid(['--frobnicate'], "unknown option '--frobnicate' (see tsdig -h)");
  invalid(['-t'], 'option -t needs a value (-t type)');
  invalid(['--json=yes'], 'option --json takes no value');
  invalid(['--color=sometimes'], "invalid --color value 'sometimes' (auto, always, never)");
  invalid(['--color'], 'option --color needs a value (--color=when)');
  invalid(['--concurrency', '0'], "invalid --concurrency value '0' (1-1024)");
  invalid(['@'], "missing server after '@'");
});

test('-4 with -6 is an error, bundled or not', () => {
  invalid(['-4', '-6', 'x'], 'only one of -4 and -6 allowed');
  invalid(['-46', 'x'], 'only one of -4 and -6 allowed');
});

test('the first mistake is the one reported, and parsing never throws', () => {
  invalid(['+bogus', '-p', '0'], "unknown query option '+bogus' (see tsdig -h)");
  for (const argv of [['-p'], ['-b'], ['+subnet='], ['-x', ''], ['-q'], ['--root-hints=']]) {
    assert.equal(parseArgs(argv).kind, 'invalid', argv.join(' '));
  }
});

test('queries do not share settings objects', () => {
  const [a, b] = run(['+short', 'a.example', 'b.example']).queries;
  assert.notEqual(a.settings, b.settings);
  assert.notEqual(a.settings.display, b.settings.display);
});

test('any argv at all gives an outcome, never an exception', async () => {
  const fc = await import('fast-check');
  const word = fc.oneof(
    fc.string(),
    fc.constantFrom(
      '-x',
      '-p',
      '-b',
      '-t',
      '-c',
      '-q',
      '-f',
      '-4',
      '-6',
      '--color',
      '--concurrency',
      '@',
      '+',
      '+no',
      '+subnet=',
      '+cookie=',
      '+edns=',
    ),
    fc.constantFrom(
      '+short',
      '+trace',
      '+noall',
      '+bufsize=1',
      'MX',
      'TYPE65',
      'CLASS3',
      'example.com',
      '::1',
      '1.2.3.4',
      '999999999999',
    ),
  );
  fc.assert(
    fc.property(fc.array(word, { maxLength: 8 }), (argv) => {
      const outcome = parseArgs(argv);
      return (
        ['run', 'help', 'version', 'invalid'].includes(outcome.kind) &&
        (outcome.kind !== 'invalid' || !outcome.message.includes('\n'))
      );
    }),
    { numRuns: 2000 },
  );
});

test('AXFR and IXFR=N: records only (comments and question off), IXFR over TCP, as dig', () => {
  const transfer = { display: { comments: false, question: false } };
  assert.deepEqual(run(['example.test', 'AXFR']).queries, [query('example.test', 252, { settings: transfer })]);
  assert.deepEqual(run(['example.test', 'IXFR=2024010101']).queries, [
    query('example.test', 251, { ixfrSerial: 2024010101, settings: { ...transfer, tcp: true } }),
  ]);
  assert.deepEqual(run(['-t', 'ixfr=7', 'example.test']).queries, [
    query('example.test', 251, { ixfrSerial: 7, settings: { ...transfer, tcp: true } }),
  ]);
  // +notcp before the type keeps IXFR on UDP (dig tries UDP first then).
  assert.deepEqual(run(['example.test', '+notcp', 'IXFR=7']).queries[0].settings.tcp, false);
});

test("transfers keep +comments and +question only when given before the first name (dig's pluscomm, plusquest)", () => {
  assert.equal(run(['+comments', 'example.test', 'AXFR']).queries[0].settings.display.comments, true);
  assert.equal(run(['+question', 'example.test', 'AXFR']).queries[0].settings.display.question, true);
  assert.equal(run(['example.test', '+comments', 'AXFR']).queries[0].settings.display.comments, false);
  assert.equal(run(['example.test', 'AXFR', '+comments']).queries[0].settings.display.comments, true);
  // +all before the name sets the flags, but not dig's memory of +comments.
  assert.equal(run(['+all', 'example.test', 'AXFR']).queries[0].settings.display.comments, false);
  assert.equal(run(['example.test', 'AXFR', '+onesoa']).queries[0].settings.display.onesoa, true);
});
