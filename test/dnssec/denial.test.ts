/** The proof rules (RFC 4035 5.4, RFC 5155 8, RFC 6840 4.1) on records taken as already validated: one test per rule a lying server tries to break. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_NSEC3_ITERATIONS, proveDenial, proveWildcardAnswer } from '../../src/dnssec/denial.js';
import type { ResourceRecord } from '../../src/wire/types.js';
import { NSEC, NSEC3, record } from './attacks.js';
import { dnameZone, fixtureZones } from './signedNetwork.js';
import type { Nsec3Rdata } from '../../src/wire/rdata/dnssec.js';

const A = 1;
const DS = 43;
const ANY = 255;

function proofs(origin: string): ResourceRecord[] {
  const zone = [...fixtureZones(), dnameZone()].find((z) => z.origin === origin);
  return (zone?.records ?? []).filter((r) => r.type === NSEC || r.type === NSEC3);
}

/** NSEC3 records of sec. with some fields replaced (as if the zone had been signed so). */
const sec3 = (fields: Partial<Omit<Nsec3Rdata, 'type'>>): ResourceRecord[] =>
  proofs('sec.').map((r) => (r.rdata.type === 'NSEC3' ? { ...r, rdata: { ...r.rdata, ...fields } } : r));

test('NSEC: NXDOMAIN needs a record covering the name and one covering the wildcard of the closest encloser', () => {
  assert.deepEqual(proveDenial('nope.ec.', A, true, proofs('ec.'), 'ec.'), {
    proven: true,
    what: 'nxdomain',
    optOut: false,
  });
  const noWildcardDenial = proofs('ec.').filter((r) => r.name !== 'ec.');
  assert.deepEqual(proveDenial('nope.ec.', A, true, noWildcardDenial, 'ec.'), {
    proven: false,
    reason: 'no NSEC record denies the wildcard *.ec.',
  });
});

test('NSEC: an NSEC whose next name lies below the name proves it exists (an empty non-terminal), not NXDOMAIN', () => {
  assert.deepEqual(proveDenial('wild.ec.', A, false, proofs('ec.'), 'ec.'), {
    proven: true,
    what: 'nodata',
    wildcard: false,
  });
  assert.deepEqual(proveDenial('wild.ec.', A, true, proofs('ec.'), 'ec.'), {
    proven: false,
    reason: 'an NSEC record says wild.ec. exists',
  });
});

test('NSEC at a delegation point (NS without SOA): it proves only the absence of DS, and nothing below the cut', () => {
  const root = proofs('.');
  assert.deepEqual(proveDenial('ec.', A, false, root, '.'), {
    proven: false,
    reason: "the NSEC record at ec. is the parent's side of a delegation: it proves only that DS is absent",
  });
  assert.deepEqual(proveDenial('www.ec.', A, true, root, '.'), {
    proven: false,
    reason: 'ec. is a delegation point: names below it are in another zone',
  });
  // A delegation NSEC without DS proves the delegation unsigned.
  const unsigned = [record('ec. 300 IN NSEC sec. NS RRSIG NSEC'), record('sec. 300 IN NSEC . NS DS RRSIG NSEC')];
  assert.deepEqual(proveDenial('ec.', DS, false, unsigned, '.'), {
    proven: true,
    what: 'insecureDelegation',
    optOut: false,
  });
  assert.deepEqual(proveDenial('ec.', DS, false, root, '.'), {
    proven: false,
    reason: 'the NSEC record at ec. says DS exists',
  });
});

test("NSEC: a zone apex's own NSEC cannot deny its DS; only the parent can", () => {
  assert.deepEqual(proveDenial('ed.sec.', DS, false, proofs('ed.sec.'), 'ed.sec.'), {
    proven: false,
    reason: "the NSEC record at ed.sec. is the child zone's own: only its parent can deny its DS",
  });
});

test('NSEC: nothing below a DNAME is denied by the NSEC at the DNAME', () => {
  assert.deepEqual(proveDenial('x.d.dn.test.', A, true, proofs('dn.test.'), 'dn.test.'), {
    proven: false,
    reason: 'd.dn.test. has a DNAME: names below it are rewritten, not denied',
  });
});

test('NODATA for ANY is not proven by a record that lists types', () => {
  assert.deepEqual(proveDenial('www.ec.', ANY, false, proofs('ec.'), 'ec.'), {
    proven: false,
    reason: 'the NSEC record at www.ec. says A AAAA exist',
  });
});

test('a proof for a name outside the zone proves nothing', () => {
  assert.deepEqual(proveDenial('www.sec.', A, true, proofs('ec.'), 'ec.'), {
    proven: false,
    reason: 'www.sec. is not in ec.',
  });
  // NSEC3 records of another zone are not this zone's.
  assert.deepEqual(proveDenial('nope.ec.', A, true, proofs('sec.'), 'ec.'), {
    proven: false,
    reason: 'no NSEC3 records of ec.',
  });
});

test('NSEC3: the closest encloser proof, with opt-out as the covering record says', () => {
  assert.deepEqual(proveDenial('nope.sec.', A, true, proofs('sec.'), 'sec.'), {
    proven: true,
    what: 'nxdomain',
    optOut: true,
  });
  assert.deepEqual(proveDenial('ins.sec.', DS, false, proofs('sec.'), 'sec.'), {
    proven: true,
    what: 'insecureDelegation',
    optOut: true,
  });
  // Without the opt-out flag, the same records prove no unsigned delegation.
  assert.deepEqual(proveDenial('ins.sec.', DS, false, sec3({ flags: 0 }), 'sec.'), {
    proven: false,
    reason: 'no NSEC3 record matches ins.sec.',
  });
});

test('NSEC3: a closest encloser at a delegation point speaks for nothing below it', () => {
  assert.deepEqual(proveDenial('www.ed.sec.', A, true, proofs('sec.'), 'sec.'), {
    proven: false,
    reason: 'ed.sec. is a delegation point: names below it are in another zone',
  });
});

test('NSEC3: mixed hash parameters prove nothing; unknown hash algorithms and too many iterations are insecure', () => {
  const mixed = proofs('sec.').map((r, i) =>
    i === 0 && r.rdata.type === 'NSEC3' ? { ...r, rdata: { ...r.rdata, salt: Uint8Array.of(0xff) } } : r,
  );
  assert.deepEqual(proveDenial('nope.sec.', A, true, mixed, 'sec.'), {
    proven: false,
    reason: 'the NSEC3 records of sec. mix hash parameters',
  });
  assert.equal(proveDenial('nope.sec.', A, true, sec3({ hashAlgorithm: 2 }), 'sec.').proven, 'insecure');
  assert.deepEqual(proveDenial('nope.sec.', A, true, sec3({ iterations: MAX_NSEC3_ITERATIONS + 1 }), 'sec.'), {
    proven: 'insecure',
    reason: 'the NSEC3 records of sec. use 151 iterations (more than 150)',
  });
  assert.deepEqual(proveDenial('nope.sec.', A, true, sec3({ flags: 2 }), 'sec.'), {
    proven: false,
    reason: 'every NSEC3 record of sec. has unknown flags',
  });
});

test('a wildcard answer needs the next closer name covered; under NSEC3 opt-out it is only insecure', () => {
  assert.deepEqual(proveWildcardAnswer('anything.wild.ec.', 2, proofs('ec.'), 'ec.'), { proven: true, optOut: false });
  assert.deepEqual(proveWildcardAnswer('www.ec.', 1, proofs('ec.'), 'ec.'), {
    proven: false,
    reason: 'nothing covers www.ec.',
  });
  assert.deepEqual(proveWildcardAnswer('a.wild.sec.', 2, proofs('sec.'), 'sec.'), { proven: true, optOut: true });
});
