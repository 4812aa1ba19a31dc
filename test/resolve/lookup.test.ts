import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lookup, type LookupPlan } from '../../src/resolve/lookup.js';
import type { ExchangeSettings } from '../../src/resolve/types.js';
import { fakeNetwork, zone } from './fakeNetwork.js';
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
  tries: 1,
};

/** One server for three zones: nx1.test. (nothing but an empty name), search.test. (host) and other.test. */
const net = fakeNetwork({
  '127.0.0.10': {
    zones: [
      zone('nx1.test.', ['@ NS ns', 'empty TXT x']),
      zone('search.test.', ['@ NS ns', 'host A 192.0.2.9']),
      zone('other.test.', ['@ NS ns', 'host A 192.0.2.10']),
    ],
  },
});

function plan(name: string, showSearch = false): LookupPlan {
  const candidates = ['nx1.test.', 'search.test.', 'other.test.', ''].map((domain) => ({
    name: `${name}.${domain}`,
    type: 1,
    class: 1,
  }));
  return {
    candidates,
    servers: [{ address: '127.0.0.10', port: 53 }],
    settings: SETTINGS,
    ...(showSearch && { showSearch }),
  };
}

test('search list: NXDOMAIN moves on to the next name; the first other reply stands (dig 9.18)', async () => {
  const found = await lookup(plan('host'), net.query);
  assert.equal(found.question.name, 'host.search.test.');
  assert.equal(found.exchange && rdataText(found.exchange.response.answer[0].rdata), '192.0.2.9');
  assert.equal(found.searched, undefined, 'kept only with +showsearch');
  // NODATA at the first name ends the search, as dig does; so does REFUSED (the last, bare name here).
  const nodata = await lookup(plan('empty'), net.query);
  assert.equal(nodata.question.name, 'empty.nx1.test.');
  assert.equal(nodata.exchange?.response.rcode, 0);
});

test('+showsearch keeps the NXDOMAIN reply of every name tried before the last, in order', async () => {
  const found = await lookup(plan('host', true), net.query);
  assert.deepEqual(
    found.searched?.map((tried) => [tried.question.name, tried.response.rcode]),
    [['host.nx1.test.', 3]],
  );
  const missing = await lookup(plan('nx', true), net.query);
  assert.equal(missing.question.name, 'nx.');
  assert.equal(missing.exchange?.response.rcode, 5);
  assert.deepEqual(
    missing.searched?.map((tried) => tried.question.name),
    ['nx.nx1.test.', 'nx.search.test.', 'nx.other.test.'],
  );
});
