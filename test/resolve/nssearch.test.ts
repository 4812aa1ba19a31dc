import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ExchangeError } from '../../src/errors.js';
import { endpointText } from '../../src/resolve/exchange.js';
import {
  MAX_NAME_SERVERS,
  nameServerSet,
  nsSearch,
  type NsSearchEvent,
  type NsSearchPlan,
} from '../../src/resolve/nssearch.js';
import type { ExchangeSettings, QueryFn } from '../../src/resolve/types.js';
import { fakeNetwork, zone, type FakeServer } from './fakeNetwork.js';
import { rr, soa } from './fakeMessages.js';
import { encodeReply, record } from '../support/fakeServer.js';
import { rdataText } from '../../src/render/rdata/present.js';

const SETTINGS: ExchangeSettings = {
  rd: true,
  cd: false,
  ad: true,
  dnssec: false,
  edns: 0,
  bufsize: 1232,
  nsid: false,
  cookie: false,
  tcp: false,
  ignoreTc: false,
  timeoutMs: 50,
  tries: 3,
};

/** The fake network behind createQueryFn's contract: failures are ExchangeErrors, announced as dig's communication errors. */
function network(servers: Record<string, FakeServer>): ReturnType<typeof fakeNetwork> & { query: QueryFn } {
  const net = fakeNetwork(servers);
  const query: QueryFn = (server, question, settings, onEvent) =>
    net.query(server, question, settings).catch((error: ExchangeError) => {
      onEvent?.({
        kind: 'commError',
        text: `communications error to ${endpointText(server)}: ${error.message}`,
        server,
      });
      throw new ExchangeError(error.kind, error.message);
    });
  return { ...net, query };
}

/** The resolver at 127.0.0.10 knows the zone's NS set and every name server's address. */
const resolverZone = zone('multi.test.', [
  '@ NS ns1',
  '@ NS ns2',
  '@ NS ns3',
  '@ NS ns4',
  '@ NS ns5',
  '@ NS gone.other.test.',
  'ns1 A 127.0.0.11',
  'ns1 AAAA ::1',
  'ns2 A 127.0.0.12',
  'ns3 A 127.0.0.13',
  'ns4 A 127.0.0.14',
  'ns5 A 127.0.0.15',
  'www A 192.0.2.1',
]);
const served = (serial: number): FakeServer => ({
  respond: (query) =>
    encodeReply(query, {
      rcode: 'NOERROR',
      aa: true,
      answers: [record(`multi.test. SOA ns1.multi.test. hostmaster.multi.test. ${serial} 7200 3600 1209600 300`)],
    }),
});

const SERVERS: Record<string, FakeServer> = {
  '127.0.0.10': { zones: [resolverZone] },
  '127.0.0.11': served(1),
  '::1': served(2),
  '127.0.0.12': { behaviour: 'refused' },
  '127.0.0.13': { behaviour: 'silent' },
  '127.0.0.14': { behaviour: 'connectionRefused' },
  '127.0.0.15': { behaviour: 'lame' },
};

function plan(name: string, family: 4 | 6 | null = null): NsSearchPlan {
  return {
    ns: {
      candidates: [{ name, type: 2, class: 1 }],
      servers: [{ address: '127.0.0.10', port: 53 }],
      settings: SETTINGS,
    },
    settings: { soa: { ...SETTINGS, rd: false, tries: 1 }, port: 5300, family },
  };
}

test('nssearch: NS set from the resolver, addresses from the resolver, then every address asked for the SOA without recursion, once', async () => {
  const net = network(SERVERS);
  const steps: NsSearchEvent[] = [];
  const result = await nsSearch(plan('multi.test.'), net.query, (event) => steps.push(event));
  assert.equal(result.zone, 'multi.test.');
  assert.deepEqual(
    result.nameServers.map((entry) => [entry.name, entry.addresses, entry.failure]),
    [
      ['ns1.multi.test.', ['127.0.0.11', '::1'], undefined],
      ['ns2.multi.test.', ['127.0.0.12'], undefined],
      ['ns3.multi.test.', ['127.0.0.13'], undefined],
      ['ns4.multi.test.', ['127.0.0.14'], undefined],
      ['ns5.multi.test.', ['127.0.0.15'], undefined],
      // the resolver does not serve other.test.: REFUSED, which getaddrinfo reports to dig as a failure
      ['gone.other.test.', [], 'failure'],
    ],
  );
  // Address lookups go to the resolver (with recursion); SOA queries to each address on -p's port, without recursion, one try each.
  const soaQueries = net.sent.filter((sent) => sent.question.type === 6);
  assert.deepEqual(soaQueries.map((sent) => sent.server).sort(), [
    '127.0.0.11#5300',
    '127.0.0.12#5300',
    '127.0.0.13#5300',
    '127.0.0.14#5300',
    '127.0.0.15#5300',
    '::1#5300',
  ]);
  assert.ok(
    soaQueries.every(
      (sent) => sent.settings.rd === false && sent.settings.tries === 1 && sent.question.name === 'multi.test.',
    ),
  );
  assert.ok(
    net.sent
      .filter((sent) => sent.question.type !== 6)
      .every((sent) => sent.server === '127.0.0.10#53' && sent.settings.rd),
  );
  // The unresolvable name is announced before any server line; the silent server comes last.
  assert.equal(steps[0].kind, 'noAddress');
  const last = steps.at(-1)!;
  assert.ok(
    last.kind === 'server' &&
      last.result.server.address === '127.0.0.13' &&
      last.result.error?.code === 'transport.timeout',
  );
  const byAddress = new Map(result.servers.map((server) => [server.server.address, server]));
  const soa = byAddress.get('127.0.0.11')?.exchange?.response.answer[0];
  assert.equal(soa && rdataText(soa.rdata), 'ns1.multi.test. hostmaster.multi.test. 1 7200 3600 1209600 300');
  assert.equal(byAddress.get('::1')?.server.name, 'ns1.multi.test.');
  assert.equal(byAddress.get('127.0.0.12')?.exchange?.response.rcode, 5);
  assert.deepEqual(
    byAddress.get('127.0.0.14')?.events.map((event) => event.text),
    ['communications error to 127.0.0.14#5300: connection refused'],
  );
  assert.equal(result.error, undefined);
});

test('nssearch: -4 and -6 ask only for A or AAAA; a name with no address of that kind is "not found"', async () => {
  const v6 = await nsSearch(plan('multi.test.', 6), network(SERVERS).query);
  assert.deepEqual(
    v6.servers.map((server) => server.server.address),
    ['::1'],
  );
  assert.deepEqual(
    v6.nameServers.find((entry) => entry.name === 'ns2.multi.test.'),
    { name: 'ns2.multi.test.', addresses: [], failure: 'not found' },
  );
  const net = network(SERVERS);
  const v4 = await nsSearch(plan('multi.test.', 4), net.query);
  assert.ok(!v4.servers.some((server) => server.server.address === '::1'));
  assert.ok(!net.sent.some((sent) => sent.question.type === 28));
});

test('nssearch: a name below the zone apex has no NS set (NODATA with SOA): nothing more is asked, and it is no failure', async () => {
  const net = network(SERVERS);
  const result = await nsSearch(plan('www.multi.test.'), net.query);
  assert.equal(result.zone, undefined);
  assert.deepEqual(result.servers, []);
  assert.equal(result.error, undefined);
  assert.equal(net.sent.length, 1);
});

test('nssearch: every name server silent or refusing the connection is "NS servers could not be reached"', async () => {
  const deadZone = zone('dead.test.', ['@ NS ns1', '@ NS ns2', 'ns1 A 127.0.0.13', 'ns2 A 127.0.0.14']);
  const result = await nsSearch(plan('dead.test.'), network({ ...SERVERS, '127.0.0.10': { zones: [deadZone] } }).query);
  assert.equal(result.servers.length, 2);
  assert.deepEqual(result.error, { code: 'nssearch.unreachable', message: 'NS servers could not be reached' });
});

test('nssearch: REFUSED or a lame reply is an answer, not a failure (as in dig)', async () => {
  const lameZone = zone('lame.test.', ['@ NS ns1', '@ NS ns2', 'ns1 A 127.0.0.12', 'ns2 A 127.0.0.15']);
  const result = await nsSearch(plan('lame.test.'), network({ ...SERVERS, '127.0.0.10': { zones: [lameZone] } }).query);
  assert.equal(result.error, undefined);
  assert.deepEqual(
    result.servers.map((server) => server.exchange?.response.answer.length),
    [0, 0],
  );
});

test('nssearch: no name server with an address, or no resolver reply, fails before any SOA query', async () => {
  const orphanZone = zone('orphan.test.', ['@ NS ns.elsewhere.test.']);
  const net = network({ '127.0.0.10': { zones: [orphanZone] } });
  const orphan = await nsSearch(plan('orphan.test.'), net.query);
  assert.equal(orphan.error?.code, 'nssearch.noaddress');
  assert.ok(!net.sent.some((sent) => sent.question.type === 6));
  const silent = await nsSearch(plan('multi.test.'), network({ '127.0.0.10': { behaviour: 'silent' } }).query);
  assert.equal(silent.ns.exchange, undefined);
  assert.equal(silent.error?.code, 'transport.timeout');
  assert.deepEqual(
    silent.ns.events.map((event) => event.text),
    ['communications error to 127.0.0.10#53: timed out'],
  );
});

test('nameServerSet: the answer NS set, else a referral, never the NS of an authority section that holds an SOA', () => {
  const ns = (owner: string, target: string) => rr(owner, 'NS', target);
  assert.deepEqual(nameServerSet([ns('a.test.', 'x.test.'), ns('a.test.', 'y.test.')], []), {
    zone: 'a.test.',
    names: ['x.test.', 'y.test.'],
  });
  assert.deepEqual(nameServerSet([], [ns('b.test.', 'z.test.')]), { zone: 'b.test.', names: ['z.test.'] });
  assert.equal(nameServerSet([], [soa('b.test.'), ns('b.test.', 'z.test.')]), undefined);
  assert.equal(nameServerSet([], []), undefined);
  const many = Array.from({ length: 30 }, (_, i) => ns('c.test.', `ns${i}.c.test.`));
  assert.equal(nameServerSet(many, [])!.names.length, MAX_NAME_SERVERS);
});
