/** Options -> Plan, case by case: argv (and resolv.conf) in, the plan's mode, questions, servers and knobs out. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArgs } from '../../src/cli/parseArgs.js';
import type { Options } from '../../src/cli/types.js';
import { InputError } from '../../src/errors.js';
import { planQuery, type SystemFacts } from '../../src/plan/plan.js';
import type { QueryPlan } from '../../src/plan/queryPlan.js';
import type { ExchangeSettings } from '../../src/resolve/types.js';
import type { Endpoint } from '../../src/transport/types.js';
import { parseResolvConf } from '../../src/system/resolvConf.js';
import type { TsigKey } from '../../src/wire/tsig.js';

const KEY: TsigKey = { name: 'key.test.', algorithm: 'hmac-sha256', secret: Buffer.alloc(32, 1) };

/** The system a case runs on: resolv.conf's text, @hostname addresses, a -y/-k key. */
interface System {
  resolvConf?: string;
  hosts?: Record<string, string[]>;
  tsig?: boolean;
}

/** What a case checks of a plan: only the keys it names. */
interface Summary {
  mode: QueryPlan['mode'];
  names: string[];
  type: number;
  class: number;
  servers: string[];
  label: string | undefined;
  found: number | undefined;
  timeoutMs: number;
  tries: number;
  rd: boolean;
  tcp: boolean;
  signed: boolean;
  ixfrSerial: number | undefined;
  /** +validate: the trust anchor file, 'built-in', or undefined without +validate. */
  validate: string | undefined;
  nextServerOnServfail: boolean;
  showSearch: boolean;
  /** +trace only. */
  startServers: string[];
  rootHintsSource: 'builtin' | 'file';
  follow: boolean;
  /** +nssearch only: how each name server is asked. */
  soa: { rd: boolean; tries: number; port: number };
  /** +types only: the types asked, each once. */
  types: number[];
  /** +watch only: seconds between questions, and when it stops. */
  watch: { seconds: number; until?: string; deadline?: number };
  /** A lookup's +expect / +expect-has values and +fail-on conditions. */
  expect: string[] | undefined;
  failOn: string[] | undefined;
  /** +compare only: whether +allns finds the servers, and the NSID option asked for. */
  allns: boolean;
  nsid: boolean;
}

const text = (servers: readonly Endpoint[]): string[] => servers.map((s) => `${s.address}#${s.port}`);

function knobs(settings: ExchangeSettings) {
  return {
    timeoutMs: settings.timeoutMs,
    tries: settings.tries,
    rd: settings.rd,
    tcp: settings.tcp,
    signed: settings.tsig !== undefined,
    ixfrSerial: settings.ixfrSerial,
  };
}

function summary(plan: QueryPlan): Partial<Summary> {
  const shown = { mode: plan.mode, label: plan.serverLabel, found: plan.serversFound };
  const validated = (v: { anchorFile?: string } | undefined) => (v ? (v.anchorFile ?? 'built-in') : undefined);
  switch (plan.mode) {
    case 'compare':
    case 'watchCompare':
      return {
        ...shown,
        names: [plan.question.name],
        type: plan.question.type,
        class: plan.question.class,
        servers: plan.targets.map((t) => `${t.endpoint.address}#${t.endpoint.port}${t.name ? `(${t.name})` : ''}`),
        ...knobs(plan.exchange),
        allns: plan.allns !== undefined,
        nsid: plan.exchange.nsid,
        ...(plan.mode === 'watchCompare' && { watch: plan.watch }),
        ...(plan.allns && {
          startServers: text(plan.allns.startServers ?? []),
          rootHintsSource: plan.allns.rootHintsSource,
        }),
      };
    case 'explain':
      return {
        ...shown,
        names: plan.lookup.candidates.map((q) => q.name),
        type: plan.lookup.candidates[0].type,
        servers: text(plan.lookup.servers),
        ...knobs(plan.lookup.settings),
        validate: validated(plan.validate),
        startServers: text(plan.trace.startServers ?? []),
        rootHintsSource: plan.trace.rootHintsSource,
        follow: plan.trace.follow,
      };
    case 'lookup':
    case 'nssearch':
    case 'types':
    case 'watch': {
      const { candidates, servers, settings } = plan.lookup;
      return {
        ...shown,
        names: candidates.map((q) => q.name),
        type: candidates[0].type,
        class: candidates[0].class,
        servers: text(servers),
        ...knobs(settings),
        nextServerOnServfail: plan.lookup.nextServerOnServfail === true,
        showSearch: plan.lookup.showSearch === true,
        ...(plan.mode === 'lookup' && {
          validate: validated(plan.validate),
          expect: plan.assertions?.expect?.values,
          failOn: plan.assertions?.failOn,
        }),
        ...(plan.mode === 'types' && { types: plan.types }),
        ...(plan.mode === 'watch' && { watch: plan.watch }),
        ...(plan.mode === 'nssearch' && {
          soa: { rd: plan.nssearch.soa.rd, tries: plan.nssearch.soa.tries, port: plan.nssearch.port },
        }),
      };
    }
    case 'trace':
      return {
        ...shown,
        names: [plan.request.name],
        type: plan.request.type,
        class: plan.request.class,
        servers: text(plan.servers),
        ...knobs(plan.settings.exchange),
        validate: validated(plan.validate),
        startServers: text(plan.settings.startServers ?? []),
        rootHintsSource: plan.settings.rootHintsSource,
        follow: plan.settings.follow,
      };
    case 'transfer':
      return {
        ...shown,
        names: [plan.transfer.question.name],
        type: plan.transfer.question.type,
        class: plan.transfer.question.class,
        servers: text(plan.transfer.servers),
        ...knobs(plan.transfer.settings),
      };
    case 'check':
      return {
        ...shown,
        names: [plan.name],
        timeoutMs: plan.timeoutMs,
        startServers: text(plan.walk.startServers ?? []),
        rootHintsSource: plan.walk.rootHintsSource,
        follow: plan.walk.follow,
      };
  }
}

function facts(system: System): SystemFacts {
  const result: SystemFacts = { serverAddresses: new Map(Object.entries(system.hosts ?? {})) };
  if (system.resolvConf !== undefined) result.resolvConf = parseResolvConf(system.resolvConf);
  if (system.tsig) result.tsigKey = KEY;
  return result;
}

function parsed(argv: string[]): Options {
  const outcome = parseArgs(argv);
  assert.equal(outcome.kind, 'run', JSON.stringify(outcome));
  return (outcome as { options: Options }).options;
}

/** The plans of every query argv holds. */
function plans(argv: string[], system: System): QueryPlan[] {
  const options = parsed(argv);
  const shared = facts(system);
  return options.queries.map((request) => planQuery(request, options, shared));
}

const LOCAL = 'nameserver 127.0.0.53\nnameserver ::1\n';
const SLOW = `${LOCAL}options timeout:2 attempts:1\n`;

/** [what the case shows, argv, system, what the plan of its (first) query must say]. */
const CASES: Array<[string, string[], System, Partial<Summary>]> = [
  [
    'a lookup to @server: the address as typed labels the server',
    ['@127.0.0.1', 'example.test'],
    {},
    {
      mode: 'lookup',
      names: ['example.test.'],
      type: 1,
      class: 1,
      servers: ['127.0.0.1#53'],
      label: '127.0.0.1',
      found: 1,
      timeoutMs: 5000,
      tries: 3,
      rd: true,
      signed: false,
    },
  ],
  [
    "without @server, resolv.conf's servers, unlabelled",
    ['example.test'],
    { resolvConf: LOCAL },
    { servers: ['127.0.0.53#53', '::1#53'], label: undefined, found: undefined },
  ],
  [
    '-4 keeps the IPv4 servers of resolv.conf',
    ['-4', 'example.test'],
    { resolvConf: LOCAL },
    { servers: ['127.0.0.53#53'] },
  ],
  [
    '-p is the port of every server',
    ['-p', '5353', 'example.test'],
    { resolvConf: LOCAL },
    { servers: ['127.0.0.53#5353', '::1#5353'] },
  ],
  [
    'a host name @server: every address it has, counted',
    ['@ns.test', 'example.test'],
    { hosts: { 'ns.test': ['127.0.0.7', '::1'] } },
    { servers: ['127.0.0.7#53', '::1#53'], label: 'ns.test', found: 2 },
  ],
  [
    "resolv.conf's timeout and attempts, when the command line sets neither",
    ['example.test'],
    { resolvConf: SLOW },
    { timeoutMs: 2000, tries: 1 },
  ],
  [
    "+timeout and +tries typed with dig's default values still win over resolv.conf",
    ['+timeout=5', '+tries=3', 'example.test'],
    { resolvConf: SLOW },
    { timeoutMs: 5000, tries: 3 },
  ],
  [
    "+timeout alone: resolv.conf's attempts still apply",
    ['+timeout=6', 'example.test'],
    { resolvConf: SLOW },
    { timeoutMs: 6000, tries: 1 },
  ],
  [
    "+tries alone: resolv.conf's timeout still applies",
    ['+tries=3', 'example.test'],
    { resolvConf: SLOW },
    { timeoutMs: 2000, tries: 3 },
  ],
  ['+retry=2 sets the tries: three', ['+retry=2', 'example.test'], { resolvConf: SLOW }, { timeoutMs: 2000, tries: 3 }],
  [
    '+tries given after the name, for that query only',
    ['a.test', 'b.test', '+tries=3'],
    { resolvConf: SLOW },
    { names: ['a.test.'], tries: 1 },
  ],
  [
    "with @server, resolv.conf's options do not apply",
    ['@127.0.0.1', 'example.test'],
    { resolvConf: SLOW },
    { timeoutMs: 5000, tries: 3 },
  ],
  [
    '+search: each search domain, then the name as typed',
    ['+search', 'www'],
    { resolvConf: `${LOCAL}search a.test b.test\n` },
    { names: ['www.a.test.', 'www.b.test.', 'www.'] },
  ],
  [
    '+domain is a search list of its own',
    ['+search', '+domain=c.test', 'www'],
    { resolvConf: `${LOCAL}search a.test\n` },
    { names: ['www.c.test.', 'www.'] },
  ],
  [
    'a name with ndots dots is tried as typed only',
    ['+search', 'www.example'],
    { resolvConf: `${LOCAL}search a.test\n` },
    { names: ['www.example.'] },
  ],
  [
    '-x: the reverse name, PTR',
    ['@127.0.0.1', '-x', '192.0.2.1'],
    {},
    { names: ['1.2.0.192.in-addr.arpa.'], type: 12 },
  ],
  [
    '+nofail and +showsearch',
    ['@127.0.0.1', '+nofail', '+showsearch', 'x'],
    {},
    { nextServerOnServfail: true, showSearch: true },
  ],
  ['-y / -k: every query is signed', ['@127.0.0.1', 'example.test'], { tsig: true }, { signed: true }],
  [
    '+validate: the built-in root keys',
    ['@127.0.0.1', '+validate', 'example.test'],
    {},
    { mode: 'lookup', validate: 'built-in' },
  ],
  [
    '--trust-anchor names the file',
    ['@127.0.0.1', '+validate', '--trust-anchor=root.ds', 'example.test'],
    {},
    { validate: 'root.ds' },
  ],
  [
    'without +validate, no verdict',
    ['@127.0.0.1', '--trust-anchor=root.ds', 'example.test'],
    {},
    { validate: undefined },
  ],
  [
    '+trace starts from @server',
    ['@127.0.0.1', '+trace', 'example.test'],
    {},
    {
      mode: 'trace',
      names: ['example.test.'],
      startServers: ['127.0.0.1#53'],
      rootHintsSource: 'builtin',
      follow: false,
    },
  ],
  [
    '+trace with --root-hints starts from the file, and still names @server',
    ['@127.0.0.1', '+trace', '--root-hints=root.hints', '+follow', 'example.test'],
    {},
    { mode: 'trace', servers: ['127.0.0.1#53'], startServers: [], rootHintsSource: 'file', follow: true },
  ],
  [
    '+trace +validate',
    ['@127.0.0.1', '+trace', '+validate', 'example.test'],
    {},
    { mode: 'trace', validate: 'built-in' },
  ],
  [
    '+trace and +nssearch: the last given wins',
    ['@127.0.0.1', '+nssearch', '+trace', 'example.test'],
    {},
    { mode: 'trace', type: 1 },
  ],
  [
    'AXFR: a transfer, without recursion',
    ['@127.0.0.1', 'example.test', 'AXFR'],
    {},
    { mode: 'transfer', type: 252, rd: false, tcp: false, ixfrSerial: undefined },
  ],
  [
    'IXFR=N: a transfer over TCP carrying the serial',
    ['@127.0.0.1', 'example.test', 'IXFR=7'],
    {},
    { mode: 'transfer', type: 251, rd: false, tcp: true, ixfrSerial: 7 },
  ],
  [
    'IXFR=N +notcp: one UDP exchange, a lookup',
    ['@127.0.0.1', '+notcp', 'example.test', 'IXFR=7'],
    {},
    { mode: 'lookup', type: 251, rd: false, ixfrSerial: 7 },
  ],
  [
    '+types: one lookup asked for each type',
    ['@127.0.0.1', '+types=A,MX', 'example.test'],
    {},
    { mode: 'types', names: ['example.test.'], types: [1, 15] },
  ],
  [
    '+watch: one lookup asked again',
    ['@127.0.0.1', '+watch=5', '+until=192.0.2.1', 'example.test'],
    {},
    { mode: 'watch', names: ['example.test.'], watch: { seconds: 5, until: '192.0.2.1' } },
  ],
  [
    '+expect and +fail-on: a lookup that carries its assertions',
    ['@127.0.0.1', '+expect=192.0.2.1', '+fail-on=nxdomain', 'example.test'],
    {},
    { mode: 'lookup', expect: ['192.0.2.1'], failOn: ['nxdomain'] },
  ],
  ['a plain lookup asserts nothing', ['@127.0.0.1', 'example.test'], {}, { expect: undefined, failOn: undefined }],
  [
    '+nssearch: the NS set from the resolver, then each server without recursion, one try',
    ['@127.0.0.1', '-p', '5353', '+nssearch', 'example.test', 'MX'],
    {},
    { mode: 'nssearch', type: 2, rd: true, tries: 3, soa: { rd: false, tries: 1, port: 5353 } },
  ],
  [
    '+compare: every @server, each address once, one try each, NSID asked for',
    ['@127.0.0.1', '@ns.test', '@127.0.0.1', 'example.test', 'SOA', '+compare'],
    { hosts: { 'ns.test': ['127.0.0.2', '::1'] } },
    {
      mode: 'compare',
      type: 6,
      servers: ['127.0.0.1#53', '127.0.0.2#53(ns.test)', '::1#53(ns.test)'],
      tries: 1,
      nsid: true,
      allns: false,
    },
  ],
  [
    '+compare +watch: the comparison asked again, each server once a round',
    ['@127.0.0.1', '@127.0.0.2', 'example.test', '+compare', '+watch=3', '+until=192.0.2.1', '+deadline=60'],
    {},
    {
      mode: 'watchCompare',
      servers: ['127.0.0.1#53', '127.0.0.2#53'],
      tries: 1,
      watch: { seconds: 3, until: '192.0.2.1', deadline: 60 },
    },
  ],
  [
    '+allns +watch: the zone found from the root, then watched',
    ['+allns', '+watch', 'example.test', '--root-hints=hints'],
    {},
    { mode: 'watchCompare', allns: true, servers: [], rd: false, rootHintsSource: 'file', watch: { seconds: 2 } },
  ],
  [
    '+compare +tries=3: the tries asked for',
    ['@127.0.0.1', '@127.0.0.2', '+tries=3', 'example.test', '+compare'],
    {},
    { mode: 'compare', servers: ['127.0.0.1#53', '127.0.0.2#53'], tries: 3 },
  ],
  [
    "+compare: the @servers given before the first name, then the query's own",
    ['@127.0.0.1', '@127.0.0.2', 'example.test', '@127.0.0.3', '@127.0.0.4', '+compare'],
    {},
    { mode: 'compare', servers: ['127.0.0.1#53', '127.0.0.2#53', '127.0.0.3#53', '127.0.0.4#53'] },
  ],
  [
    '+allns: no @server asked, the zone found from the root hints without recursion (it sets +compare)',
    ['+allns', 'example.test', '--root-hints=hints'],
    {},
    { mode: 'compare', allns: true, servers: [], rd: false, startServers: [], rootHintsSource: 'file' },
  ],
  [
    '+compare then +trace: the last given wins',
    ['@127.0.0.1', '+compare', '+trace', 'example.test'],
    {},
    { mode: 'trace' },
  ],
  [
    '+explain: a lookup, then a trace from the built-in hints (never the @server) following CNAMEs',
    ['@127.0.0.1', '+explain', 'example.test'],
    {},
    { mode: 'explain', servers: ['127.0.0.1#53'], startServers: [], rootHintsSource: 'builtin', follow: true },
  ],
  [
    '+explain +validate: the lookup is judged too',
    ['@127.0.0.1', '+explain', '+validate', 'example.test'],
    {},
    { mode: 'explain', validate: 'built-in' },
  ],
  [
    '+check: the walk starts at @server, with a 2 s timeout for each query',
    ['@127.0.0.1', '+check', 'example.test'],
    {},
    {
      mode: 'check',
      names: ['example.test.'],
      timeoutMs: 2000,
      startServers: ['127.0.0.1#53'],
      follow: false,
    },
  ],
  [
    '+check with +timeout: that timeout; with --root-hints the walk starts from the file',
    ['+check', '+timeout=1', '--root-hints=root.hints', 'example.test'],
    { resolvConf: LOCAL },
    { mode: 'check', timeoutMs: 1000, startServers: [], rootHintsSource: 'file' },
  ],
  [
    '+trace after +check: the last given wins',
    ['@127.0.0.1', '+check', '+trace', 'example.test'],
    {},
    { mode: 'trace' },
  ],
];

for (const [what, argv, system, expected] of CASES) {
  test(`plan: ${what}`, () => {
    const actual = summary(plans(argv, system)[0]);
    const picked = Object.fromEntries(Object.keys(expected).map((key) => [key, actual[key as keyof Summary]]));
    assert.deepEqual(picked, expected, `tsdig ${argv.join(' ')}`);
  });
}

/** [argv, system, the one line that stops the plan]. */
const REFUSED: Array<[string[], System, RegExp]> = [
  [['@127.0.0.1', '+validate', '+nssearch', 'example.test'], {}, /^\+validate checks .* not \+nssearch/],
  [['@127.0.0.1', '+validate', 'example.test', 'AXFR'], {}, /^\+validate checks .* not a zone transfer/],
  [['@127.0.0.1', '+types=A,MX', '+trace', 'example.test'], {}, /^\+types asks .* not with \+trace/],
  [['@127.0.0.1', '+watch', 'example.test', 'AXFR'], {}, /^\+watch repeats one lookup, not with a zone transfer/],
  [['@127.0.0.1', '+expect=192.0.2.1', '+nssearch', 'example.test'], {}, /^\+expect judges one lookup's reply/],
  [['@127.0.0.1', '@127.0.0.2', '+validate', '+compare', 'example.test'], {}, /^\+validate judges one answer/],
  [['@127.0.0.1', '@127.0.0.2', '+short', '+compare', 'example.test'], {}, /^\+compare prints its comparison/],
  [['@127.0.0.1', '+validate', '+check', 'example.test'], {}, /^\+validate checks .* not \+check/],
  [['@127.0.0.1', '+tls', '+check', 'example.test'], {}, /^\+check asks the name servers over UDP and TCP/],
  [
    ['@127.0.0.1', '+check', '+types=A,MX', 'example.test'],
    {},
    /^\+check judges a zone's delegation, not with \+types: /,
  ],
  [['@127.0.0.1', '+check', '+yaml', 'example.test'], {}, /^\+check judges a zone's delegation, not with \+yaml: /],
  [['@127.0.0.1', '+check', '+fail-on=nxdomain', 'example.test'], {}, /^\+check judges .* not with an assertion \(/],
  [['@127.0.0.1', '+trace', '+validate', '+yaml', 'example.test'], {}, /^\+validate prints its verdict .* not \+yaml/],
  [['@127.0.0.1', '+types=A,MX', '+validate', 'example.test'], {}, /^\+types asks .* not with \+validate: /],
  [['@127.0.0.1', '--nagios', '+types=A,MX', 'example.test'], {}, /^--nagios judges one lookup's reply, not \+types: /],
  [['@127.0.0.1', '+watch', '--table', 'example.test'], {}, /^\+watch repeats one lookup, not with --table: /],
  [['@127.0.0.1', '+watch', '+expect-has=192.0.2.1', 'example.test'], {}, /^\+watch repeats .* not with an assertion/],
  [['-6', 'example.test'], { resolvConf: 'nameserver 127.0.0.53\n' }, /^no usable nameserver in resolv\.conf$/],
  [['-6', '@127.0.0.1', 'example.test'], {}, /^server '127\.0\.0\.1' is not an IPv6 address \(-6\)$/],
  [['@ns.test', 'example.test'], { hosts: { 'ns.test': [] } }, /^couldn't get address for 'ns\.test'$/],
  [['@127.0.0.1', `${'a'.repeat(64)}.test`], {}, /label/i],
];

for (const [argv, system, message] of REFUSED) {
  test(`plan refuses: tsdig ${argv.join(' ').slice(0, 60)}`, () => {
    assert.throws(
      () => plans(argv, system),
      (error: unknown) => error instanceof InputError && message.test(error.message),
    );
  });
}

test('every query of a command line gets its own plan, in order, each in its own mode', () => {
  const modes = plans(['@127.0.0.1', 'a.test', 'b.test', 'AXFR', 'c.test', '+trace', 'd.test', '+nssearch'], {}).map(
    (plan) => [plan.mode, summary(plan).names?.[0]],
  );
  assert.deepEqual(modes, [
    ['lookup', 'a.test.'],
    ['transfer', 'b.test.'],
    ['trace', 'c.test.'],
    ['nssearch', 'd.test.'],
  ]);
});

test('the second query of "a.test b.test +tries=3" has its own tries; resolv.conf gives the first its attempts', () => {
  assert.deepEqual(
    plans(['a.test', 'b.test', '+tries=3'], { resolvConf: SLOW }).map((plan) => summary(plan).tries),
    [1, 3],
  );
});

test('queries to the same server share its endpoints (a batch plans many)', () => {
  const [a, b] = plans(['@127.0.0.1', 'a.test', 'b.test'], {});
  assert.ok(a.mode === 'lookup' && b.mode === 'lookup');
  assert.equal(a.lookup.servers, b.lookup.servers);
});
