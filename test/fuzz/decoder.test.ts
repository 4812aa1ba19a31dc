/**
 * Bounded fuzzing for `npm test`: random bytes, mutated replies and well-formed replies through the
 * reply check, the strict decoder and every renderer (see checks.ts). A fixed seed keeps runs
 * repeatable; `npm run fuzz` (test/fuzz/long.ts) runs many more cases with a fresh seed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkPacket, type PacketOutcome } from './checks.js';
import { BadPacketError } from '../../src/errors.js';
import { decodeMessage } from '../../src/wire/decode.js';
import { mutatedReplyArb, randomPacketArb, replyArb } from './packets.js';

const SEED = 20_260_501;
/** Cases per property; together they keep this file to a few seconds. */
export const BOUNDED_RUNS = { random: 1000, mutated: 1000, valid: 200 } as const;

/** Why the decoder rejects `packet`. */
function rejection(packet: Uint8Array): string {
  try {
    decodeMessage(packet);
    return 'not rejected';
  } catch (error) {
    return error instanceof BadPacketError ? error.message : String(error);
  }
}

/** Runs `runs` cases of `arb` through checkPacket, counting outcomes. */
async function fuzz(arb: fc.Arbitrary<Uint8Array>, runs: number): Promise<Record<PacketOutcome, number>> {
  const seen: Record<PacketOutcome, number> = { decoded: 0, rejected: 0 };
  await fc.assert(
    fc.asyncProperty(arb, async (packet) => {
      seen[await checkPacket(packet)]++;
    }),
    { numRuns: runs, seed: SEED, endOnFailure: true },
  );
  return seen;
}

test(`random packets (${BOUNDED_RUNS.random}): only BadPacketError, safe renderings`, { timeout: 60_000 }, async () => {
  const seen = await fuzz(randomPacketArb, BOUNDED_RUNS.random);
  assert.equal(seen.decoded + seen.rejected, BOUNDED_RUNS.random);
  assert.ok(seen.rejected > 0);
});

test(`mutated replies (${BOUNDED_RUNS.mutated}): only BadPacketError, safe renderings, both outcomes seen`, {
  timeout: 60_000,
}, async () => {
  const seen = await fuzz(mutatedReplyArb, BOUNDED_RUNS.mutated);
  // Mutations must reach both sides: a generator that only ever broke the header would test little.
  assert.ok(seen.decoded > BOUNDED_RUNS.mutated / 20, `only ${seen.decoded} mutated replies decoded`);
  assert.ok(seen.rejected > BOUNDED_RUNS.mutated / 20, `only ${seen.rejected} mutated replies rejected`);
});

test(`well-formed replies (${BOUNDED_RUNS.valid}): every one decodes, and renders safely`, {
  timeout: 60_000,
}, async () => {
  await fc.assert(
    fc.asyncProperty(replyArb, async (packet) => {
      if ((await checkPacket(packet)) === 'rejected') {
        assert.fail(
          `a well-formed reply was rejected: ${rejection(packet)}\npacket: ${Buffer.from(packet).toString('hex')}`,
        );
      }
    }),
    { numRuns: BOUNDED_RUNS.valid, seed: SEED, endOnFailure: true },
  );
});
