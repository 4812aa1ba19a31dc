/**
 * The long fuzz run (`npm run fuzz`): the same checks as decoder.test.ts over many more cases.
 *
 *   npm run fuzz                       # 10000 cases per generator, a fresh seed
 *   npm run fuzz -- 200000             # cases per generator
 *   npm run fuzz -- 200000 1234        # and a seed, to replay a run
 *   TSDIG_FUZZ_RUNS=N TSDIG_FUZZ_SEED=S npm run fuzz
 *
 * Prints the seed first (so a failure can be replayed), then per generator the cases run and how
 * many decoded or were rejected; on a failure, the packet's hex and exit status 1.
 */
import fc from 'fast-check';
import { checkPacket, type PacketOutcome } from './checks.js';
import { mutatedReplyArb, randomPacketArb, replyArb } from './packets.js';

const DEFAULT_RUNS = 10_000;

function positiveInteger(text: string | undefined, what: string): number | undefined {
  if (text === undefined || text === '') return undefined;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 0)
    throw new Error(`${what} must be a non-negative integer, got '${text}'`);
  return value;
}

async function run(): Promise<number> {
  const runs =
    positiveInteger(process.argv[2], 'runs') ??
    positiveInteger(process.env.TSDIG_FUZZ_RUNS, 'TSDIG_FUZZ_RUNS') ??
    DEFAULT_RUNS;
  const seed =
    positiveInteger(process.argv[3], 'seed') ??
    positiveInteger(process.env.TSDIG_FUZZ_SEED, 'TSDIG_FUZZ_SEED') ??
    Date.now() % 2 ** 31;
  console.log(`fuzz: seed ${seed}, ${runs} cases per generator`);
  const generators: Array<[string, fc.Arbitrary<Uint8Array>]> = [
    ['random packets', randomPacketArb],
    ['mutated replies', mutatedReplyArb],
    ['well-formed replies', replyArb],
  ];
  let failed = false;
  let total = 0;
  for (const [name, arb] of generators) {
    const seen: Record<PacketOutcome, number> = { decoded: 0, rejected: 0 };
    const started = performance.now();
    const report = await fc.check(
      fc.asyncProperty(arb, async (packet) => {
        seen[await checkPacket(packet)]++;
      }),
      { numRuns: runs, seed, endOnFailure: true },
    );
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const done = seen.decoded + seen.rejected;
    total += done;
    console.log(`${name}: ${done} cases, ${seen.decoded} decoded, ${seen.rejected} rejected, ${seconds} s`);
    if (report.failed) {
      failed = true;
      console.log(`FAILED after ${report.numRuns} cases (seed ${seed}, path ${report.counterexamplePath}):`);
      console.log(report.errorInstance instanceof Error ? report.errorInstance.message : String(report.errorInstance));
    }
  }
  console.log(`fuzz: ${total} cases in all, seed ${seed}: ${failed ? 'FAILED' : 'all properties held'}`);
  return failed ? 1 : 0;
}

run().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`fuzz: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
