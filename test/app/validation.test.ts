import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Exchange, ExchangeSettings, QueryFn } from '../../src/resolve/types.js';
import type { Question } from '../../src/wire/types.js';
import { runMain } from '../support/runCli.js';
import { validateJson, type Schema } from '../support/jsonSchema.js';
import { answer, fixtureZones } from '../dnssec/signedNetwork.js';
import { fixtureText } from '../dnssec/signedZone.js';
import { FIXTURE_ROOT_HINTS, signedAuthorities, ZONE_ADDRESSES } from '../dnssec/signedAuthorities.js';
import { withRdataWire } from '../support/records.js';

const schema = JSON.parse(
  readFileSync(new URL('../../../schema/tsdig.schema.json', import.meta.url), 'utf8'),
) as Schema;
const dir = mkdtempSync(join(tmpdir(), 'tsdig-anchor-'));
const anchorFile = join(dir, 'root.ds');
writeFileSync(anchorFile, fixtureText('root.ds'));

/** A resolver over the signed fixture zones, in process; `servfail` names answer SERVFAIL unless CD is set (as a validating resolver does for bogus data). */
function resolver(options: { servfail?: string; tamper?: (q: Question, e: Exchange) => Exchange } = {}): {
  query: QueryFn;
  sent: { question: Question; settings: ExchangeSettings }[];
} {
  const zones = fixtureZones();
  const sent: { question: Question; settings: ExchangeSettings }[] = [];
  const query: QueryFn = async (server, question, settings) => {
    sent.push({ question, settings });
    let response = { ...answer(zones, question.name, question.type), question: [question], rd: settings.rd, ra: true };
    if (options.servfail === question.name && !settings.cd)
      response = { ...response, rcode: 2, answer: [], authority: [] };
    const exchange: Exchange = {
      server,
      protocol: 'udp',
      question,
      query: new Uint8Array(12),
      raw: new Uint8Array(12),
      response,
      rttMs: 1,
      receivedAt: new Date(0),
    };
    return options.tamper ? options.tamper(question, exchange) : exchange;
  };
  return { query, sent };
}

const run = (args: string[], query: QueryFn) =>
  runMain(['@127.0.0.1', `--trust-anchor=${anchorFile}`, ...args], { io: { queryFn: query } });

test('+validate prints the verdict block after the reply, one line per zone of the chain', async () => {
  const { query, sent } = resolver();
  const out = await run(['www.ed.sec.', '+validate'], query);
  assert.equal(out.code, 0, out.stderr);
  assert.match(out.stdout, /;; ANSWER SECTION:\nwww\.ed\.sec\.\t+3600\tIN\tA\t192\.0\.2\.10\n/);
  const block = out.stdout.slice(out.stdout.indexOf(';; VALIDATION:'));
  const tag = fixtureText('root.ds').split(/\s+/)[3];
  assert.match(block, new RegExp(`^;; DNSSEC: secure \\(validated from the trust anchor for \\., key ${tag}\\)$`, 'm'));
  assert.match(block, /^;; {3}\.\s+key \d+ {2}\(trust anchor\)$/m);
  assert.match(block, /^;; {3}sec\.\s+key \d+ {2}\(DS \d+\/SHA-256\)$/m);
  assert.match(block, /^;; {3}ed\.sec\.\s+key \d+ {2}\(DS \d+\/SHA-256\)$/m);
  // The lookup itself asks for DNSSEC records; the validator's own queries also set CD.
  assert.equal(sent[0].settings.dnssec, true);
  assert.ok(
    sent.slice(1).every((s) => s.settings.cd && s.settings.dnssec && s.settings.rd),
    'validation queries set DO, CD and RD',
  );
});

test("+short +validate: delv's one line after the answer", async () => {
  assert.equal(
    (await run(['www.ec.', '+validate', '+short'], resolver().query)).stdout.split('\n').at(-2),
    '; fully validated',
  );
  assert.equal(
    (await run(['www.ins.sec.', '+validate', '+short'], resolver().query)).stdout,
    '192.0.2.3\n; unsigned answer\n',
  );
  assert.equal(
    (await run(['nope.ec.', '+validate', '+short'], resolver().query)).stdout,
    '; negative response, fully validated\n',
  );
});

test('a SERVFAIL from the resolver is asked again with CD, and the verdict names the bogus RRSIG; the exit status stays 0', async () => {
  const broken = resolver({
    servfail: 'www.ec.',
    tamper: (q, e) =>
      q.name === 'www.ec.' && q.type === 1
        ? {
            ...e,
            response: {
              ...e.response,
              answer: e.response.answer.map((r) =>
                r.type === 1 ? withRdataWire(r, Uint8Array.from([10, 0, 0, 1])) : r,
              ),
            },
          }
        : e,
  });
  const out = await run(['www.ec.', '+validate', '+noall', '+comments'], broken.query);
  assert.equal(out.code, 0);
  assert.match(out.stdout, /status: SERVFAIL/);
  assert.match(out.stdout, /^;; DNSSEC: bogus$/m);
  assert.match(out.stdout, /^;; reason: RRSIG www\.ec\. A \(key \d+, algorithm 13\): signature does not verify$/m);
  assert.match(out.stdout, /^;; note: the server replied SERVFAIL/m);
});

test('--json: the lookup document carries the verdict, and matches the schema', async () => {
  for (const name of ['www.ec.', 'www.ins.sec.', 'nope.sec.']) {
    const out = await run([name, '+validate', '--json'], resolver().query);
    const doc = JSON.parse(out.stdout) as { validation: { status: string; chain: { zone: string }[] } };
    assert.deepEqual(validateJson(doc, schema), []);
    assert.equal(doc.validation.status, name === 'www.ins.sec.' ? 'insecure' : 'secure');
    assert.equal(doc.validation.chain[0].zone, '.');
  }
});

test('without +validate no verdict and no validation queries; a bad trust anchor file is an input error before any query', async () => {
  const plain = resolver();
  const out = await run(['www.ec.'], plain.query);
  assert.doesNotMatch(out.stdout, /VALIDATION/);
  assert.equal(plain.sent.length, 1);
  assert.equal(plain.sent[0].settings.dnssec, false);
  const bad = join(dir, 'bad.ds');
  writeFileSync(bad, '. IN A 127.0.0.1\n');
  const failing = resolver();
  const refused = await runMain(['@127.0.0.1', `--trust-anchor=${bad}`, 'www.ec.', '+validate'], {
    io: { queryFn: failing.query },
  });
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /line 1: expected a DS or DNSKEY record, got A/);
  assert.equal(failing.sent.length, 0);
});

test('batch lines keep their own --trust-anchor; without one the built-in root keys do not match a test root: bogus', async () => {
  const lines = `@127.0.0.1 www.ec. +validate +short --trust-anchor=${anchorFile}\n@127.0.0.1 www.ec. +validate +short\n`;
  const out = await runMain(['-f', '-'], { stdin: lines, io: { queryFn: resolver().query } });
  assert.equal(out.code, 0, out.stderr);
  const verdicts = out.stdout.split('\n').filter((line) => line.startsWith(';'));
  assert.deepEqual(verdicts, ['; fully validated', '; validation failed: no DNSKEY of . matches the trust anchor']);
});

test('+validate with +nssearch or a zone transfer is bad input: nothing is sent', async () => {
  for (const [extra, what] of [
    [['+nssearch'], '+nssearch'],
    [['AXFR'], 'a zone transfer'],
  ] as const) {
    const net = resolver();
    const out = await run(['www.ec.', '+validate', ...extra], net.query);
    assert.equal(out.code, 1, what);
    assert.equal(
      out.stderr,
      `tsdig: +validate checks a lookup's or a trace's answer, not ${what}: leave out one of the two\n`,
    );
    assert.equal(net.sent.length, 0, what);
  }
});

test('+validate asks with DO whatever follows it: +validate +nodnssec, +nodnssec +validate and +validate +noedns agree', async () => {
  const alone = await run(['www.ec.', '+validate', '+short'], resolver().query);
  assert.match(alone.stdout, /^192\.0\.2\.1\nA 13 2 3600 [^\n]+\n; fully validated\n$/);
  for (const order of [
    ['+validate', '+nodnssec'],
    ['+nodnssec', '+validate'],
    ['+validate', '+noedns'],
  ]) {
    const { query, sent } = resolver();
    const out = await run(['www.ec.', ...order, '+short'], query);
    assert.equal(out.code, 0, out.stderr);
    assert.equal(out.stdout, alone.stdout, order.join(' '));
    assert.equal(sent[0].settings.dnssec, true, order.join(' '));
    assert.equal(sent[0].settings.edns, 0, order.join(' '));
  }
});

test('a truncated reply kept with +ignore is asked again over TCP for the verdict; truncated again, it is indeterminate', async () => {
  // UDP with +ignore keeps the truncated reply; without it (the validator's own settings) the full one comes.
  const truncating = (always: boolean) =>
    resolver({
      tamper: (q, e) =>
        q.name === 'www.ec.' && q.type === 1 && (always || e.protocol === 'udp')
          ? { ...e, response: { ...e.response, tc: true, answer: [] } }
          : e,
    });
  const udpOnly = truncating(false);
  const tcpQuery: QueryFn = async (server, question, settings) => {
    const exchange = await udpOnly.query(server, question, settings);
    return settings.ignoreTc ? exchange : { ...exchange, protocol: 'tcp', response: { ...exchange.response } };
  };
  const fixed = resolver();
  const retried: QueryFn = async (server, question, settings) =>
    settings.ignoreTc ? tcpQuery(server, question, settings) : fixed.query(server, question, settings);
  const out = await run(['www.ec.', '+ignore', '+validate', '+noall', '+comments'], retried);
  assert.equal(out.code, 0, out.stderr);
  assert.match(out.stdout, /flags: qr tc rd ra/);
  assert.match(out.stdout, /^;; DNSSEC: secure /m);
  assert.match(
    out.stdout,
    /^;; note: the reply was truncated \(TC\); this verdict is on the full reply, asked again over TCP$/m,
  );
  const stuck = await run(['www.ec.', '+ignore', '+validate', '+noall', '+comments'], truncating(true).query);
  assert.match(
    stuck.stdout,
    /^;; DNSSEC: indeterminate\n;; reason: the reply was truncated \(TC\): its records are incomplete and cannot be judged$/m,
  );
});

test('against an authoritative server (no recursion) the chain is fetched by iteration from the root hints, and the output says so', async () => {
  const hints = join(dir, 'root.hints');
  writeFileSync(hints, FIXTURE_ROOT_HINTS);
  const net = signedAuthorities();
  const out = await runMain(
    [`@${ZONE_ADDRESSES['ec.']}`, `--trust-anchor=${anchorFile}`, `--root-hints=${hints}`, 'www.ec.', '+validate'],
    { io: { queryFn: net.query } },
  );
  assert.equal(out.code, 0, out.stderr);
  assert.match(out.stdout, /^;; DNSSEC: secure /m);
  assert.match(
    out.stdout,
    /^;; chain: DS and DNSKEY fetched by iteration from the root hints: the server does not offer recursion \(RA clear\)$/m,
  );
  // The root's keys come from the root, ec.'s DS from the root, ec.'s DNSKEY from ec.'s server, found by referral.
  const asked = (name: string, type: number) =>
    net.sent.filter((s) => s.question.name === name && s.question.type === type && s.settings.cd).map((s) => s.server);
  assert.deepEqual(asked('.', 48), [ZONE_ADDRESSES['.']]);
  assert.deepEqual(asked('ec.', 43), [ZONE_ADDRESSES['.']]);
  assert.deepEqual(asked('ec.', 48), [ZONE_ADDRESSES['.'], ZONE_ADDRESSES['ec.']]);
  assert.ok(net.sent.slice(1).every((s) => !s.settings.rd && s.settings.dnssec && s.settings.cd));
  const json = JSON.parse(
    (
      await runMain(
        [
          `@${ZONE_ADDRESSES['sec.']}`,
          `--trust-anchor=${anchorFile}`,
          `--root-hints=${hints}`,
          'nope.sec.',
          '+validate',
          '--json',
        ],
        { io: { queryFn: signedAuthorities().query } },
      )
    ).stdout,
  );
  assert.deepEqual(validateJson(json, schema), []);
  assert.equal(json.validation.status, 'secure', json.validation.reason);
  assert.equal(json.validation.iteration, 'the server does not offer recursion (RA clear)');
});

test('a resolver that refuses a validator question: the rest of the chain comes by iteration', async () => {
  const hints = join(dir, 'root.hints');
  writeFileSync(hints, FIXTURE_ROOT_HINTS);
  const authorities = signedAuthorities();
  const refusing = resolver({
    tamper: (q, e) =>
      q.name === '.' && q.type === 48 ? { ...e, response: { ...e.response, rcode: 5, answer: [] } } : e,
  });
  const query: QueryFn = (server, question, settings) =>
    server.address === '127.0.0.53'
      ? refusing.query(server, question, settings)
      : authorities.query(server, question, settings);
  const out = await runMain(
    ['@127.0.0.53', `--trust-anchor=${anchorFile}`, `--root-hints=${hints}`, 'www.ed.sec.', '+validate', '--json'],
    { io: { queryFn: query } },
  );
  const doc = JSON.parse(out.stdout);
  assert.equal(doc.validation.status, 'secure', doc.validation.reason);
  assert.equal(doc.validation.iteration, 'the server replied REFUSED to . DNSKEY');
  assert.equal(refusing.sent.length, 2, 'the lookup and the refused question');
});

test('a trust anchor file with one very long line: exit 1, one line on stderr, nothing sent', async () => {
  const file = join(dir, 'long.key');
  writeFileSync(file, `. IN DNSKEY 257 3 13 ${'A'.repeat(500_000)}\n`);
  const net = resolver();
  const out = await runMain(['@127.0.0.1', `--trust-anchor=${file}`, 'www.ec.', '+validate'], {
    io: { queryFn: net.query },
  });
  assert.equal(out.code, 1);
  assert.equal(out.stderr, `tsdig: ${file} line 1: record too long (more than 8192 characters)\n`);
  assert.equal(net.sent.length, 0);
  const huge = join(dir, 'huge.key');
  writeFileSync(huge, `${'; comment\n'.repeat(200_000)}`);
  const big = await runMain(['@127.0.0.1', `--trust-anchor=${huge}`, 'www.ec.', '+validate'], {
    io: { queryFn: net.query },
  });
  assert.equal(big.code, 1);
  assert.equal(big.stderr, `tsdig: trust anchor file '${huge}' is too large (more than 1048576 octets)\n`);
});
