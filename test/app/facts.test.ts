/**
 * @hostname under TSDIG_LOOPBACK_ONLY: never handed to the system resolver (which would send a query
 * beyond loopback). node:dns's lookup is replaced for this file, so even a regression sends nothing.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { gatherFacts } from '../../src/app/facts.js';
import { InputError } from '../../src/errors.js';
import type { QueryRequest } from '../../src/cli/types.js';
import { defaultSettings } from '../../src/cli/defaults.js';

const dnsPromises = createRequire(import.meta.url)('node:dns/promises') as { lookup: unknown };
const realLookup = dnsPromises.lookup;
const asked: string[] = [];

before(() => {
  dnsPromises.lookup = async (name: string) => {
    asked.push(name);
    return [{ address: '127.0.0.9', family: 4 }];
  };
  syncBuiltinESMExports();
});
after(() => {
  dnsPromises.lookup = realLookup;
  syncBuiltinESMExports();
});

const request = (server: string): QueryRequest => ({
  name: 'x.',
  type: 1,
  class: 1,
  servers: [server],
  settings: defaultSettings(),
});

test('TSDIG_LOOPBACK_ONLY: a host name is refused as bad input without a lookup; localhost is the loopback addresses', async () => {
  asked.length = 0;
  const gatherer = gatherFacts({
    env: { TSDIG_LOOPBACK_ONLY: '1' },
    stdout: { write: () => true },
    stderr: { write: () => true },
    isTTY: false,
  });
  await assert.rejects(
    async () => gatherer.learn(request('ns1.example.com')),
    (error: unknown) =>
      error instanceof InputError && /'ns1\.example\.com' not looked up: TSDIG_LOOPBACK_ONLY/.test(error.message),
  );
  await gatherer.learn(request('localhost'));
  assert.deepEqual(gatherer.facts.serverAddresses.get('localhost'), ['127.0.0.1', '::1']);
  assert.equal(gatherer.learn(request('::1')), undefined, 'an address needs no lookup');
  assert.deepEqual(asked, []);
});

test('without it, @hostname goes to the system resolver (here the stand-in), once per name', async () => {
  asked.length = 0;
  const gatherer = gatherFacts({ env: {}, stdout: { write: () => true }, stderr: { write: () => true }, isTTY: false });
  await gatherer.learn(request('ns1.example.com'));
  assert.equal(gatherer.learn(request('ns1.example.com')), undefined);
  assert.deepEqual(gatherer.facts.serverAddresses.get('ns1.example.com'), ['127.0.0.9']);
  assert.deepEqual(asked, ['ns1.example.com']);
});
