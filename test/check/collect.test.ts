/**
 * +check's collection against the loopback +check hierarchy (test/support/checkHierarchy.ts): each
 * zone has one fault built on purpose, and the check names exactly that fault. The zones are checked
 * at once, as subtests running side by side.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { collectCheck } from '../../src/check/collect.js';
import { baseSettings } from '../../src/check/probes.js';
import { checkReport } from '../../src/check/report.js';
import type { CheckData } from '../../src/check/types.js';
import { createQueryFn } from '../../src/resolve/exchange.js';
import { parseRootHints } from '../../src/resolve/rootHints.js';
import { DEFAULT_TRACE_LIMITS } from '../../src/resolve/traceTypes.js';
import type { QueryFn } from '../../src/resolve/types.js';
import { tcpTransport } from '../../src/transport/tcp.js';
import { udpTransport } from '../../src/transport/udp.js';
import { CHECK_ADDR, CHECK_ROOT_HINTS, startCheckHierarchy, type CheckHierarchy } from '../support/checkHierarchy.js';

let hierarchy: CheckHierarchy;
before(async () => {
  hierarchy = await startCheckHierarchy();
});
after(async () => {
  await hierarchy?.close();
});

/** Collects one zone of the hierarchy, with a one-second timeout. */
async function collect(name: string, query?: QueryFn): Promise<CheckData> {
  return collectCheck(
    name,
    {
      trace: {
        exchange: baseSettings(1000),
        port: hierarchy.port,
        family: null,
        follow: false,
        startServers: [],
        rootHintsSource: 'file',
        hedgeDelayMs: 400,
        limits: DEFAULT_TRACE_LIMITS,
      },
      timeoutMs: 1000,
      concurrency: 32,
    },
    {
      query: query ?? createQueryFn({ udp: udpTransport, tcp: tcpTransport }),
      now: () => performance.now(),
      clock: () => Date.UTC(2030, 0, 1) / 1000,
      rootHints: parseRootHints(CHECK_ROOT_HINTS, 'hints'),
    },
  );
}

/** The findings that are not ok, as `severity id: message` lines. */
function problems(data: CheckData): string[] {
  return checkReport(data)
    .findings.filter((f) => f.severity !== 'ok')
    .map((f) => `${f.severity} ${f.id}: ${f.message}`);
}

const UNSIGNED = (zone: string) => `notice dnssec.status: ${zone} is not signed (no DS in check., no DNSKEY)`;
const NO_V6 = (zone: string) => `notice servers.ipv6: no name server of ${zone} has an IPv6 address`;

/** Each zone and exactly the findings it must produce (besides the ok ones). */
const CASES: Record<string, string[]> = {
  'good.check.': [UNSIGNED('good.check.')],
  'dead.check.': [
    'error server.silent: ns2.dead.check. (127.0.2.13) never answered over IPv4 (1000 ms timeout, UDP and TCP)',
    NO_V6('dead.check.'),
    UNSIGNED('dead.check.'),
  ],
  'lame.check.': [
    'error server.lame: ns2.lame.check. (127.0.2.15) is lame for lame.check.: no aa flag',
    NO_V6('lame.check.'),
    UNSIGNED('lame.check.'),
  ],
  'refused.check.': [
    'error server.refused: ns2.refused.check. (127.0.2.16) refuses queries for refused.check.',
    NO_V6('refused.check.'),
    UNSIGNED('refused.check.'),
  ],
  'unreach.check.': [
    'error server.unreachable: ns2.unreach.check. (127.0.2.99) is unreachable over IPv4: connection refused',
    NO_V6('unreach.check.'),
    UNSIGNED('unreach.check.'),
  ],
  'glue.check.': [
    'error delegation.glue-match: glue for ns1.glue.check. in check. has 127.0.2.17, which glue.check. does not serve (it serves 127.0.2.18)',
    NO_V6('glue.check.'),
    UNSIGNED('glue.check.'),
  ],
  'noglue.check.': [
    'error delegation.glue-missing: ns1.noglue.check. is inside noglue.check. but check. gives no glue for it',
    NO_V6('noglue.check.'),
    UNSIGNED('noglue.check.'),
  ],
  'nsdiff.check.': [
    'error server.refused: ns2.good.check. (127.0.2.11) refuses queries for nsdiff.check.',
    'warning delegation.ns-match: the NS sets of check. and nsdiff.check. differ: only in the delegation from check.: ns2.good.check.; only in nsdiff.check. itself: ns3.nsdiff.check.',
    UNSIGNED('nsdiff.check.'),
  ],
  'serial.check.': [
    'warning soa.serial: serials differ: 2024010102 (newest) on ns1.serial.check. (127.0.2.20); 2024010101 on ns2.serial.check. (127.0.2.21)',
    NO_V6('serial.check.'),
    UNSIGNED('serial.check.'),
  ],
  'wrap.check.': [
    'warning soa.serial: serials differ: 5 (newest, after wrapping) on ns1.wrap.check. (127.0.2.22); 4294967295 on ns2.wrap.check. (127.0.2.23)',
    NO_V6('wrap.check.'),
    UNSIGNED('wrap.check.'),
  ],
  'edns.check.': [
    'error edns.do: ns1.edns.check. (127.0.2.24) does not answer a query with DO (no reply within 1000 ms)',
    'warning edns.version: ns1.edns.check. (127.0.2.24) answers EDNS version 1 with NOERROR, not BADVERS',
    UNSIGNED('edns.check.'),
  ],
  'open.check.': [
    'warning server.recursion: ns1.open.check. (127.0.2.25) answers recursive queries for names outside open.check. (open resolver)',
    UNSIGNED('open.check.'),
  ],
  'apex.check.': [
    'error apex.cname: apex.check. has a CNAME to good.check. at its apex, beside its SOA and NS',
    UNSIGNED('apex.check.'),
  ],
  'names.check.': [
    'error ns.cname: NS name ns-alias.good.check. is an alias (CNAME to ns1.good.check.)',
    'error ns.resolves: NS name ns-missing.good.check. does not resolve from the root (NXDOMAIN)',
    'warning mx.cname: MX target mail-alias.good.check. is an alias (CNAME to mail.good.check.)',
    UNSIGNED('names.check.'),
  ],
  'case.check.': [NO_V6('case.check.'), UNSIGNED('case.check.')],
};

test('each fault of the +check hierarchy is found, and nothing else', { concurrency: true }, async (t) => {
  await Promise.all(
    Object.entries(CASES).map(([zone, expected]) =>
      t.test(zone, async () => {
        const data = await collect(zone);
        assert.equal(data.zone, zone);
        assert.deepEqual(problems(data), expected);
      }),
    ),
  );
});

test('the walk and the cuts: the zone first, then check. from the root', async () => {
  const data = await collect('mail.good.check.');
  assert.equal(data.zone, 'good.check.');
  assert.deepEqual(data.walk.zones, ['.', 'check.', 'good.check.']);
  assert.deepEqual(
    data.cuts.map((c) => [c.zone, c.parent, c.role]),
    [
      ['good.check.', 'check.', 'zone'],
      ['check.', '.', 'cut'],
    ],
  );
  const zone = data.cuts[0];
  assert.deepEqual(
    zone.servers.map((s) => s.address).sort(),
    [CHECK_ADDR.v6, CHECK_ADDR.good1, CHECK_ADDR.good2].sort(),
  );
  assert.deepEqual(
    zone.parentServers.map((s) => s.address),
    [CHECK_ADDR.tldA, CHECK_ADDR.tldB],
  );
});

test('a mixed-case name server is named as the zone data spells it, in every finding that names it', async () => {
  const data = await collect('case.check.');
  const report = checkReport(data);
  const texts = report.findings.flatMap((f) => [f.message, ...f.servers]);
  assert.deepEqual(
    texts.filter((t) => t.includes('ns1.case.check.')),
    [],
  );
  const naming = report.findings.filter((f) => f.message.includes('NS1.Case.CHECK.')).map((f) => f.id);
  for (const id of ['delegation.ns-match', 'delegation.glue-match', 'soa.mname', 'ns.resolves'])
    assert.ok(naming.includes(id), `${id} names NS1.Case.CHECK.: ${naming.join(', ')}`);
  const label = `NS1.Case.CHECK. (${CHECK_ADDR.good1})`;
  assert.ok(
    report.findings.some((f) => f.servers.includes(label)),
    'a server label with the name as spelled',
  );
  assert.deepEqual(
    data.cuts[0].nameServers.map((ns) => ns.name),
    ['NS1.Case.CHECK.', 'ns2.good.check.'],
  );
});

test('sibling glue (a name in another zone under check.) is glue, not glue from outside the zone', async () => {
  const data = await collect('glue.check.');
  const sibling = data.cuts[0].parentServers.flatMap((s) =>
    s.ns.kind === 'reply' ? s.ns.message.additional.filter((rr) => rr.name === 'ns2.good.check.') : [],
  );
  assert.ok(sibling.length > 0, 'check. sends glue for ns2.good.check. with the referral to glue.check.');
  assert.ok(!checkReport(data).findings.some((f) => f.id === 'delegation.glue-out-of-zone'));
});

test('a dead server costs one timeout: its UDP probes after the first are not sent', async () => {
  const before = hierarchy.byAddress.get(CHECK_ADDR.dead2)?.count() ?? 0;
  const data = await collect('dead.check.');
  const dead = data.cuts[0].servers.find((s) => s.address === CHECK_ADDR.dead2);
  assert.equal(dead?.probes.soa?.kind, 'failed');
  assert.equal(dead?.probes.ns?.kind, 'skipped');
  // The walk may have tried it once; the check sent one SOA query over UDP and one over TCP.
  const received = (hierarchy.byAddress.get(CHECK_ADDR.dead2)?.count() ?? 0) - before;
  assert.ok(received >= 2 && received <= 4, `queries received: ${received}`);
});

test('a name that does not exist is said so', async () => {
  const data = await collect('nowhere.check.');
  assert.equal(data.zone, undefined);
  assert.deepEqual(problems(data), ['error walk.reach: nowhere.check. does not exist: check. says NXDOMAIN']);
});

test('a root that never answers: the zone cannot be reached', async () => {
  const silent: QueryFn = async () => {
    const { ExchangeError } = await import('../../src/errors.js');
    throw new ExchangeError('timeout', 'timed out');
  };
  const data = await collect('good.check.', silent);
  const report = checkReport(data);
  assert.equal(report.unreachable, true);
  assert.match(report.findings[0].message, /^could not reach good\.check\. from the root: /);
});

test("the check's own queries: no recursion, EDNS 0 at 1232 bytes, no DO, one try, the one timeout", () => {
  const base = baseSettings(2000);
  assert.deepEqual(
    {
      rd: base.rd,
      edns: base.edns,
      bufsize: base.bufsize,
      dnssec: base.dnssec,
      tries: base.tries,
      timeoutMs: base.timeoutMs,
    },
    { rd: false, edns: 0, bufsize: 1232, dnssec: false, tries: 1, timeoutMs: 2000 },
  );
});
