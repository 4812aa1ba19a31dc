/**
 * Interop suite: tsdig against BIND, NSD, Knot and Unbound on loopback, held against dig's output
 * for the same queries. Servers are started once for the file and stopped by pid afterwards.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { compareMessages, compareShort, compareTrace, type CompareOptions } from './compare.js';
import { parseDig, parseShort, parseTrace } from './digParse.js';
import { compareMultiline } from './multiline.js';
import { startInteropHierarchy, type InteropHierarchy } from './hierarchy.js';
import { serverIds } from './layout.js';
import { interopQueries, traceWalks, type InteropQuery, type QueryTarget } from './queries.js';
import { runProgram, type RunOutput } from './tools.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const tsdigBin = join(repoRoot, 'bin', 'tsdig');

// Seconds a cached TTL may drop between the dig run and the tsdig run against the resolver.
const resolverTtlTolerance = 5;

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
      assert.ok(signed.sections.answer.some((r) => r.type === 'RRSIG'), 'RRSIG in the answer');
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
      const reply = parseDig((await runDig([...serverArgs('nsd'), 'many.nsd.lab', 'A', '+noedns', '+ignore', '+norecurse'])).stdout);
      assert.ok(reply.flags.includes('tc'), `TC expected, got ${reply.flags.join(' ')}`);
      const retried = parseDig((await runDig([...serverArgs('nsd'), 'many.nsd.lab', 'A', '+noedns', '+norecurse'])).stdout);
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
          assert.fail([`tsdig ${args.join(' ')}`, ...found.map((d) => `  ${d}`), '--- tsdig ---', tsdig.stdout, tsdig.stderr].join('\n'));
        }
      });
    }
  });
});
