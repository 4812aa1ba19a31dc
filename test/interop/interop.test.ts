/**
 * Interop suite: tsdig against BIND, NSD, Knot and Unbound on loopback, held against dig's output
 * for the same queries. Servers are started once for the file and stopped by pid afterwards.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { compareMessages, compareNsSearch, compareShort, compareTrace, type CompareOptions } from './compare.js';
import { parseDig, parseShort, parseTrace } from './digParse.js';
import { compareMultiline } from './multiline.js';
import { startInteropHierarchy, type InteropHierarchy } from './hierarchy.js';
import { FLEET_SERVERS, FLEET_ZONE } from './fleetZone.js';
import { serverIds } from './layout.js';
import {
  interopQueries,
  nsSearchRows,
  traceWalks,
  validationRows,
  type InteropQuery,
  type QueryTarget,
} from './queries.js';
import { encryptedQueries } from './encryptedQueries.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { runProgram, type RunOutput } from './tools.js';
import { normaliseTransfer, transferRows, tsigKeyArgument, tsigKeyFile } from './transfers.js';
import { compareYaml, yamlLookupRows, yamlTransferRows, type YamlRow } from './yamlCompare.js';
import { yamlTraceNamespace, type YamlTraceNamespace } from './yamlTrace.js';
import { readFile, writeFile } from 'node:fs/promises';
import { comparable } from '../support/digReference.js';
import { habitRows } from './habits.js';
import { checkRows } from './checkRows.js';
import { assertSchemaValid } from '../support/schemaValid.js';

/** The part of a +check JSON document the +check rows read. */
interface CheckDocument {
  verdict: string;
  findings: Array<{ id: string; severity: string; zone: string; message: string }>;
}

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const tsdigBin = join(repoRoot, 'bin', 'tsdig');

// Seconds a cached TTL may drop between the dig run and the tsdig run against the resolver.
const resolverTtlTolerance = 5;

/**
 * How far a cached TTL may have fallen between two runs that began at `started` (ms): the seconds
 * since then, and at least the suite's usual 5 (a loaded machine may take longer between the two).
 */
function cacheTtlTolerance(started: number): number {
  return Math.max(resolverTtlTolerance, Math.ceil((Date.now() - started) / 1000) + 1);
}

let hierarchy: InteropHierarchy | undefined;

function started(): InteropHierarchy {
  if (!hierarchy) throw new Error('interop hierarchy did not start (see the error of the before hook)');
  return hierarchy;
}

function addressOf(target: QueryTarget): string {
  const h = started();
  return target === 'resolver' ? h.resolver.address : h.servers[target];
}

// Both tools get the same environment: HOME without a .digrc, and a loopback-only resolv.conf.
function toolEnv(): NodeJS.ProcessEnv {
  const h = started();
  return { ...process.env, HOME: h.workDir, TSDIG_RESOLV_CONF: h.resolvConfPath, NO_COLOR: '1' };
}

function serverArgs(target: QueryTarget): string[] {
  return [`@${addressOf(target)}`, '-p', String(started().port)];
}

function runDig(args: readonly string[]): Promise<RunOutput> {
  return runProgram(started().programs.dig, args, { env: toolEnv(), timeoutMs: 20_000 });
}

function runTsdig(args: readonly string[]): Promise<RunOutput> {
  return runProgram(process.execPath, [tsdigBin, ...args], { env: toolEnv(), cwd: repoRoot, timeoutMs: 20_000 });
}

function report(command: string, differences: readonly string[], dig: RunOutput, tsdig: RunOutput): string {
  return [
    `dig and tsdig differ for: ${command}`,
    ...differences.map((d) => `  ${d}`),
    `--- dig (exit ${dig.code}) ---`,
    dig.stdout.trimEnd(),
    `--- tsdig (exit ${tsdig.code}) ---`,
    tsdig.stdout.trimEnd(),
    ...(tsdig.stderr.trim() ? ['--- tsdig stderr ---', tsdig.stderr.trimEnd()] : []),
  ].join('\n');
}

function differences(query: InteropQuery, dig: RunOutput, tsdig: RunOutput): string[] {
  const out: string[] = [];
  if (dig.code !== tsdig.code) out.push(`exit code: dig ${dig.code}, tsdig ${tsdig.code}`);
  if (query.short) return [...out, ...compareShort(parseShort(dig.stdout), parseShort(tsdig.stdout))];
  if (query.multiline) return [...out, ...compareMultiline(dig.stdout, tsdig.stdout)];
  const options: CompareOptions = { ttlTolerance: query.target === 'resolver' ? resolverTtlTolerance : 0 };
  const digReply = parseDig(dig.stdout); // dig's side must parse: a failure here is the harness's fault
  try {
    out.push(...compareMessages(digReply, parseDig(tsdig.stdout), options));
  } catch (error) {
    out.push(`tsdig output does not parse: ${error instanceof Error ? error.message : String(error)}`);
  }
  return out;
}

/** delv's trust anchor: the root's DS records as a trust-anchors clause (written once). */
let delvAnchor: Promise<string> | undefined;
function delvAnchorFile(): Promise<string> {
  delvAnchor ??= (async () => {
    const ds = await readFile(join(started().workDir, 'unbound', 'root.ds'), 'utf8');
    const clauses = ds
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .filter((f) => f.includes('DS'))
      .map((f) => {
        const at = f.indexOf('DS');
        return `  "${f[0]}" static-ds ${f[at + 1]} ${f[at + 2]} ${f[at + 3]} "${f.slice(at + 4).join('')}";`;
      });
    const path = join(started().workDir, 'delv-anchor.conf');
    await writeFile(path, `trust-anchors {\n${clauses.join('\n')}\n};\n`);
    return path;
  })();
  return delvAnchor;
}

/** Root hints naming the hierarchy's root server, for tsdig's own iteration. */
let hintsFile: Promise<string> | undefined;
function rootHintsFile(): Promise<string> {
  hintsFile ??= (async () => {
    const path = join(started().workDir, 'root.hints');
    await writeFile(path, `.  3600000  NS  ns.root.\nns.root.  3600000  A  ${started().servers.named}\n`);
    return path;
  })();
  return hintsFile;
}

/** Root hints for +check: the root's own NS name (a.root-servers.), so that the hints and the root agree. */
let checkHints: Promise<string> | undefined;
function checkHintsFile(): Promise<string> {
  checkHints ??= (async () => {
    const path = join(started().workDir, 'check.hints');
    await writeFile(path, `.  3600000  NS  a.root-servers.\na.root-servers.  3600000  A  ${started().servers.named}\n`);
    return path;
  })();
  return checkHints;
}

/** delv through the resolver, CD set so that it judges even what Unbound finds bogus. */
async function runDelv(args: readonly string[]): Promise<RunOutput> {
  const anchor = await delvAnchorFile();
  return runProgram(started().programs.delv, [...serverArgs('resolver'), '-a', anchor, '+root=.', '+cdflag', ...args], {
    env: toolEnv(),
    timeoutMs: 20_000,
  });
}

/** delv's verdict: "fully validated" secure, "unsigned answer" insecure, a failed resolution bogus. */
function delvVerdict(out: RunOutput): string {
  const text = `${out.stdout}\n${out.stderr}`;
  if (/^; (negative response, )?fully validated$/m.test(text)) return 'secure';
  if (/^; (negative response, )?unsigned answer$/m.test(text)) return 'insecure';
  if (/resolution failed: /.test(text)) return 'bogus';
  return `unknown (${text.trim().split('\n')[0]})`;
}

/** Unbound's verdict, read off dig: AD for secure, SERVFAIL for bogus, neither for insecure. */
function unboundVerdict(dig: RunOutput): string {
  const reply = parseDig(dig.stdout);
  if (reply.status === 'SERVFAIL') return 'bogus';
  return reply.flags.includes('ad') ? 'secure' : 'insecure';
}

describe('interop with BIND, NSD, Knot and Unbound', { concurrency: 6 }, () => {
  before(
    async () => {
      hierarchy = await startInteropHierarchy();
      // The versions are part of the result: say what tsdig was held against.
      console.log(`interop: ${hierarchy.versions}`);
    },
    { timeout: 90_000 },
  );
  after(async () => {
    await hierarchy?.stop();
  });

  describe('the hierarchy is what the zone files claim (dig only)', () => {
    test('versions are read from the binaries', () => {
      assert.match(started().versions, /^BIND 9\.\d+\.\d+, NSD 4\.\d+\.\d+, Knot 3\.\d+\.\d+, Unbound 1\.\d+\.\d+$/);
    });

    test('every server runs as the process the suite started', () => {
      for (const name of [...serverIds, 'unbound']) {
        const pid = started().pids[name];
        assert.ok(pid > 0, `${name} has a pid`);
        assert.doesNotThrow(() => process.kill(pid, 0), `${name} (pid ${pid}) is running`);
      }
    });

    test('the resolver validates the signed chain (AD) and only that one', async () => {
      const signed = parseDig((await runDig([...serverArgs('resolver'), 'www.signed.example', 'A', '+dnssec'])).stdout);
      assert.equal(signed.status, 'NOERROR');
      assert.ok(signed.flags.includes('ad'), `AD expected, got flags ${signed.flags.join(' ')}`);
      assert.ok(
        signed.sections.answer.some((r) => r.type === 'RRSIG'),
        'RRSIG in the answer',
      );
      const unsigned = parseDig((await runDig([...serverArgs('resolver'), 'www.nsd.lab', 'A', '+dnssec'])).stdout);
      assert.equal(unsigned.status, 'NOERROR');
      assert.ok(!unsigned.flags.includes('ad'), 'no AD for the unsigned lab.');
    });

    test('each implementation hands out a referral for a zone cut', async () => {
      const cuts: [QueryTarget, string, string][] = [
        ['named', 'www.lab', 'lab.'],
        ['nsd', 'www.deep.lab', 'deep.lab.'],
        ['knot', 'www.a.deep.lab', 'a.deep.lab.'],
        ['nsd2', 'www.b.a.deep.lab', 'b.a.deep.lab.'],
      ];
      for (const [target, name, cut] of cuts) {
        const reply = parseDig((await runDig([...serverArgs(target), name, 'A', '+norecurse'])).stdout);
        assert.equal(reply.status, 'NOERROR', `${target} ${name}`);
        assert.ok(!reply.flags.includes('aa'), `${target}: a referral is not authoritative`);
        assert.deepEqual(
          reply.sections.authority.filter((r) => r.type === 'NS').map((r) => r.name),
          [cut],
          `${target} refers ${name} to ${cut}`,
        );
      }
    });

    test('without EDNS the 40 addresses do not fit in 512 bytes: TC', async () => {
      const reply = parseDig(
        (await runDig([...serverArgs('nsd'), 'many.nsd.lab', 'A', '+noedns', '+ignore', '+norecurse'])).stdout,
      );
      assert.ok(reply.flags.includes('tc'), `TC expected, got ${reply.flags.join(' ')}`);
      const retried = parseDig(
        (await runDig([...serverArgs('nsd'), 'many.nsd.lab', 'A', '+noedns', '+norecurse'])).stdout,
      );
      assert.equal(retried.protocol, 'TCP');
      assert.equal(retried.sections.answer.length, 40);
    });

    test('the long TXT makes a reply larger than 512 bytes', async () => {
      const reply = parseDig((await runDig([...serverArgs('knot'), 'long.knot.lab', 'TXT', '+norecurse'])).stdout);
      assert.ok((reply.size ?? 0) > 512, `reply of ${reply.size} bytes`);
    });

    test('the lame delegation is lame: its server refuses, the resolver fails', async () => {
      const refused = parseDig((await runDig([...serverArgs('knot'), 'www.lame.lab', 'A', '+norecurse'])).stdout);
      assert.equal(refused.status, 'REFUSED');
      const failed = parseDig((await runDig([...serverArgs('resolver'), 'www.lame.lab', 'A'])).stdout);
      assert.equal(failed.status, 'SERVFAIL');
    });
  });

  describe('dig and tsdig agree', { concurrency: 6 }, () => {
    for (const query of interopQueries) {
      test(query.title, async () => {
        const args = [...serverArgs(query.target), ...query.args];
        const dig = await runDig(args);
        const tsdig = await runTsdig(args);
        const found = differences(query, dig, tsdig);
        if (found.length > 0) assert.fail(report(`dig ${args.join(' ')}`, found, dig, tsdig));
      });
    }
  });

  describe("dig and tsdig agree over TLS and HTTPS (BIND's DoT and DoH listeners)", { concurrency: 6 }, () => {
    const caFile = join(repoRoot, 'test', 'fixtures', 'tls', 'ca.pem');
    before(async () => {
      // BIND opens its TLS listeners with the others, but say so rather than assume it.
      const h = started();
      for (let tries = 0; ; tries++) {
        const probe = await runDig([
          `@${h.servers.named}`,
          '-p',
          String(h.encrypted.tlsPort),
          '+tls',
          '+norecurse',
          '+time=1',
          '+tries=1',
          'named.lab',
          'SOA',
        ]);
        if (parseDig(probe.stdout).status === 'NOERROR') break;
        if (tries >= 50)
          throw new Error(`interop: BIND's DoT listener does not answer:\n${probe.stdout}${probe.stderr}`);
        await sleep(100);
      }
    });
    // The rows need the listeners' ports, known once the hierarchy runs: one test walks them all.
    test('every row of encryptedQueries.ts', async () => {
      const h = started();
      const failures: string[] = [];
      for (const query of encryptedQueries(h.encrypted, caFile)) {
        const args = [`@${h.servers.named}`, '-p', String(query.port), ...query.args];
        const [dig, tsdig] = await Promise.all([runDig(args), runTsdig(args)]);
        const found = differences(query, dig, tsdig);
        if (found.length > 0) failures.push(report(`dig ${args.join(' ')}`, found, dig, tsdig));
      }
      if (failures.length > 0) assert.fail(failures.join('\n\n'));
    });

    test("certificate checks against BIND fail as dig's do, naming the reason; tsdig exits 9", async () => {
      const h = started();
      const cases: [number, string[], RegExp, RegExp][] = [
        [
          h.encrypted.expiredTlsPort,
          [`+tls-ca=${caFile}`],
          /certificate has expired/,
          /TLS peer certificate verification failed: certificate has expired/,
        ],
        [
          h.encrypted.tlsPort,
          [`+tls-ca=${caFile}`, '+tls-hostname=wrong.example'],
          /hostname mismatch/,
          /TLS peer certificate verification failed: hostname mismatch \(wrong\.example/,
        ],
        [
          h.encrypted.httpsPort,
          ['+https', `+tls-ca=${join(repoRoot, 'test', 'fixtures', 'tls', 'other-ca.pem')}`],
          /unable to get local issuer certificate/,
          /TLS peer certificate verification failed: unknown CA/,
        ],
      ];
      for (const [port, options, digSays, tsdigSays] of cases) {
        const args = [`@${h.servers.named}`, '-p', String(port), ...options, '+tries=1', 'www.named.lab'];
        const [dig, tsdig] = await Promise.all([runDig(args), runTsdig(args)]);
        assert.match(dig.stdout + dig.stderr, digSays, `dig ${args.join(' ')}`);
        assert.match(tsdig.stdout, tsdigSays, `tsdig ${args.join(' ')}`);
        assert.equal(tsdig.code, 9);
      }
      // Without +tls-ca neither checks: the expired certificate still carries the answer.
      const args = [`@${h.servers.named}`, '-p', String(h.encrypted.expiredTlsPort), '+tls', '+short', 'www.named.lab'];
      const [dig, tsdig] = await Promise.all([runDig(args), runTsdig(args)]);
      assert.equal(tsdig.code, 0, tsdig.stderr);
      assert.deepEqual(parseShort(tsdig.stdout), parseShort(dig.stdout));
    });
  });

  describe('zone transfers: dig and tsdig agree byte for byte', { concurrency: 6 }, () => {
    for (const row of transferRows) {
      test(`${row.target}: ${row.args.join(' ')}`, async () => {
        const args = [...serverArgs(row.target), ...row.args];
        const [dig, tsdig] = await Promise.all([runDig(args), runTsdig(args)]);
        assert.equal(tsdig.code, dig.code, `exit code of ${args.join(' ')}`);
        assert.equal(normaliseTransfer(tsdig.stdout), normaliseTransfer(dig.stdout), `tsdig ${args.join(' ')}`);
        assert.ok(
          /XFR size|Transfer failed|MSG SIZE|^[^;\n]/m.test(dig.stdout),
          `dig printed a transfer:\n${dig.stdout}`,
        );
      });
    }

    test('-k with a key file as tsig-keygen writes it: the same transfer as dig, and it verifies', async () => {
      const keyFile = join(started().workDir, 'xfr-key.conf');
      await writeFile(keyFile, tsigKeyFile);
      const args = [...serverArgs('named'), 'tsig.lab', 'AXFR', '-k', keyFile];
      const [dig, tsdig] = await Promise.all([runDig(args), runTsdig(args)]);
      assert.equal(normaliseTransfer(tsdig.stdout), normaliseTransfer(dig.stdout));
      assert.match(tsdig.stdout, /^;; XFR size: 7 records/m);
      assert.doesNotMatch(tsdig.stdout, /Couldn't verify|WARNING --/);
    });

    test('IXFR=1 is incremental (two difference blocks), IXFR=3 is up to date', async () => {
      const incremental = await runTsdig([...serverArgs('named'), 'ixfr.lab', 'IXFR=1', '+short']);
      assert.equal(
        incremental.stdout.split('\n').filter((line) => / 1 7200 /.test(line)).length,
        1,
        incremental.stdout,
      );
      assert.equal(
        incremental.stdout.split('\n').filter((line) => / 3 7200 /.test(line)).length,
        3,
        incremental.stdout,
      );
      const upToDate = await runTsdig([...serverArgs('named'), 'ixfr.lab', 'IXFR=3']);
      assert.match(upToDate.stdout, /^;; XFR size: 1 records \(messages 1, /m);
    });
  });

  describe('+nssearch through Unbound: one line per name server, its SOA as dig reads it from that server', {
    concurrency: 4,
  }, () => {
    for (const row of nsSearchRows) {
      test(`+nssearch ${row.zone}`, async () => {
        const tsdig = await runTsdig([...serverArgs('resolver'), '+nssearch', row.zone]);
        assert.equal(tsdig.code, 0, tsdig.stdout + tsdig.stderr);
        const soaByServer = new Map<string, string>();
        for (const address of row.servers) {
          const dig = await runDig([
            `@${address}`,
            '-p',
            String(started().port),
            '+norecurse',
            '+short',
            row.zone,
            'SOA',
          ]);
          soaByServer.set(address, parseShort(dig.stdout).join(' '));
        }
        const lines = tsdig.stdout.split('\n').filter((line) => line !== '');
        assert.deepEqual(compareNsSearch(lines, soaByServer), [], `tsdig +nssearch ${row.zone}:\n${tsdig.stdout}`);
      });
    }
  });

  describe("dig's habits: server lists, +short failures, try edges, +idnout, extra types, comments", {
    concurrency: 6,
  }, () => {
    // The rows need the suite's addresses and port, known once the hierarchy runs: one test walks them all.
    test('every row of habits.ts', async () => {
      const h = started();
      const failures: string[] = [];
      for (const row of habitRows({ port: h.port, servers: h.servers, resolver: h.resolver.address })) {
        const [dig, tsdig] = await Promise.all([runDig(row.args), runTsdig(row.args)]);
        const found: string[] = [];
        if (row.compare === 'parsed') {
          const query: InteropQuery = {
            title: row.title,
            target: 'resolver',
            args: row.args,
            short: false,
            multiline: false,
          };
          found.push(...differences(query, dig, tsdig));
        } else {
          if (dig.code !== tsdig.code) found.push(`exit code: dig ${dig.code}, tsdig ${tsdig.code}`);
          if (comparable(dig.stdout) !== comparable(tsdig.stdout)) found.push('stdout differs');
          if (dig.stderr !== tsdig.stderr)
            found.push(`stderr: dig ${JSON.stringify(dig.stderr)}, tsdig ${JSON.stringify(tsdig.stderr)}`);
        }
        if (found.length > 0) failures.push(report(`${row.title}: dig ${row.args.join(' ')}`, found, dig, tsdig));
      }
      if (failures.length > 0) assert.fail(failures.join('\n\n'));
    });

    test("+trace +short: dig's compact form, ending at the walk's answer from its last server", async () => {
      for (const walk of traceWalks) {
        const args = [...serverArgs('resolver'), '+trace', '+short', walk.name];
        const tsdig = await runTsdig(args);
        assert.equal(tsdig.code, 0, tsdig.stderr);
        const lines = tsdig.stdout.split('\n').filter(Boolean);
        // Signed zones add their RRSIG lines, as dig's do; the answer is the last line of data.
        const records = lines.filter((line) => !line.startsWith('RRSIG '));
        for (const line of lines) assert.match(line, /^[A-Z0-9]+ \S.* from server \S+ in \d+ ms\.$/, tsdig.stdout);
        const [, type, data] = /^\S+ (\S+) (.*)$/.exec(walk.expected.answer) ?? [];
        const last = walk.expected.servers.at(-1);
        assert.match(
          records.at(-1) ?? '',
          new RegExp(
            `^${type} ${data.replaceAll('.', '\\.')} from server ${last?.replaceAll('.', '\\.')} in \\d+ ms\\.$`,
          ),
        );
        assert.match(
          lines[0],
          new RegExp(`^NS \\S+ from server ${started().resolver.address.replaceAll('.', '\\.')} in \\d+ ms\\.$`),
        );
      }
    });
  });

  describe('+compare: fleet.lab. served by BIND, NSD (a serial behind) and Knot, and Unbound as the resolver', () => {
    /** Root hints naming BIND, the root's server, written once into the hierarchy's directory. */
    const rootHints = async (): Promise<string> => {
      const file = join(started().workDir, 'compare-root.hints');
      await writeFile(file, `.  3600000  NS  ns.root.\nns.root.  3600000  A  ${started().servers.named}\n`);
      return file;
    };
    const fleetAddresses = () => FLEET_SERVERS.map((s) => started().servers[s.id]);

    test('+allns finds the three servers from the root and names the serial skew (exit 6)', async () => {
      const args = ['-p', String(started().port), `--root-hints=${await rootHints()}`, FLEET_ZONE, 'SOA', '+allns'];
      const json = await runTsdig([...args, '--json']);
      assert.equal(json.code, 6, json.stderr);
      const document = JSON.parse(json.stdout);
      assert.equal(document.zone.name, FLEET_ZONE);
      assert.deepEqual(
        document.servers.map((s: { server: { address: string } }) => s.server.address).sort(),
        fleetAddresses().sort(),
      );
      assert.equal(document.verdict, 'disagree');
      assert.equal(document.serialOnly, true);
      assert.equal(document.serialSkew.newest, 2024060102);
      const behind = document.serialSkew.serials.find((s: { serial: number }) => s.serial === 2024060101);
      assert.deepEqual(
        behind.servers.map((i: number) => document.servers[i].server.address),
        [started().servers.nsd2],
      );
      const text = await runTsdig([...args, '+nocmd']);
      assert.equal(text.code, 6, text.stderr);
      assert.equal(text.stdout.split('\n')[1], ';; 1 of 3 servers disagrees: serial skew');
    });

    test('the three servers and Unbound agree on www; Unbound answers from its cache, within the authoritative TTL (exit 0)', async () => {
      const servers = [...fleetAddresses(), started().resolver.address].map((a) => `@${a}`);
      const out = await runTsdig([...servers, '-p', String(started().port), `www.${FLEET_ZONE}`, '+compare', '--json']);
      assert.equal(out.code, 0, out.stdout + out.stderr);
      const document = JSON.parse(out.stdout);
      assert.equal(document.headline, 'all 4 servers agree');
      assert.equal(document.resolvers.length, 1);
      const [cache] = document.resolvers;
      assert.equal(document.servers[cache.server].server.address, started().resolver.address);
      assert.equal(cache.authoritativeTtl, 3600);
      assert.equal(cache.current, true);
      assert.ok(cache.ttl <= 3600, `the resolver's TTL ${cache.ttl} counts down from 3600`);
    });
  });

  describe('+explain through Unbound: the trace from the root names what its SERVFAIL hides', () => {
    test('lame.lab. is delegated to Knot, which does not serve it: the culprit is that server', async () => {
      const hints = join(started().workDir, 'explain-root.hints');
      await writeFile(hints, `.  3600000  NS  ns.root.\nns.root.  3600000  A  ${started().servers.named}\n`);
      const anchor = join(started().workDir, 'unbound', 'root.ds');
      const args = [...serverArgs('resolver'), `--root-hints=${hints}`, `--trust-anchor=${anchor}`, 'www.lame.lab'];
      const out = await runTsdig([...args, '+explain', '+nocmd']);
      assert.equal(out.code, 0, out.stderr);
      assert.match(out.stdout, /status: SERVFAIL/);
      assert.match(
        out.stdout,
        new RegExp(
          `^;; EXPLAIN: ns1\\.lame\\.lab\\. \\(${started().servers.knot.replaceAll('.', '\\.')}\\) refuses queries for lame\\.lab\\.$`,
          'm',
        ),
      );
      assert.match(
        out.stdout,
        new RegExp(`^;; ${started().resolver.address.replaceAll('.', '\\.')} said: SERVFAIL, `, 'm'),
      );
    });
  });

  describe('+trace walks the zone cuts', () => {
    for (const walk of traceWalks) {
      test(`+trace ${walk.name}`, async () => {
        const args = [...serverArgs('resolver'), '+trace', walk.name];
        const tsdig = await runTsdig(args);
        let found: string[];
        try {
          found = compareTrace(parseTrace(tsdig.stdout), walk.expected);
        } catch (error) {
          found = [`tsdig output does not parse: ${error instanceof Error ? error.message : String(error)}`];
        }
        if (tsdig.code !== 0) found.unshift(`exit code ${tsdig.code}`);
        if (found.length > 0) {
          assert.fail(
            [
              `tsdig ${args.join(' ')}`,
              ...found.map((d) => `  ${d}`),
              '--- tsdig ---',
              tsdig.stdout,
              tsdig.stderr,
            ].join('\n'),
          );
        }
      });
    }
  });

  describe('+yaml: dig and tsdig agree item by item, member by member', { concurrency: 6 }, () => {
    const rows: YamlRow[] = [
      ...interopQueries.filter((query) => !query.short).map((query) => ({ target: query.target, args: query.args })),
      ...yamlLookupRows(tsigKeyArgument),
      ...yamlTransferRows(tsigKeyArgument),
    ];
    for (const row of rows) {
      test(`${row.target}: ${row.args.join(' ')} +yaml`, async () => {
        const args = [...serverArgs(row.target), ...row.args, '+yaml'];
        const started = Date.now();
        const [dig, tsdig] = [await runDig(args), await runTsdig(args)];
        const found = compareYaml(dig.stdout, tsdig.stdout, {
          ttlTolerance: row.target === 'resolver' ? cacheTtlTolerance(started) : 0,
          // BIND rotates RRsets and Unbound shuffles them: records are compared in any order, as the suite does.
          anyOrder: true,
        });
        if (dig.code !== tsdig.code) found.unshift(`exit code: dig ${dig.code}, tsdig ${tsdig.code}`);
        if (found.length > 0) assert.fail(report(`dig ${args.join(' ')}`, found, dig, tsdig));
      });
    }
  });

  describe('+trace +yaml: dig and tsdig agree hop by hop (dig in a mount namespace whose /etc/hosts names the servers)', () => {
    let namespace: YamlTraceNamespace | undefined;
    before(async () => {
      namespace = await yamlTraceNamespace(started(), runDig);
    });
    after(() => namespace?.remove());
    for (const walk of traceWalks) {
      test(`+trace ${walk.name} +yaml`, async () => {
        const args = [...serverArgs('resolver'), '+trace', walk.name, '+yaml'];
        if (!namespace) throw new Error('the namespace for dig +trace was not prepared (see the before hook)');
        const started = Date.now();
        const [dig, tsdig] = [await namespace.runDig(args), await runTsdig(args)];
        const found = compareYaml(dig.stdout, tsdig.stdout, {
          ttlTolerance: cacheTtlTolerance(started),
          anyOrder: true,
        });
        if (dig.code !== tsdig.code) found.unshift(`exit code: dig ${dig.code}, tsdig ${tsdig.code}`);
        if (found.length > 0) assert.fail(report(`dig ${args.join(' ')}`, found, dig, tsdig));
      });
    }
  });

  describe("+trace +short: dig's compact form, line for line (dig in the mount namespace)", () => {
    let namespace: YamlTraceNamespace | undefined;
    before(async () => {
      namespace = await yamlTraceNamespace(started(), runDig);
    });
    after(() => namespace?.remove());
    /** The lines with the times set aside, in order of text: a resolver may rotate an RRset. */
    const lines = (text: string): string[] =>
      text
        .split('\n')
        .filter(Boolean)
        .map((line) => line.replace(/ in \d+ ms\.$/, ' in N ms.'))
        .sort();
    for (const walk of traceWalks) {
      test(`+trace +short ${walk.name}`, async () => {
        const args = [...serverArgs('resolver'), '+trace', '+short', walk.name];
        if (!namespace) throw new Error('the namespace for dig +trace was not prepared (see the before hook)');
        const [dig, tsdig] = [await namespace.runDig(args), await runTsdig(args)];
        assert.equal(tsdig.code, dig.code, `exit code of ${args.join(' ')}`);
        assert.deepEqual(lines(tsdig.stdout), lines(dig.stdout), `dig:\n${dig.stdout}\ntsdig:\n${tsdig.stdout}`);
      });
    }
  });

  describe('+validate agrees with Unbound and delv (the same root DS as trust anchor)', { concurrency: 6 }, () => {
    for (const row of validationRows) {
      const where = row.server ? ` asked of ${row.server} (authoritative)` : '';
      test(`${row.name} ${row.type}${where}: ${row.expected}`, async () => {
        const anchor = join(started().workDir, 'unbound', 'root.ds');
        const tsdigServer = row.server ? serverArgs(row.server) : serverArgs('resolver');
        const hints = row.server ? [`--root-hints=${await rootHintsFile()}`] : [];
        const [dig, delv, tsdig] = await Promise.all([
          runDig([...serverArgs('resolver'), row.name, row.type, '+dnssec']),
          runDelv([row.name, row.type]),
          runTsdig([...tsdigServer, row.name, row.type, '+validate', `--trust-anchor=${anchor}`, ...hints, '--json']),
        ]);
        assert.equal(unboundVerdict(dig), row.expected, `Unbound's verdict\n${dig.stdout}`);
        assert.equal(delvVerdict(delv), row.expected, `delv's verdict\n${delv.stdout}${delv.stderr}`);
        assert.equal(tsdig.code, 0, tsdig.stderr);
        const validation = (
          JSON.parse(tsdig.stdout) as { validation: { status: string; reason: string; iteration?: string } }
        ).validation;
        assert.equal(validation.status, row.expected, validation.reason);
        if (row.reason) assert.match(validation.reason, row.reason);
        // An authoritative server does not recurse: the chain came by iteration, and the verdict says so.
        assert.equal(validation.iteration !== undefined, row.server !== undefined, JSON.stringify(validation));
      });
    }
  });

  describe('+check against BIND, NSD, Knot and Unbound: exact findings and exit status', { concurrency: 4 }, () => {
    for (const row of checkRows) {
      test(`+check ${row.name}: ${row.what}`, async () => {
        const start =
          row.start === 'resolver'
            ? serverArgs('resolver')
            : [`--root-hints=${await checkHintsFile()}`, '-p', String(started().port)];
        const [json, text] = await Promise.all([
          runTsdig(['+check', row.name, ...start, '--json']),
          // +nocmd before the name, as dig reads it: after the name a failure (out of reach) still prints the header.
          runTsdig(['+nocmd', '+check', row.name, ...start]),
        ]);
        assert.equal(json.code, row.exit, json.stderr);
        assert.equal(text.code, row.exit, text.stderr);
        const document = JSON.parse(json.stdout) as CheckDocument;
        assertSchemaValid(document);
        const problems = document.findings
          .filter((f) => f.severity !== 'ok')
          .map((f) => `${f.severity} ${f.zone} ${f.id}: ${f.message}`);
        assert.deepEqual(problems, row.problems, json.stdout);
        const passed = new Set(document.findings.filter((f) => f.severity === 'ok').map((f) => f.id));
        assert.deepEqual(
          row.passed.filter((id) => !passed.has(id)),
          [],
          `checks that did not pass\n${text.stdout}`,
        );
        // The text view leads with the same verdict as the document.
        assert.equal(text.stdout.split('\n')[0], `;; CHECK: ${document.verdict}`);
      });
    }
  });
});
