import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseTrustAnchors } from '../../src/dnssec/trustAnchor.js';
import { DEFAULT_VALIDATION_LIMITS } from '../../src/dnssec/types.js';
import { validateReply } from '../../src/dnssec/validate.js';
import type { Message, ResourceRecord } from '../../src/wire/types.js';
import { fixtureZones, signedNetwork } from './signedNetwork.js';
import { fixtureText } from './signedZone.js';
import { WireError } from '../../src/wire/reader.js';
import { withRdataWire } from '../support/records.js';

const NOW = Date.UTC(2027, 0, 1) / 1000;
const ANCHORS = parseTrustAnchors(fixtureText('root.ds'));
const QUESTIONS: Array<[string, number]> = [
  ['www.ec.', 1],
  ['alias.ec.', 1],
  ['nope.sec.', 1],
  ['www.ins.sec.', 1],
  ['x.wild.ec.', 16],
  ['www.ed.sec.', 1],
];

/** One change to one reply: a flipped byte, a truncated RDATA, or a dropped record, in any section. */
const damage = fc.record({
  reply: fc.nat(40),
  section: fc.constantFrom('answer', 'authority'),
  record: fc.nat(40),
  byte: fc.nat(300),
  kind: fc.constantFrom('flip', 'truncate', 'drop'),
});

test('damaged replies anywhere in the walk give a verdict, never an exception or a hang; a change to the answer is never secure', async () => {
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...QUESTIONS), damage, async ([name, type], d) => {
      let count = 0;
      let touchedAnswer = false;
      const { fetch } = signedNetwork(fixtureZones(), (_n, _t, message: Message) => {
        if (count++ !== d.reply) return message;
        const records = message[d.section];
        if (records.length === 0) return message;
        const index = d.record % records.length;
        const target = records[index];
        let changed: ResourceRecord[];
        let differs = false;
        if (d.kind === 'drop') changed = records.filter((_, i) => i !== index);
        else {
          const rdata = Uint8Array.from(target.rdataWire);
          if (d.kind === 'flip' && rdata.length > 0) rdata[d.byte % rdata.length] ^= 0x5a;
          const damaged = d.kind === 'truncate' ? rdata.subarray(0, d.byte % (rdata.length + 1)) : rdata;
          // Octets the decoder refuses never reach the validator: the reply arrives without that record.
          let record: ResourceRecord | undefined;
          try {
            record = withRdataWire(target, damaged);
          } catch (error) {
            if (!(error instanceof WireError)) throw error;
          }
          changed = records.flatMap((r, i) => (i !== index ? [r] : record ? [record] : []));
          differs = record !== undefined && Buffer.compare(record.rdataWire, target.rdataWire) !== 0;
        }
        if (d.reply === 0 && d.section === 'answer' && d.kind !== 'drop' && target.type !== 46 && differs)
          touchedAnswer = true;
        return { ...message, [d.section]: changed };
      });
      const first = await fetch(name, type);
      const v = await validateReply(name, type, first, fetch, ANCHORS, NOW, DEFAULT_VALIDATION_LIMITS);
      assert.ok(['secure', 'insecure', 'bogus', 'indeterminate'].includes(v.status));
      // Changed data in a signed answer RRset must not pass (an unsigned zone's data may, as insecure).
      if (touchedAnswer && v.status === 'secure') {
        assert.fail(`changed answer record validated as secure: ${name} ${d.kind} ${v.reason}`);
      }
    }),
    { numRuns: 300 },
  );
});
