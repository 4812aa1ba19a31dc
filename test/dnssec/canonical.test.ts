import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalRdata, signedOwner } from '../../src/dnssec/canonical.js';
import { compareNames, nsec3Hash } from '../../src/dnssec/denial.js';
import { nameToWire } from '../../src/wire/name.js';

const wire = (name: string): number[] => [...nameToWire(name)];

test('embedded names are lower-cased for MX and SOA (RFC 4034 6.2), not for TXT or NSEC (RFC 6840 5.1)', () => {
  const mx = Uint8Array.from([0, 10, ...wire('Mail.EXAMPLE.')]);
  assert.deepEqual([...canonicalRdata(15, mx)], [0, 10, ...wire('mail.example.')]);
  const soa = Uint8Array.from([...wire('NS.Example.'), ...wire('Admin.Example.'), ...Array(20).fill(0x41)]);
  assert.deepEqual(
    [...canonicalRdata(6, soa)],
    [...wire('ns.example.'), ...wire('admin.example.'), ...Array(20).fill(0x41)],
  );
  const txt = Uint8Array.from([3, 0x41, 0x42, 0x43]);
  assert.deepEqual(canonicalRdata(16, txt), txt);
  const nsec = Uint8Array.from([...wire('Next.Example.'), 0, 1, 0x40]);
  assert.deepEqual(canonicalRdata(47, nsec), nsec);
});

test("a wildcard expansion is signed as *. plus the RRSIG labels field's rightmost labels", () => {
  assert.deepEqual([...signedOwner('A.B.Wild.Example.', 2)], [1, 0x2a, ...wire('wild.example.')]);
  assert.deepEqual([...signedOwner('WWW.Example.', 2)], wire('www.example.'));
});

test('NSEC3 hash: RFC 5155 appendix A vectors (salt aabbccdd, 12 iterations)', () => {
  assert.equal(nsec3Hash('example.', 'AABBCCDD', 12), '0P9MHAVEQVM6T7VBL5LOP2U3T2RP3TOM');
  assert.equal(nsec3Hash('a.example.', 'AABBCCDD', 12), '35MTHGPGCU1QG68FAB165KLNSNK3DPVL');
});

test('canonical name order (RFC 4034 6.1 example)', () => {
  const ordered = [
    'example.',
    'a.example.',
    'yljkjljk.a.example.',
    'Z.a.example.',
    'zABC.a.EXAMPLE.',
    'z.example.',
    '\\001.z.example.',
    '*.z.example.',
    '\\200.z.example.',
  ];
  const shuffled = [...ordered].reverse();
  assert.deepEqual(shuffled.sort(compareNames), ordered);
});
