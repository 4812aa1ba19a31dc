/**
 * +check's judgments as a pure function of collected data: each fault built on purpose into the
 * healthy zone's data, with the exact findings it must produce, and the text and JSON views as
 * golden files (test/golden/check/).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkReport } from '../../src/check/report.js';
import type { CheckData } from '../../src/check/types.js';
import { renderCheck } from '../../src/render/check.js';
import { checkDocument } from '../../src/render/jsonCheck.js';
import { renderJsonDocuments } from '../../src/render/json.js';
import { plainPalette } from '../../src/render/palette.js';
import { assertGolden } from '../render/goldenFile.js';
import { assertSchemaValid } from '../support/schemaValid.js';
import { failed, got, healthy, nameServer, rec, serveSoa, serverAt, signed, soaRecord, zoneCut } from './scenarios.js';

/** The findings that are not ok, as `severity id` lines, in report order. */
function problems(data: CheckData): string[] {
  return checkReport(data)
    .findings.filter((f) => f.severity !== 'ok')
    .map((f) => `${f.severity} ${f.id}`);
}

/** Checks the text and JSON views of a scenario against its golden files. */
function golden(name: string, data: CheckData): void {
  const report = checkReport(data);
  assertGolden(`check/${name}.txt`, renderCheck(report, data, { palette: plainPalette }));
  const json = renderJsonDocuments([checkDocument(report, data, '0.0.0-test')], 'json');
  assertGolden(`check/${name}.json`, json);
  assertSchemaValid(JSON.parse(json));
}

const ADVICE = ['notice dnssec.status'];

test('healthy zone: only the notice that it is unsigned; every check ok', () => {
  const data = healthy();
  assert.deepEqual(problems(data), ADVICE);
  const report = checkReport(data);
  assert.equal(report.worst, 'notice');
  assert.match(
    report.verdict,
    /^example\.test\. is healthy, with notices: 1 notice; \d+ checks ok, 3 server addresses, 60 queries$/,
  );
  golden('healthy', data);
});

test('lame server: answers without aa', () => {
  const data = healthy();
  const ns2 = serverAt(data, '192.0.2.2');
  ns2.probes.soa = got({ answer: [soaRecord('example.test.', 2024010101)] });
  ns2.probes.tcp = got({ answer: [soaRecord('example.test.', 2024010101)] }, 'tcp');
  assert.deepEqual(problems(data), ['error server.lame', ...ADVICE]);
  assert.match(
    checkReport(data).findings[0].message,
    /^ns2\.example\.test\. \(192\.0\.2\.2\) is lame for example\.test\.: no aa flag$/,
  );
  golden('lame', data);
});

test('refusing server', () => {
  const data = healthy();
  const ns2 = serverAt(data, '192.0.2.2');
  ns2.probes.soa = got({ rcode: 5 });
  ns2.probes.tcp = got({ rcode: 5 }, 'tcp');
  assert.deepEqual(problems(data), ['error server.refused', ...ADVICE]);
  golden('refused', data);
});

test('silent server over UDP and TCP: one error naming the timeout', () => {
  const data = healthy();
  const ns2 = serverAt(data, '192.0.2.2');
  ns2.probes = { soa: failed(), tcp: failed('timeout', 'tcp') };
  assert.deepEqual(problems(data), ['error server.silent', ...ADVICE]);
  assert.equal(
    checkReport(data).findings[0].message,
    'ns2.example.test. (192.0.2.2) never answered over IPv4 (2000 ms timeout, UDP and TCP)',
  );
  golden('silent', data);
});

test('unreachable IPv6 address: reported as IPv6, with the IPv6 summary', () => {
  const data = healthy();
  serverAt(data, '2001:db8::1').probes = { soa: failed('unreachable'), tcp: failed('unreachable', 'tcp') };
  assert.deepEqual(problems(data), ['error server.unreachable', 'warning servers.ipv6', ...ADVICE]);
  const [first, second] = checkReport(data).findings;
  assert.equal(first.message, 'ns1.example.test. (2001:db8::1) is unreachable over IPv6: connection refused');
  assert.match(second.message, /^none of the 1 IPv6 address of example\.test\. answers authoritatively$/);
  golden('unreachable6', data);
});

test('a server that answers over UDP only, and one that answers over TCP only', () => {
  const data = healthy();
  serverAt(data, '192.0.2.1').probes.tcp = failed('unreachable', 'tcp');
  const ns2 = serverAt(data, '192.0.2.2');
  ns2.probes.soa = failed();
  assert.deepEqual(problems(data), ['error server.udp', 'error transport.tcp', ...ADVICE]);
});

test('glue that differs from what the child serves is an error; missing glue for an in-zone name too', () => {
  const data = healthy();
  const parent = zoneCut(data).parentServers[0];
  nameServer(data, 'ns1.example.test.').glue = ['192.0.2.9', '2001:db8::1'];
  nameServer(data, 'ns2.example.test.').glue = [];
  parent.ns = got({
    authority: [rec('example.test. 3600 IN NS ns1.example.test.'), rec('example.test. 3600 IN NS ns2.example.test.')],
    additional: [rec('ns1.example.test. 3600 IN A 192.0.2.9')],
  });
  assert.deepEqual(problems(data), ['error delegation.glue-match', 'error delegation.glue-missing', ...ADVICE]);
  const report = checkReport(data);
  assert.equal(report.findings[1].message, 'ns2.example.test. is inside example.test. but test. gives no glue for it');
  assert.equal(
    report.findings[0].message,
    'glue for ns1.example.test. in test. has 192.0.2.9, which example.test. does not serve (it serves 192.0.2.1 and 2001:db8::1)',
  );
  golden('glue', data);
});

test('parent and child NS sets differ', () => {
  const data = healthy();
  const childNs = [
    rec('example.test. 3600 IN NS ns1.example.test.'),
    rec('example.test. 3600 IN NS ns3.example.test.'),
  ];
  for (const server of zoneCut(data).servers) server.probes.ns = got({ aa: true, answer: childNs });
  assert.deepEqual(problems(data), ['warning delegation.ns-match', ...ADVICE]);
  assert.equal(
    checkReport(data).findings[0].message,
    'the NS sets of test. and example.test. differ: only in the delegation from test.: ns2.example.test.; only in example.test. itself: ns3.example.test.',
  );
  golden('nsmismatch', data);
});

test('the child servers disagree among themselves', () => {
  const data = healthy();
  serverAt(data, '192.0.2.2').probes.ns = got({
    aa: true,
    answer: [rec('example.test. 3600 IN NS ns2.example.test.')],
  });
  assert.deepEqual(problems(data), ['warning ns.child-consistent', ...ADVICE]);
});

test('serial skew: the lagging server is named', () => {
  const data = healthy();
  serveSoa(serverAt(data, '192.0.2.2'), soaRecord('example.test.', 2024010100));
  assert.deepEqual(problems(data), ['warning soa.serial', ...ADVICE]);
  const finding = checkReport(data).findings[0];
  assert.equal(
    finding.message,
    'serials differ: 2024010101 (newest) on ns1.example.test. (192.0.2.1) and ns1.example.test. (2001:db8::1); 2024010100 on ns2.example.test. (192.0.2.2)',
  );
  assert.deepEqual(finding.servers, ['ns2.example.test. (192.0.2.2)']);
  golden('serial', data);
});

test('a wrapped serial is newer, not smaller (RFC 1982)', () => {
  const data = healthy();
  serveSoa(serverAt(data, '192.0.2.1'), soaRecord('example.test.', 4294967295));
  serveSoa(serverAt(data, '2001:db8::1'), soaRecord('example.test.', 4294967295));
  serveSoa(serverAt(data, '192.0.2.2'), soaRecord('example.test.', 5));
  const finding = checkReport(data).findings[0];
  assert.equal(finding.id, 'soa.serial');
  assert.equal(
    finding.message,
    'serials differ: 5 (newest, after wrapping) on ns2.example.test. (192.0.2.2); 4294967295 on ns1.example.test. (192.0.2.1) and ns1.example.test. (2001:db8::1)',
  );
  golden('serialwrap', data);
});

test('SOA with inconsistent timers and an RNAME that is not a mailbox', () => {
  const data = healthy();
  for (const server of zoneCut(data).servers)
    serveSoa(server, soaRecord('example.test.', 2024010101, '600 900 1000 604800', 'hidden.example.net.', 'nobody.'));
  assert.deepEqual(problems(data), ['warning soa.rname', 'warning soa.timers', 'notice soa.mname', ...ADVICE]);
  golden('soa', data);
});

test('EDNS non-compliance: no BADVERS, an echoed option, a dropped flag, no DO', () => {
  const data = healthy();
  const soa = soaRecord('example.test.', 2024010101);
  const ns2 = serverAt(data, '192.0.2.2');
  ns2.probes.ednsVersion = got({ aa: true, answer: [soa] });
  ns2.probes.ednsOption = got({
    aa: true,
    answer: [soa],
    edns: { version: 0, udpSize: 4096, do: false, flags: 0, options: [{ code: 100, data: new Uint8Array() }] },
  });
  ns2.probes.ednsFlag = failed();
  ns2.probes.do = got({ aa: true, answer: [soa] });
  ns2.probes.plain = got({ aa: true, answer: [soa] });
  assert.deepEqual(problems(data), [
    'error edns.flags',
    'warning edns.plain',
    'warning edns.version',
    'warning edns.option',
    'warning edns.do',
    ...ADVICE,
  ]);
  golden('edns', data);
});

test('truncation without TCP, and a reply bigger than the buffer', () => {
  const data = healthy();
  const ns1 = serverAt(data, '192.0.2.1');
  ns1.probes.truncated = got({ aa: true, tc: true });
  ns1.probes.truncatedTcp = failed('timeout', 'tcp');
  serverAt(data, '192.0.2.2').probes.dnskey = got({
    aa: true,
    size: 1500,
    edns: { version: 0, udpSize: 4096, do: true, flags: 0, options: [] },
  });
  assert.deepEqual(problems(data), ['error edns.truncation', 'warning edns.size', 'notice edns.size', ...ADVICE]);
});

test('open recursion on an authoritative server', () => {
  const data = healthy();
  serverAt(data, '192.0.2.2').probes.recursion = got({ ra: true, answer: [soaRecord('test.', 1)] });
  assert.deepEqual(problems(data), ['warning server.recursion', ...ADVICE]);
  assert.equal(
    checkReport(data).findings[0].message,
    'ns2.example.test. (192.0.2.2) answers recursive queries for names outside example.test. (open resolver)',
  );
  golden('recursion', data);
});

test('CNAME at the apex; an NS name that is an alias, one that does not resolve; an MX target that is an alias', () => {
  const data = healthy();
  serverAt(data, '192.0.2.1').probes.cname = got({
    aa: true,
    answer: [rec('example.test. 3600 IN CNAME www.example.net.')],
  });
  nameServer(data, 'ns1.example.test.').ipv4 = {
    status: 'cname',
    addresses: ['192.0.2.1'],
    cname: 'host.example.net.',
  };
  nameServer(data, 'ns2.example.test.').ipv4 = { status: 'nxdomain', addresses: [] };
  nameServer(data, 'ns2.example.test.').ipv6 = { status: 'nxdomain', addresses: [] };
  zoneCut(data).mxTargets = [
    { name: 'mail.example.test.', resolution: { status: 'cname', addresses: [], cname: 'mx.example.net.' } },
  ];
  assert.deepEqual(problems(data), [
    'error apex.cname',
    'error ns.cname',
    'error ns.resolves',
    'warning mx.cname',
    ...ADVICE,
  ]);
  assert.equal(
    checkReport(data).findings[0].message,
    'example.test. has a CNAME to www.example.net. at its apex, beside its SOA and NS',
  );
  golden('names', data);
});

test('one name server: a warning (RFC 1034 4.1 asks for two)', () => {
  const data = healthy();
  const cut = zoneCut(data);
  cut.nameServers = cut.nameServers.slice(0, 1);
  cut.servers = cut.servers.filter((s) => s.names[0] === 'ns1.example.test.');
  for (const s of cut.servers)
    s.probes.ns = got({ aa: true, answer: [rec('example.test. 3600 IN NS ns1.example.test.')] });
  cut.parentServers[0].ns = got({ authority: [rec('example.test. 3600 IN NS ns1.example.test.')] });
  assert.deepEqual(problems(data), ['warning ns.count', ...ADVICE]);
});

test('signed zone: DS matches, signatures valid, NSEC3 with iterations and salt (RFC 9276)', () => {
  const data = signed();
  // The fixture zone has one name server and a one-day expire: real findings about it.
  assert.deepEqual(problems(data), [
    'warning ns.count',
    'warning dnssec.nsec3',
    'notice servers.ipv6',
    'notice soa.timers',
  ]);
  const report = checkReport(data);
  assert.equal(report.findings[1].message, 'NSEC3PARAM has 2 extra iterations (use 0), salt AB12CD');
  assert.ok(
    report.findings.some(
      (f) =>
        f.id === 'dnssec.ds-match' && f.severity === 'ok' && f.message === 'DS 56239/8/2 in . matches a DNSKEY of sec.',
    ),
  );
  assert.ok(
    report.findings.some((f) => f.id === 'dnssec.signature' && f.message.endsWith('the first expires on 2090-01-01')),
  );
  golden('signed', data);
});

test('expired signatures: each named with its key and date', () => {
  const data = signed({ now: Date.UTC(2091, 0, 1) / 1000 });
  const report = checkReport(data);
  const expired = report.findings
    .filter((f) => f.id === 'dnssec.signature' && f.severity === 'error')
    .map((f) => f.message);
  assert.deepEqual(expired.sort(), [
    'RRSIG over sec. DNSKEY by key 56239 expired on 2090-01-01',
    'RRSIG over sec. DNSKEY by key 59421 expired on 2090-01-01',
    'RRSIG over sec. SOA by key 59421 expired on 2090-01-01',
  ]);
  golden('expired', data);
});

test('signatures about to expire: a warning with the date', () => {
  const data = signed({ now: Date.UTC(2089, 11, 29) / 1000 });
  const soon = checkReport(data).findings.filter((f) => f.id === 'dnssec.expiry');
  assert.equal(soon.length, 3);
  assert.ok(soon.every((f) => f.severity === 'warning' && / expires on 2090-01-01, in 3\.0 days$/.test(f.message)));
});

test('a DS that matches no DNSKEY: the delegation is bogus', () => {
  const ds = rec('sec. 3600 IN DS 56239 8 2 3FBF2229755780AE2C38E37E376513B62C8130D83C9C3415A37416EB3E246909');
  const data = signed({ ds: [ds] });
  const report = checkReport(data);
  assert.equal(report.worst, 'error');
  assert.deepEqual(
    report.findings.filter((f) => f.severity === 'error').map((f) => f.id),
    ['dnssec.ds-match'],
  );
  assert.equal(
    report.findings[0].message,
    'no DS for sec. in . (56239/8/2) matches a DNSKEY of sec.: the delegation is bogus',
  );
  golden('dsmismatch', data);
});

test('a DS in the parent and no DNSKEY in the child', () => {
  const data = healthy();
  zoneCut(data).parentServers[0].ds = got({
    aa: true,
    answer: [
      rec('example.test. 3600 IN DS 1234 13 2 3FBF2229755780AE2C38E37E376513B62C8130D83C9C3415A37416EB3E246909'),
    ],
  });
  assert.deepEqual(problems(data), ['error dnssec.ds-match']);
});

test('a signed zone without a parent (the root): its keys are trusted through an anchor, not missing a DS', () => {
  const data = signed();
  const cut = zoneCut(data);
  delete cut.parent;
  cut.parentServers = [];
  const status = checkReport(data).findings.filter((f) => f.id === 'dnssec.status');
  assert.deepEqual(
    status.map((f) => [f.severity, f.message]),
    [['ok', 'sec. is signed; with no parent, validators trust its keys through a trust anchor']],
  );
  assert.ok(!checkReport(data).findings.some((f) => f.id === 'dnssec.ds-match'));
});

test('servers that serve different key sets', () => {
  const data = signed();
  const cut = zoneCut(data);
  const other = structuredClone(cut.servers[0]);
  other.address = '192.0.2.54';
  const keys = other.probes.dnskey;
  if (keys?.kind !== 'reply') throw new Error('fixture');
  keys.message = {
    ...keys.message,
    answer: keys.message.answer.filter((r) => r.rdata.type !== 'DNSKEY' || (r.rdata.flags & 0xff) === 1),
  };
  cut.servers.push(other);
  assert.ok(problems(data).includes('error dnssec.dnskey-consistent'));
});

test('the walk did not reach the zone: one error, and the report says the zone was unreachable', () => {
  const data: CheckData = {
    name: 'example.test.',
    walk: {
      zones: ['.'],
      failures: [],
      queries: 3,
      error: {
        code: 'trace.allServersFailed',
        message: 'all servers of . failed: a.root-servers.test. (192.0.2.200) timeout',
      },
    },
    cuts: [],
    now: 0,
    timeoutMs: 2000,
    queries: 3,
    totalMs: 2000,
  };
  const report = checkReport(data);
  assert.equal(report.unreachable, true);
  assert.deepEqual(problems(data), ['error walk.reach']);
  assert.equal(
    report.verdict,
    'example.test.: could not reach example.test. from the root: all servers of . failed: a.root-servers.test. (192.0.2.200) timeout',
  );
  golden('unreachable', data);
});

test('a name that does not exist: an error, not an unreachable zone', () => {
  const data: CheckData = {
    name: 'nope.test.',
    walk: { zones: ['.', 'test.'], failures: [], queries: 3, nxdomain: 'test.' },
    cuts: [],
    now: 0,
    timeoutMs: 2000,
    queries: 3,
    totalMs: 5,
  };
  const report = checkReport(data);
  assert.equal(report.unreachable, false);
  assert.deepEqual(problems(data), ['error walk.reach']);
  assert.equal(report.findings[0].message, 'nope.test. does not exist: test. says NXDOMAIN');
});
