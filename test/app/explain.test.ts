/**
 * +explain over the signed fixture zones, in process (the network is io.queryFn): a resolver that
 * SERVFAILs with a DNSSEC EDE, and the trace from the fixture root's hints, validated from its DS,
 * naming the broken link: a signature that does not verify, a DS that matches no key, signatures
 * past their end (the clock set after 2090-01-01). The JSON document is checked against the schema.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { QueryFn } from '../../src/resolve/types.js';
import type { Message } from '../../src/wire/types.js';
import { assertSchemaValid } from '../support/schemaValid.js';
import { FIXTURE_ROOT_HINTS, signedAuthorities, ZONE_ADDRESSES } from '../dnssec/signedAuthorities.js';
import { fixtureText } from '../dnssec/signedZone.js';
import { flip } from '../render/graph/graphCases.js';
import { reply } from '../resolve/fakeMessages.js';
import { runMain } from '../support/runCli.js';

const dir = mkdtempSync(join(tmpdir(), 'tsdig-explain-dnssec-'));
const anchorFile = join(dir, 'root.ds');
const hintsFile = join(dir, 'root.hints');
writeFileSync(anchorFile, fixtureText('root.ds'));
writeFileSync(hintsFile, FIXTURE_ROOT_HINTS);

const RESOLVER = '127.0.0.53';
const DNSKEY = 48;

/** The signed network, with a resolver in front that SERVFAILs with this EDE (RFC 8914). */
function network(ede: number, tamper?: (server: string, type: number, m: Message) => Message): QueryFn {
  const { query } = signedAuthorities(tamper && ((server, question, m) => tamper(server, question.type, m)));
  return async (server, question, settings, onEvent) => {
    if (server.address !== RESOLVER) return query(server, question, settings, onEvent);
    const exchange = await query({ ...server, address: ZONE_ADDRESSES['.'] }, question, settings, onEvent);
    const options = [{ code: 15, data: Uint8Array.from([0, ede]) }];
    const response = reply({
      rcode: 2,
      ra: true,
      question: [question],
      edns: { version: 0, udpSize: 1232, do: true, flags: 0, options },
    });
    return { ...exchange, server, response };
  };
}

const run = (name: string, query: QueryFn, clock?: number, extra: string[] = []) =>
  runMain(
    [`@${RESOLVER}`, name, '+explain', `--root-hints=${hintsFile}`, `--trust-anchor=${anchorFile}`, '+nocmd', ...extra],
    { io: { queryFn: query, ...(clock !== undefined && { clock: { now: () => clock, sleep: async () => {} } }) } },
  );

const culprit = (stdout: string) => /^;; EXPLAIN: (.*)$/m.exec(stdout)?.[1]?.replace(/by key \d+/, 'by key KEY');

test('explain: a signature over the answer that does not verify', async () => {
  const query = network(6, (server, type, m) =>
    server === ZONE_ADDRESSES['ed.sec.'] && type === 1 ? flip(m, 'www.ed.sec.', 1) : m,
  );
  const out = await run('www.ed.sec.', query);
  assert.equal(out.code, 0, out.stderr);
  assert.equal(culprit(out.stdout), 'RRSIG over www.ed.sec. A by key KEY does not verify.');
  assert.match(out.stdout, /^;; 127\.0\.0\.53 said: SERVFAIL, EDE: 6 \(DNSSEC Bogus\)$/m);
});

test('explain: a DS in the parent that matches no DNSKEY of the child', async () => {
  const query = network(9, (server, _type, m) =>
    server === ZONE_ADDRESSES['ed.sec.'] ? flip(m, 'ed.sec.', DNSKEY) : m,
  );
  const out = await run('www.ed.sec.', query);
  assert.equal(culprit(out.stdout), 'DS for ed.sec. in sec. matches no DNSKEY.');
  const json = await run('www.ed.sec.', query, undefined, ['--json']);
  const document = JSON.parse(json.stdout);
  assertSchemaValid(document);
  assert.equal(document.explanation.culprit.kind, 'dsMismatch');
  assert.equal(document.explanation.culprit.zone, 'ed.sec.');
  assert.deepEqual(document.explanation.ede, [{ infoCode: 9, text: 'EDE: 9 (DNSKEY Missing)' }]);
});

test('explain: signatures past their end, the first link of the chain named (the clock after 2090-01-01)', async () => {
  const out = await run('www.ed.sec.', network(7), Date.UTC(2091, 0, 1));
  assert.equal(culprit(out.stdout), 'RRSIG over . DNSKEY by key KEY expired on 2090-01-01.');
});

test('explain: a sound signed chain leaves the SERVFAIL with the resolver', async () => {
  const out = await run('www.ed.sec.', network(0));
  assert.match(
    culprit(out.stdout) ?? '',
    /^the trace from the root finds no fault with www\.ed\.sec\. A; .*the SERVFAIL comes from 127\.0\.0\.53 itself\.$/,
  );
});
