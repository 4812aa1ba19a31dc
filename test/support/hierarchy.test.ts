import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { startHierarchy, HIERARCHY_SERVERS, type Hierarchy } from './hierarchy.js';
import { TRACE_CASES, DELEGATIONS } from './hierarchyCases.js';
import { ADDR } from './hierarchyZones.js';
import { referenceWalk } from './referenceWalk.js';
import { buildQuery, decode, udpQuery } from './dnsClient.js';

describe('built-in hierarchy', () => {
  let hierarchy: Hierarchy;
  before(async () => {
    hierarchy = await startHierarchy();
  });
  after(() => hierarchy.close());

  for (const [key, expected] of Object.entries(TRACE_CASES)) {
    test(`walk from the root: ${key} (${expected.note})`, async () => {
      const walk = await referenceWalk(hierarchy.port, expected.name, expected.type);
      assert.deepEqual(walk.zones, expected.zones);
      assert.equal(walk.outcome, expected.outcome);
      assert.deepEqual(walk.answer, expected.answer);
      assert.equal(walk.answeredBy, 'answeredBy' in expected ? expected.answeredBy : undefined);
      for (const address of 'neverAsked' in expected ? expected.neverAsked : [])
        assert.ok(!walk.asked.includes(address), `${address} was asked`);
    });
  }

  test('every server shares the port and every NS name maps to a server', () => {
    for (const spec of HIERARCHY_SERVERS) {
      assert.equal(hierarchy.byAddress.get(spec.address)?.port, hierarchy.port);
      for (const name of spec.names) assert.equal(hierarchy.servers.get(name), hierarchy.byAddress.get(spec.address));
    }
  });

  test('the poison server was never asked by correct walks', () => {
    assert.equal(hierarchy.counts()[ADDR.poison], 0);
  });

  test('the root answers its own NS query with glue, as dig +trace first asks', async () => {
    const reply = decode(
      (await udpQuery({ address: ADDR.root, port: hierarchy.port }, buildQuery({ name: '.', type: 'NS', rd: true })))!,
    );
    assert.equal(reply.flag_aa, true);
    assert.deepEqual(
      reply.answers.map((a) => a.data),
      ['a.root-servers.test'],
    );
    assert.deepEqual(
      reply.additionals.map((a) => a.data),
      [ADDR.root],
    );
  });

  test('the closed address has nothing listening on the port', async () => {
    const error = await new Promise<NodeJS.ErrnoException>((resolve) => {
      const socket = connect({ host: ADDR.closed, port: hierarchy.port });
      socket.on('error', resolve);
      socket.on('connect', () => {
        socket.destroy();
        resolve(Object.assign(new Error('connected'), { code: 'CONNECTED' }));
      });
    });
    assert.equal(error.code, 'ECONNREFUSED');
  });

  test('root hints name the root server at its address', () => {
    const lines = hierarchy.rootHintsText
      .split('\n')
      .filter((l) => l && !l.startsWith(';'))
      .map((l) => l.split(/\s+/));
    assert.deepEqual(lines, [
      ['.', '3600000', 'NS', 'A.ROOT-SERVERS.TEST.'],
      ['A.ROOT-SERVERS.TEST.', '3600000', 'A', ADDR.root],
    ]);
  });

  test('the delegation table records out-of-bailiwick glue and glueless cuts', () => {
    const find = (child: string) => DELEGATIONS.find((d) => d.child === child);
    assert.deepEqual(find('oob.test.'), {
      parent: 'test.',
      child: 'oob.test.',
      ns: ['ns.oobhost.demo.'],
      glue: { 'ns.oobhost.demo.': [ADDR.poison] },
    });
    assert.deepEqual(find('glueless.test.')?.glue, {});
    assert.deepEqual(find('v6only.test.')?.glue, { 'ns.v6only.test.': ['::1'] });
    assert.deepEqual(find('lame.test.')?.ns, ['ns1.lame.test.', 'ns2.lame.test.']);
  });
});
