import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArgs } from '../../src/cli/parseArgs.js';
import type { Options } from '../../src/cli/types.js';
import { InputError } from '../../src/errors.js';
import { planQuery, type SystemFacts } from '../../src/plan/plan.js';
import type { LookupQueryPlan, QueryPlan } from '../../src/plan/queryPlan.js';
import { tlsFilesOf } from '../../src/plan/channel.js';

function options(argv: string[]): Options {
  const outcome = parseArgs(argv);
  assert.equal(outcome.kind, 'run', JSON.stringify(outcome));
  return (outcome as { options: Options }).options;
}

const files = new Map([
  ['ca.pem', 'CA TEXT'],
  ['c.pem', 'CERT TEXT'],
  ['k.pem', 'KEY TEXT'],
]);

function facts(): SystemFacts {
  return {
    serverAddresses: new Map([['dns.example', ['127.0.0.1']]]),
    tlsFiles: files,
    resolvConf: { nameservers: ['127.0.0.53'], search: [], ndots: 1 } as never,
  };
}

/** The plan of a lookup (every query here is one). */
function lookupOf(plan: QueryPlan): LookupQueryPlan {
  assert.equal(plan.mode, 'lookup');
  return plan as LookupQueryPlan;
}

function plan(...argv: string[]): LookupQueryPlan {
  const parsed = options([...argv, 'example.test']);
  return lookupOf(planQuery(parsed.queries[0], parsed, facts()));
}

const port = (...argv: string[]) => plan(...argv).lookup.servers[0].port;

test('each protocol has its port unless -p says otherwise, for @server and resolv.conf servers alike', () => {
  assert.equal(port('@127.0.0.1'), 53);
  assert.equal(port('@127.0.0.1', '+tls'), 853);
  assert.equal(port('@127.0.0.1', '+https'), 443);
  assert.equal(port('@127.0.0.1', '+http-plain'), 80);
  assert.equal(port('+tls'), 853);
  assert.equal(port('@127.0.0.1', '+tls', '-p', '5353'), 5353);
  assert.equal(port('@127.0.0.1', '-p', '53', '+https'), 53);
  // +notcp: plain UDP, port 53, as dig does.
  assert.equal(port('@127.0.0.1', '+tls', '+notcp'), 53);
});

test('a query with and a query without +tls to the same server get their own ports', () => {
  const parsed = options(['@127.0.0.1', 'a.example', 'b.example', '+tls']);
  const shared = facts();
  assert.deepEqual(
    parsed.queries.map((query) => lookupOf(planQuery(query, parsed, shared)).lookup.servers[0].port),
    [53, 853],
  );
});

test('the channel: opportunistic TLS by default, verification with any +tls-* option', () => {
  assert.deepEqual(plan('@127.0.0.1', '+tls').lookup.settings.channel, { protocol: 'tls', tls: { verify: false } });
  assert.equal(plan('@127.0.0.1').lookup.settings.channel, undefined);
  assert.deepEqual(plan('@127.0.0.1', '+tls-ca').lookup.settings.channel, { protocol: 'tls', tls: { verify: true } });
  assert.deepEqual(plan('@127.0.0.1', '+tls-ca=ca.pem').lookup.settings.channel, {
    protocol: 'tls',
    tls: { verify: true, ca: 'CA TEXT' },
  });
  assert.deepEqual(plan('@127.0.0.1', '+tls-hostname=other.example').lookup.settings.channel, {
    protocol: 'tls',
    tls: { verify: true, hostname: 'other.example' },
  });
  assert.deepEqual(plan('@127.0.0.1', '+tls', '+tls-certfile=c.pem', '+tls-keyfile=k.pem').lookup.settings.channel, {
    protocol: 'tls',
    tls: { verify: true, cert: 'CERT TEXT', key: 'KEY TEXT' },
  });
});

test('the @server as typed is the name to verify when it is a host name; +tls-hostname wins', () => {
  assert.deepEqual(plan('@dns.example', '+tls').lookup.settings.channel, {
    protocol: 'tls',
    tls: { verify: false, hostname: 'dns.example' },
  });
  assert.equal(plan('@dns.example', '+tls-hostname=x.example').lookup.settings.channel?.tls?.hostname, 'x.example');
});

test('DoH channels carry the method and path; plain HTTP has no TLS', () => {
  assert.deepEqual(plan('@127.0.0.1', '+https-get=/q').lookup.settings.channel, {
    protocol: 'https',
    tls: { verify: false },
    http: { method: 'GET', path: '/q' },
  });
  assert.deepEqual(plan('@127.0.0.1', '+http-plain').lookup.settings.channel, {
    protocol: 'http',
    http: { method: 'POST', path: '/dns-query' },
  });
});

test('files to read: only those of a query that uses TLS', () => {
  const settingsOf = (...argv: string[]) => options([...argv, 'x']).queries[0].settings;
  assert.deepEqual(tlsFilesOf(settingsOf('+tls-ca=ca.pem', '+tls-certfile=c.pem', '+tls-keyfile=k.pem')), [
    { option: 'tls-ca', path: 'ca.pem' },
    { option: 'tls-certfile', path: 'c.pem' },
    { option: 'tls-keyfile', path: 'k.pem' },
  ]);
  assert.deepEqual(tlsFilesOf(settingsOf('+tls-ca')), []);
  assert.deepEqual(tlsFilesOf(settingsOf('+tls-ca=ca.pem', '+notcp')), []);
  assert.deepEqual(tlsFilesOf(settingsOf('+http-plain', '+tls-ca=ca.pem')), []);
});

test('bad combinations stop the plan with one line', () => {
  const refused = (argv: string[], message: RegExp) =>
    assert.throws(
      () => plan(...argv),
      (error: unknown) => error instanceof InputError && message.test(error.message),
    );
  refused(['@127.0.0.1', '+tls-certfile=c.pem'], /^\+tls-certfile and \+tls-keyfile go together/);
  refused(['@127.0.0.1', '+tls-keyfile=k.pem'], /go together/);
  refused(['@127.0.0.1', '+tls', '+trace'], /^\+trace does not go over TLS/);
  refused(['@127.0.0.1', '+trace', '+https'], /^\+trace does not go over HTTPS/);
  refused(['@127.0.0.1', '+tls-ca=unread.pem'], /couldn't read \+tls-ca file 'unread\.pem'/);
});
