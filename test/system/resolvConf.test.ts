import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseResolvConf, readResolvConf, searchCandidates } from '../../src/system/resolvConf.js';

const fixtureDir = fileURLToPath(new URL('../../../test/fixtures/resolv/', import.meta.url));
const fixture = (name: string): string => readFileSync(fixtureDir + name, 'utf8');

test('a typical file: servers, search list, ndots, timeout, attempts', () => {
  assert.deepStrictEqual(parseResolvConf(fixture('typical.conf')), {
    nameservers: ['192.0.2.53', '2001:db8::53'],
    search: ['corp.example', 'lab.example'],
    ndots: 2,
    timeout: 3,
    attempts: 4,
  });
});

test('comments (# and ;, also after a value), domain vs search (last wins), IPv6 %scope, junk ignored', () => {
  assert.deepStrictEqual(parseResolvConf(fixture('comments-and-domain.conf')), {
    nameservers: ['198.51.100.1', 'fe80::1%eth0'],
    search: ['last.example'],
    ndots: 1,
  });
});

test('limits: 3 servers, 8 search domains, ndots/timeout/attempts clamped as glibc does, bad values ignored', () => {
  assert.deepStrictEqual(parseResolvConf(fixture('limits.conf')), {
    nameservers: ['127.0.0.1', '127.0.0.2', '127.0.0.3'],
    search: ['a.example', 'b.example', 'c.example', 'd.example', 'e.example', 'f.example', 'g.example', 'h.example'],
    ndots: 15,
    timeout: 1,
    attempts: 5,
  });
});

test('CRLF line ends and ndots:0', () => {
  assert.deepStrictEqual(parseResolvConf(fixture('crlf.conf')), { nameservers: ['192.0.2.7'], search: [], ndots: 0 });
});

test('an empty file parses to no servers and ndots 1', () => {
  assert.deepStrictEqual(parseResolvConf(fixture('empty.conf')), { nameservers: [], search: [], ndots: 1 });
});

test('readResolvConf reads $TSDIG_RESOLV_CONF', async () => {
  const conf = await readResolvConf({ TSDIG_RESOLV_CONF: `${fixtureDir}typical.conf` });
  assert.deepStrictEqual(conf.nameservers, ['192.0.2.53', '2001:db8::53']);
});

test('a missing file or one without servers falls back to ::1 and 127.0.0.1, as dig does', async () => {
  const missing = await readResolvConf({ TSDIG_RESOLV_CONF: `${fixtureDir}does-not-exist.conf` });
  assert.deepStrictEqual(missing, { nameservers: ['::1', '127.0.0.1'], search: [], ndots: 1 });
  const empty = await readResolvConf({ TSDIG_RESOLV_CONF: `${fixtureDir}empty.conf` });
  assert.deepStrictEqual(empty.nameservers, ['::1', '127.0.0.1']);
});

const conf = { search: ['corp.example', 'lab.example.'], ndots: 2 };

test('search candidates: fewer dots than ndots tries the search list first, then the name itself (dig 9.18)', () => {
  assert.deepStrictEqual(searchCandidates('www', conf, true), ['www.corp.example.', 'www.lab.example.', 'www.']);
  assert.deepStrictEqual(searchCandidates('a.b', conf, true), ['a.b.corp.example.', 'a.b.lab.example.', 'a.b.']);
});

test('search candidates: ndots or more dots, or a trailing dot, is tried as is only', () => {
  assert.deepStrictEqual(searchCandidates('a.b.c', conf, true), ['a.b.c.']);
  assert.deepStrictEqual(searchCandidates('www.', conf, true), ['www.']);
  assert.deepStrictEqual(searchCandidates('www', { search: ['x.example'], ndots: 0 }, true), ['www.']);
});

test('search candidates: disabled search, an empty list, and the root', () => {
  assert.deepStrictEqual(searchCandidates('www', conf, false), ['www.']);
  assert.deepStrictEqual(searchCandidates('www', { search: [], ndots: 1 }, true), ['www.']);
  assert.deepStrictEqual(searchCandidates('', conf, true), ['.']);
  assert.deepStrictEqual(searchCandidates('.', conf, true), ['.']);
});
