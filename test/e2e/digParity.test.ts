/**
 * dig's habits, held against dig itself: the same command line goes through dig and through the real
 * tsdig bin, against loopback servers on one port that misbehave on purpose (dead, silent, refusing,
 * demanding cookies, old EDNS...), and the outputs must be the same once per-run values are set aside.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { authorityLine, comparable, runBoth, runDig } from '../support/digReference.js';
import { startHostileServer, type HostileServer } from '../support/hostileServer.js';
import { cookieDemanding, ednsIntolerant, fixedReply, scriptOf } from '../support/misbehaviours.js';
import { choosePort } from '../support/ports.js';
import { repoRoot, runBin, type CliRun } from '../support/runCli.js';
import { validateJson, type Schema } from '../support/jsonSchema.js';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeReply } from '../support/zoneReply.js';
import { exampleZone } from '../support/exampleZones.js';
import { startZoneServer, type ZoneServer } from '../support/zoneServer.js';

/** One address per behaviour, all on one port (dig's -p applies to every server of the list). */
const AT = {
  good: '127.0.13.1',
  silent: '127.0.13.2',
  refused: '127.0.13.3',
  servfail: '127.0.13.4',
  /** Nothing listens here: UDP gets port unreachable. */
  dead: '127.0.13.5',
  cookieOnce: '127.0.13.6',
  cookieAlways: '127.0.13.7',
  nonAuthoritative: '127.0.13.8',
  referral: '127.0.13.9',
  oldEdns: '127.0.13.10',
  badPacket: '127.0.13.11',
  resolver: '127.0.13.12',
  /** Silent, and asked by one test only: it counts whether a list went past its first server. */
  second: '127.0.13.13',
} as const;

const zone = exampleZone([{ name: 'xn--caf-dma.example.test.', type: 'A', ttl: 300, data: '192.0.2.77' }]);
const SERVER_COOKIE = Buffer.from('0102030405060708', 'hex');
const A = (name: string, data: string) => ({ name, type: 'A', ttl: 300, class: 'IN' as const, data });

let port = 0;
const servers: Array<ZoneServer | HostileServer> = [];
let second: ZoneServer;

before(async () => {
  port = await choosePort(Object.values(AT));
  second = await startZoneServer({ address: AT.second, port, zones: [], behaviour: 'silent' });
  servers.push(second);
  const zoneServer = (address: string, extra: Partial<Parameters<typeof startZoneServer>[0]> = {}) =>
    startZoneServer({ address, port, zones: [zone], ...extra });
  servers.push(
    await zoneServer(AT.good),
    await zoneServer(AT.silent, { behaviour: 'silent' }),
    await zoneServer(AT.refused, { behaviour: 'refused' }),
    await zoneServer(AT.servfail, { behaviour: 'servfail' }),
    await zoneServer(AT.cookieOnce, { respond: cookieDemanding(SERVER_COOKIE) }),
    await zoneServer(AT.cookieAlways, { respond: cookieDemanding(SERVER_COOKIE, true) }),
    await zoneServer(AT.nonAuthoritative, { respond: fixedReply({ answers: [A('www.example.test.', '192.0.2.8')] }) }),
    await zoneServer(AT.referral, {
      respond: fixedReply({
        authorities: [{ name: 'example.test.', type: 'NS', ttl: 300, class: 'IN', data: 'ns1.example.test.' }],
        additionals: [A('ns1.example.test.', AT.good)],
      }),
    }),
    await zoneServer(AT.oldEdns, { respond: ednsIntolerant('FORMERR') }),
    await zoneServer(AT.resolver, {
      respond: fixedReply({ ra: true, answers: [A('www.example.test.', '192.0.2.12')] }),
    }),
    // The reply lacks its last three bytes: a malformed packet.
    await startHostileServer({
      address: AT.badPacket,
      port,
      script: scriptOf((query) => {
        const whole = encodeReply(query, {
          rcode: 'NOERROR',
          aa: true,
          answers: [A('www.example.test.', '192.0.2.11')],
        });
        return whole.subarray(0, whole.length - 3);
      }),
    }),
  );
});
after(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

const FAST = ['+timeout=1', '+tries=1'];

/** `@server`s first (dig then asks nothing else), the shared port, then the rest. */
function args(at: string[], ...rest: string[]): string[] {
  return [...at.map((address) => `@${address}`), '-p', String(port), ...rest];
}

/** Asserts both tools printed the same (stdout and stderr) and exited alike; returns tsdig's run. */
async function same(argv: string[], note = argv.join(' ')): Promise<{ dig: CliRun; tsdig: CliRun }> {
  const { dig, tsdig } = await runBoth(argv);
  assert.equal(comparable(tsdig.stdout), comparable(dig.stdout), `stdout of ${note}`);
  assert.equal(tsdig.stderr, dig.stderr, `stderr of ${note}`);
  assert.equal(tsdig.code, dig.code, `exit code of ${note}`);
  return { dig, tsdig };
}

const commError = (address: string, why: string): string => `;; communications error to ${address}#${port}: ${why}`;

describe('1. several @servers are a server list, tried in order', { concurrency: 4 }, () => {
  test('a dead first server: its communications error, then the answer from the second', async () => {
    const { tsdig } = await same(args([AT.dead, AT.good], 'www.example.test', ...FAST));
    assert.equal(tsdig.code, 0);
    assert.ok(tsdig.stdout.startsWith(`${commError(AT.dead, 'connection refused')}\n`), tsdig.stdout);
    assert.match(tsdig.stdout, new RegExp(`^;; SERVER: ${AT.good.replaceAll('.', '\\.')}#${port}\\(`, 'm'));
  });

  test('a silent first server: timed out, then the second answers', async () => {
    const { tsdig } = await same(args([AT.silent, AT.good], 'www.example.test', ...FAST));
    assert.ok(tsdig.stdout.startsWith(`${commError(AT.silent, 'timed out')}\n`), tsdig.stdout);
  });

  test('every server fails: one line each, then no servers could be reached, exit 9', async () => {
    const { tsdig } = await same(args([AT.dead, AT.silent], 'www.example.test', ...FAST));
    assert.equal(tsdig.code, 9);
  });

  test('a REFUSED reply is a reply: it stands, as in dig (only +nofail moves on, and only after SERVFAIL)', async () => {
    const { tsdig } = await same(args([AT.refused, AT.good], 'www.example.test', ...FAST));
    assert.match(tsdig.stdout, /status: REFUSED/);
    await same(args([AT.servfail, AT.good], 'www.example.test', '+nofail', ...FAST));
  });

  test("a query's own @server joins the list after the one given before the first name", async () => {
    const { tsdig } = await same(args([AT.dead], 'www.example.test', `@${AT.good}`, ...FAST));
    assert.match(tsdig.stdout, /192\.0\.2\.10/);
  });

  test('a working first server is the only one asked', async () => {
    await same(args([AT.good, AT.second], 'www.example.test', '+short'));
    assert.equal(second.count(), 0);
  });
});

describe('2. +short when nothing answers: the error lines only', { concurrency: 4 }, () => {
  for (const [what, at] of [
    ['timeout', [AT.silent]],
    ['connection refused', [AT.dead]],
    ['every server of a list', [AT.dead, AT.silent]],
  ] as const) {
    test(`${what}: no banner, no server count, no global options`, async () => {
      const { tsdig } = await same(args([...at], '+short', 'www.example.test', ...FAST));
      assert.equal(tsdig.code, 9);
      assert.doesNotMatch(tsdig.stdout, /<<>>|server found|global options/);
      assert.match(tsdig.stdout, /^;; no servers could be reached\n$/m);
    });
  }

  test('a bad packet: tsdig\'s "Got bad packet" line (a deliberate difference), and still no banner', async () => {
    const run = await runBin(args([AT.badPacket], '+short', 'www.example.test', ...FAST));
    assert.equal(run.code, 9);
    assert.doesNotMatch(run.stdout, /<<>>|server found|global options/);
    assert.match(run.stdout, new RegExp(`^;; Got bad packet from ${AT.badPacket.replaceAll('.', '\\.')}#${port}: `));
  });

  test('+nocmd and +noall before the name: no banner either; +short after the name keeps it, as dig', async () => {
    await same(args([AT.dead], '+nocmd', 'www.example.test', ...FAST));
    await same(args([AT.dead], '+noall', 'www.example.test', ...FAST));
    const { tsdig } = await same(args([AT.dead], 'www.example.test', '+short', ...FAST));
    assert.match(tsdig.stdout, /<<>>/);
  });

  test('+short +cmd: the banner, with "global options: +short +cmd"', async () => {
    const { tsdig } = await same(args([AT.dead], '+short', '+cmd', 'www.example.test', ...FAST));
    assert.match(tsdig.stdout, /^;; global options: \+short \+cmd$/m);
  });
});

describe('4. +timeout, +tries and +retry at their edges, clamped as dig clamps them', { concurrency: 4 }, () => {
  const tries = (run: CliRun): number => run.stdout.split('\n').filter((line) => line.startsWith(';; comm')).length;
  for (const [option, expected] of [
    ['+tries=0', 1],
    ['+tries=2', 2],
    ['+retry=0', 1],
    ['+retry=2', 3],
    ['+tries=300', 300],
  ] as const) {
    test(`${option}: ${expected} ${expected === 1 ? 'try' : 'tries'}`, async () => {
      const { tsdig } = await same(args([AT.dead], '+short', option, 'www.example.test'));
      assert.equal(tries(tsdig), expected);
    });
  }

  test('+timeout=0 waits one second, as +timeout=1', async () => {
    const { tsdig } = await same(args([AT.silent], '+short', '+timeout=0', '+tries=1', 'www.example.test'));
    assert.equal(tries(tsdig), 1);
  });
});

describe('5. +idnout', { concurrency: 4 }, () => {
  test('an explicit +idnout prints Unicode names into a pipe, as dig does; the default does not', async () => {
    const { tsdig } = await same(args([AT.good], '+noall', '+answer', '+idnout', 'xn--caf-dma.example.test'));
    assert.equal(tsdig.stdout, 'café.example.test.\t300\tIN\tA\t192.0.2.77\n');
    const plain = await same(args([AT.good], '+noall', '+answer', 'xn--caf-dma.example.test'));
    assert.match(plain.tsdig.stdout, /^xn--caf-dma\.example\.test\./);
  });
});

describe('6. extra types, and comments that obey +nocomments', { concurrency: 4 }, () => {
  test("name A AAAA: dig's warning on stderr, and the last type is asked", async () => {
    const { tsdig } = await same(args([AT.good], '+short', 'www.example.test', 'A', 'AAAA'));
    assert.equal(tsdig.stderr, ';; Warning, extra type option\n');
    assert.equal(tsdig.stdout, '2001:db8::10\n');
    await same(args([AT.good], '+short', '-t', 'A', '-t', 'MX', 'mail.example.test'));
    await same(args([AT.good], 'www.example.test', 'A', 'AAAA', 'MX'));
    await same(args([AT.good], '+short', 'www.example.test', 'IN', 'CH'));
    await same(args([AT.good], '+short', '-x', '192.0.2.10', 'A'));
  });

  test("-f after -t or -c: each line's type and class words are read afresh, as extra ones, as dig reads them", async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tsdig-parity-')), 'batch.txt');
    writeFileSync(file, 'www.example.test A AAAA\nwww.example.test -t MX A\nwww.example.test CH IN\n');
    const { tsdig } = await same(args([AT.good], '+short', '-t', 'A', '-f', file));
    // Two extra types on line 1, its -t on line 2 (the command line's -t set one already), one extra class on line 3.
    assert.equal(tsdig.stderr, `${';; Warning, extra type option\n'.repeat(3)};; Warning, extra class option\n`);
    assert.match(tsdig.stdout, /^2001:db8::10$/m);
    await same(args([AT.good], '+short', '-c', 'IN', '-f', file));
  });

  test("-f: each line's own words head its output, the first line's with the servers found and the global options", async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tsdig-parity-')), 'batch.txt');
    writeFileSync(file, 'www.example.test\nmail.example.test MX\nnope.example.test\nwww.example.test AAAA\n');
    const { tsdig } = await same(args([AT.good], '-f', file));
    assert.deepEqual(
      tsdig.stdout.match(/^; <<>> tsdig .*$/gm)?.map((line) => line.replace(/^; <<>> tsdig \S+ <<>> /, '')),
      ['www.example.test', 'mail.example.test MX', 'nope.example.test', 'www.example.test AAAA'],
    );
    assert.equal(tsdig.stdout.match(/^;; global options:/gm)?.length, 1);
    // A line that fails still gets its words, as dig prints them.
    writeFileSync(file, 'www.example.test\nmail.example.test MX\n');
    await same(args([AT.silent], ...FAST, '-f', file));
    // A dead server refuses every line at once: the batch's shared socket fails all its queries alike.
    await same(args([AT.dead], ...FAST, '-f', file));
  });

  test('+tcp +keepopen: a batch over one kept connection reads as dig prints it', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tsdig-parity-')), 'batch.txt');
    writeFileSync(file, 'www.example.test\nmail.example.test MX\nnope.example.test\nwww.example.test AAAA +short\n');
    const { tsdig } = await same(args([AT.good], '+tcp', '+keepopen', '-f', file));
    assert.equal(tsdig.stdout.match(/\(TCP\)$/gm)?.length, 3);
    await same(args([AT.good], '+keepopen', '+short', 'www.example.test'));
  });

  for (const display of [[], ['+nocomments'], ['+noall', '+answer'], ['+short']]) {
    test(`BADVERS retry line ${display.join(' ') || 'shown by default'}`, async () => {
      const { tsdig } = await same(args([AT.good], '+edns=1', ...display, 'www.example.test'));
      assert.equal(/BADVERS, retrying/.test(tsdig.stdout), display.length === 0);
    });
  }

  test('--json keeps every retry as an event of kind retry, valid against the schema', async () => {
    const run = await runBin(args([AT.cookieOnce], '+edns=1', '--json', 'www.example.test'));
    const doc = JSON.parse(run.stdout);
    const schema = JSON.parse(readFileSync(join(repoRoot(), 'schema', 'tsdig.schema.json'), 'utf8')) as Schema;
    assert.deepEqual(validateJson(doc, schema), []);
    assert.deepEqual(
      doc.events.map((event: { kind: string; text: string }) => [event.kind, event.text]),
      [
        ['retry', 'BADCOOKIE, retrying.'],
        ['retry', 'BADVERS, retrying with EDNS version 0.'],
      ],
    );
    // The retry after BADCOOKIE meets BADVERS: each reply is read afresh, as dig reads it.
    await same(args([AT.cookieOnce], '+edns=1', 'www.example.test'));
  });

  test('+nofail: "Got SERVFAIL reply ..., trying next server" is a comment too', async () => {
    await same(args([AT.servfail, AT.good], '+nofail', '+nocomments', 'www.example.test', ...FAST));
    await same(args([AT.servfail, AT.good], '+nofail', '+short', 'www.example.test', ...FAST));
  });
});

describe('7. the authority line says what the reply is', { concurrency: 4 }, () => {
  const cases = [
    [AT.good, ';; AUTHORITATIVE ANSWER: aa flag set, the server answered from its own zone data'],
    [AT.referral, ';; REFERRAL: referral to example.test., not an answer (aa flag not set)'],
    [AT.refused, ';; ERROR REPLY: REFUSED, the server gave no answer'],
    [AT.servfail, ';; ERROR REPLY: SERVFAIL, the server gave no answer'],
    [AT.oldEdns, ';; ERROR REPLY: FORMERR, the server gave no answer'],
    [AT.cookieAlways, ';; ERROR REPLY: BADCOOKIE, the server gave no answer'],
    [AT.resolver, ';; NON-AUTHORITATIVE ANSWER: aa flag not set (relayed or cached by a resolver)'],
    [
      AT.nonAuthoritative,
      ';; NON-AUTHORITATIVE ANSWER: aa flag not set, and the server offers no recursion (ra flag not set)',
    ],
  ] as const;
  for (const [address, line] of cases) {
    test(`${line.slice(3, line.indexOf(':'))} (${address}): everything else is dig's`, async () => {
      const { tsdig } = await same(args([address], '+norecurse', 'www.example.test'));
      assert.equal(authorityLine(tsdig.stdout), line);
    });
  }
});

describe('10. BADCOOKIE: asked again with the server cookie', { concurrency: 4 }, () => {
  test('once: the retry line, then the answer the cookie earns', async () => {
    const { tsdig } = await same(args([AT.cookieOnce], 'www.example.test'));
    assert.match(tsdig.stdout, /^;; BADCOOKIE, retrying\.\n/);
    assert.match(tsdig.stdout, /status: NOERROR/);
  });

  test('always: retried once over UDP and once over TCP, then the BADCOOKIE reply is reported', async () => {
    const { tsdig } = await same(args([AT.cookieAlways], 'www.example.test'));
    assert.match(tsdig.stdout, /^;; BADCOOKIE, retrying\.\n;; BADCOOKIE, retrying in TCP mode\.\n/);
    assert.match(tsdig.stdout, /status: BADCOOKIE/);
    assert.match(tsdig.stdout, /\(TCP\)$/m);
  });

  test('+short hides the retry lines; +nobadcookie and +nocookie let the first reply stand', async () => {
    await same(args([AT.cookieOnce], '+short', 'www.example.test'));
    const { tsdig } = await same(args([AT.cookieOnce], '+nobadcookie', 'www.example.test'));
    assert.match(tsdig.stdout, /status: BADCOOKIE/);
    await same(args([AT.cookieOnce], '+nocookie', 'www.example.test'));
  });
});

test('the reference itself: dig refuses to run without a loopback @server first', async () => {
  await assert.rejects(runDig(['www.example.test', `@${AT.good}`]), /loopback @server first/);
  await assert.rejects(runDig([`@${AT.good}`, '+trace', 'x']), /must not trace/);
});
