/**
 * +validate's walks below the zones it knows, when a server on the way lies: the validator's DS and
 * DNSKEY questions for a zone neither the trace nor the iteration had reached are walked down by the
 * trace's own walker, so a referral out of the zone asked (to victim.), a referral upward (to the
 * root) and glue for a name server outside the delegated zone are refused there as the trace refuses
 * them: the poison address they point at is never asked, and the verdict is indeterminate, naming
 * why, never secure on what the liar chose. Both callers are tried: the validation of a +trace, and a
 * lookup's chain fetched by iteration from the root hints.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { traceServerFetch, validatorWalk } from '../../src/app/traceValidation.js';
import { parseRootHints } from '../../src/resolve/rootHints.js';
import { trace } from '../../src/resolve/trace.js';
import type { Message, Question } from '../../src/wire/types.js';
import { FIXTURE_ROOT_HINTS, signedAuthorities, ZONE_ADDRESSES } from '../dnssec/signedAuthorities.js';
import { fixtureText } from '../dnssec/signedZone.js';
import { reply, rr } from '../resolve/fakeMessages.js';
import { runMain } from '../support/runCli.js';
import { walkSettings } from '../support/traceSettings.js';

const DNSKEY = 48;
/** Where every lie points. */
const POISON = '127.0.0.66';
const dir = mkdtempSync(join(tmpdir(), 'tsdig-validation-walk-'));
const anchorFile = join(dir, 'root.ds');
const hintsFile = join(dir, 'root.hints');
writeFileSync(anchorFile, fixtureText('root.ds'));
writeFileSync(hintsFile, FIXTURE_ROOT_HINTS);

/** A lie sec.'s server tells when asked for ed.sec.'s keys, and the error the walk ends with. */
interface Lie {
  what: string;
  referral: Message;
  error: RegExp;
}

const LIES: Lie[] = [
  {
    what: 'a referral out of the zone asked, to victim., with glue at the poison address',
    referral: reply({
      authority: [rr('victim.', 'NS', 'ns.victim.')],
      additional: [rr('ns.victim.', 'A', POISON)],
    }),
    error: /all servers of sec\. failed: \S+ \(127\.0\.0\.3\) lame \(referral to victim\., outside sec\.\)/,
  },
  {
    what: 'a referral upward, to the root, with glue at the poison address',
    referral: reply({
      authority: [rr('.', 'NS', 'ns.poison.')],
      additional: [rr('ns.poison.', 'A', POISON)],
    }),
    error: /BAD REFERRAL: a server of sec\. referred upward, to an ancestor of the zone asked \(\.\)/,
  },
  {
    what: 'a referral to ed.sec. whose only glue is for a name server outside ed.sec.',
    referral: reply({
      authority: [rr('ed.sec.', 'NS', 'ns.outside.sec.')],
      additional: [rr('ns.outside.sec.', 'A', POISON)],
    }),
    error: /no usable address for any name server of ed\.sec\. \(ns\.outside\.sec\.: /,
  },
];

/** The fixture's servers, with sec.'s telling `lie` when asked for ed.sec.'s keys. */
function lyingNetwork(lie: Lie | undefined) {
  return signedAuthorities((server, question: Question, message) =>
    lie && server === ZONE_ADDRESSES['sec.'] && question.name === 'ed.sec.' && question.type === DNSKEY
      ? lie.referral
      : message,
  );
}

const asked = (net: ReturnType<typeof lyingNetwork>, address: string): number =>
  net.sent.filter((s) => s.server === address).length;

const walk = validatorWalk(
  walkSettings({ port: 53, startServers: [], timeoutMs: 1000, hedgeDelayMs: 400, rootHintsSource: 'file' }),
);

/** A trace of www.ec. (through the root and ec. only), then the validator's question for ed.sec.'s keys below it. */
async function keysBelowTrace(lie: Lie | undefined) {
  const net = lyingNetwork(lie);
  const deps = { query: net.query, now: () => 0 };
  const result = await trace({ name: 'www.ec.', type: 1, class: 1 }, walk, {
    ...deps,
    rootHints: parseRootHints(FIXTURE_ROOT_HINTS, 'hints'),
  });
  assert.equal(result.error, undefined);
  const fetch = traceServerFetch(result, walk, deps);
  return { net, keys: fetch('ed.sec.', DNSKEY) };
}

test('below a trace, an honest walk to ed.sec. gets its keys from its own server', async () => {
  const { net, keys } = await keysBelowTrace(undefined);
  const reply = await keys;
  assert.ok(reply.aa && reply.answer.some((record) => record.type === DNSKEY && record.name === 'ed.sec.'));
  assert.equal(asked(net, ZONE_ADDRESSES['ed.sec.']), 1);
});

for (const lie of LIES) {
  test(`below a trace, ${lie.what}: refused by the walk, the poison never asked`, async () => {
    const { net, keys } = await keysBelowTrace(lie);
    await assert.rejects(keys, lie.error);
    assert.equal(asked(net, POISON), 0);
  });

  test(`a lookup's chain by iteration, ${lie.what}: indeterminate, the poison never asked`, async () => {
    const net = lyingNetwork(lie);
    const out = await runMain(
      [
        `@${ZONE_ADDRESSES['ed.sec.']}`,
        `--trust-anchor=${anchorFile}`,
        `--root-hints=${hintsFile}`,
        'www.ed.sec.',
        '+validate',
        '--json',
      ],
      { io: { queryFn: net.query } },
    );
    assert.equal(out.code, 0, out.stderr);
    const { validation } = JSON.parse(out.stdout);
    assert.equal(validation.status, 'indeterminate', validation.reason);
    assert.match(validation.reason, /^ed\.sec\. DNSKEY could not be fetched: /);
    assert.match(validation.reason, lie.error);
    assert.equal(asked(net, POISON), 0);
  });
}

test("a lookup's chain by iteration with honest servers is secure (the lies above are what makes it indeterminate)", async () => {
  const net = lyingNetwork(undefined);
  const out = await runMain(
    [
      `@${ZONE_ADDRESSES['ed.sec.']}`,
      `--trust-anchor=${anchorFile}`,
      `--root-hints=${hintsFile}`,
      'www.ed.sec.',
      '+validate',
      '--json',
    ],
    { io: { queryFn: net.query } },
  );
  assert.equal(JSON.parse(out.stdout).validation.status, 'secure');
});
