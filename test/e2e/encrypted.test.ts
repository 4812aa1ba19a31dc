import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { repoRoot, runBin, runEnv, runMain } from '../support/runCli.js';
import { exampleZone } from '../support/exampleZones.js';
import { choosePort } from '../support/ports.js';
import { startZoneServer, type ZoneServer } from '../support/zoneServer.js';
import { validateJson, type Schema } from '../support/jsonSchema.js';
import {
  startDohServer,
  startDotServer,
  tlsFixture,
  zoneAnswerer,
  type SecureServer,
} from '../support/secureServers.js';

const answer = zoneAnswerer([exampleZone()]);
let dot: SecureServer;
let doh: SecureServer;
let plainDoh: SecureServer;
let udp: ZoneServer;

before(async () => {
  [dot, doh, plainDoh, udp] = await Promise.all([
    startDotServer({ answer, requestCert: true }),
    startDohServer({ answer, secure: true }),
    startDohServer({ answer, secure: false }),
    startZoneServer({ address: '127.0.0.1', zones: [exampleZone()] }),
  ]);
});
after(async () => {
  await Promise.all([dot, doh, plainDoh, udp].map((server) => server?.close()));
});

const serverLine = (stdout: string) => stdout.split('\n').find((line) => line.startsWith(';; SERVER:'));
const answers = (stdout: string) => stdout.split('\n').filter((line) => line && !line.startsWith(';'));

test("tsdig +tls: the answer, and dig's SERVER line with (TLS)", async () => {
  const run = await runBin(['@127.0.0.1', '-p', String(dot.port), '+tls', 'www.example.test']);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stderr, '');
  assert.deepEqual(answers(run.stdout), ['www.example.test.\t300\tIN\tA\t192.0.2.10']);
  assert.equal(serverLine(run.stdout), `;; SERVER: 127.0.0.1#${dot.port}(127.0.0.1) (TLS)`);
});

test('tsdig +https and +https-get: POST and GET to /dns-query with message ID 0, (HTTPS) and (HTTPS-GET)', async () => {
  const before = doh.requests.length;
  const post = await runMain(['@127.0.0.1', '-p', String(doh.port), '+https', 'www.example.test']);
  const get = await runMain(['@127.0.0.1', '-p', String(doh.port), '+https-get', 'www.example.test', 'AAAA']);
  assert.equal(post.code, 0, post.stderr);
  assert.equal(get.code, 0, get.stderr);
  assert.equal(serverLine(post.stdout), `;; SERVER: 127.0.0.1#${doh.port}(127.0.0.1) (HTTPS)`);
  assert.equal(serverLine(get.stdout), `;; SERVER: 127.0.0.1#${doh.port}(127.0.0.1) (HTTPS-GET)`);
  assert.deepEqual(answers(get.stdout), ['www.example.test.\t300\tIN\tAAAA\t2001:db8::10']);
  assert.match(post.stdout, /->>HEADER<<- opcode: QUERY, status: NOERROR, id: 0$/m);
  const seen = doh.requests.slice(before);
  assert.deepEqual(
    seen.map((request) => [
      request.method,
      request.path.split('?')[0],
      request.contentType ?? null,
      (request.query[0] << 8) | request.query[1],
    ]),
    [
      ['POST', '/dns-query', 'application/dns-message', 0],
      ['GET', '/dns-query', null, 0],
    ],
  );
});

test('tsdig +http-plain=PATH: DoH without TLS, (HTTP); a path the server lacks is an HTTP status error, exit 9', async () => {
  const ok = await runMain(['@127.0.0.1', '-p', String(plainDoh.port), '+http-plain', 'www.example.test', '+short']);
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(ok.stdout, '192.0.2.10\n');
  const missing = await runMain(['@127.0.0.1', '-p', String(plainDoh.port), '+http-plain=/other', 'www.example.test']);
  assert.equal(missing.code, 9);
  assert.match(
    missing.stdout + missing.stderr,
    new RegExp(
      `;; communications error to 127\\.0\\.0\\.1#${plainDoh.port}: HTTP status 404 from the server \\(expected 200\\)`,
    ),
  );
  assert.match(missing.stdout, /;; no servers could be reached/);
  assert.equal(plainDoh.requests.at(-1)?.path, '/other');
});

test('--json names the protocol, and the method for DoH', async () => {
  const tls = JSON.parse(
    (await runMain(['@127.0.0.1', '-p', String(dot.port), '+tls', 'www.example.test', '--json'])).stdout,
  );
  const get = JSON.parse(
    (await runMain(['@127.0.0.1', '-p', String(doh.port), '+https-get', 'www.example.test', '--json'])).stdout,
  );
  assert.deepEqual(tls.query.server, { address: '127.0.0.1', port: dot.port, protocol: 'tls', name: '127.0.0.1' });
  assert.deepEqual(get.query.server, {
    address: '127.0.0.1',
    port: doh.port,
    protocol: 'https',
    method: 'GET',
    name: '127.0.0.1',
  });
  assert.equal(get.message.ID, 0);
  const schema = JSON.parse(readFileSync(join(repoRoot(), 'schema', 'tsdig.schema.json'), 'utf8')) as Schema;
  assert.deepEqual(validateJson(tls, schema), []);
  assert.deepEqual(validateJson(get, schema), []);
  // A failed DoH lookup still says how it was to travel.
  const failed = JSON.parse(
    (await runMain(['@127.0.0.1', '-p', String(plainDoh.port), '+http-plain-get=/none', 'www.example.test', '--json']))
      .stdout,
  );
  assert.deepEqual(failed.query.server, {
    address: '127.0.0.1',
    port: plainDoh.port,
    protocol: 'http',
    method: 'GET',
    name: '127.0.0.1',
  });
  assert.equal(failed.error.code, 'transport.http');
  assert.deepEqual(validateJson(failed, schema), []);
});

test('+nssearch --json says the resolver was asked over TLS or HTTPS, and the name servers over TCP', async () => {
  const schema = JSON.parse(readFileSync(join(repoRoot(), 'schema', 'tsdig.schema.json'), 'utf8')) as Schema;
  const nssearch = async (args: string[]) => {
    const run = await runMain(['+nssearch', '+timeout=1', '+tries=1', ...args, 'example.test', '--json']);
    const doc = JSON.parse(run.stdout);
    assert.deepEqual(validateJson(doc, schema), []);
    return doc;
  };
  // The NS set comes over TLS; ns1 (127.0.0.1) is then asked on the same port over plain TCP, which a DoT server does not speak.
  const tls = await nssearch(['@127.0.0.1', '-p', String(dot.port), '+tls']);
  assert.deepEqual(tls.query.server, { address: '127.0.0.1', port: dot.port, protocol: 'tls', name: '127.0.0.1' });
  assert.deepEqual(tls.servers[0].server, {
    address: '127.0.0.1',
    port: dot.port,
    protocol: 'tcp',
    name: 'ns1.example.test.',
  });
  // A resolver that never answered: the document still says how it was to be asked.
  const closed = String(await choosePort(['127.0.0.1']));
  const failedTls = await nssearch(['@127.0.0.1', '-p', closed, '+tls']);
  assert.equal(failedTls.status, 'ERROR');
  assert.deepEqual(failedTls.query.server, {
    address: '127.0.0.1',
    port: Number(closed),
    protocol: 'tls',
    name: '127.0.0.1',
  });
  const failedHttps = await nssearch(['@127.0.0.1', '-p', closed, '+https']);
  assert.deepEqual(failedHttps.query.server, {
    address: '127.0.0.1',
    port: Number(closed),
    protocol: 'https',
    method: 'POST',
    name: '127.0.0.1',
  });
});

test('+tls-ca=FILE verifies: the fixture CA passes, another CA fails with a communications error and exit 9', async () => {
  const good = await runMain([
    '@127.0.0.1',
    '-p',
    String(dot.port),
    `+tls-ca=${tlsFixture('ca.pem')}`,
    'www.example.test',
    '+short',
  ]);
  assert.equal(good.code, 0, good.stderr);
  assert.equal(good.stdout, '192.0.2.10\n');
  const bad = await runMain([
    '@127.0.0.1',
    '-p',
    String(dot.port),
    `+tls-ca=${tlsFixture('other-ca.pem')}`,
    'www.example.test',
  ]);
  assert.equal(bad.code, 9);
  assert.match(
    bad.stdout + bad.stderr,
    /;; communications error to 127\.0\.0\.1#\d+: TLS peer certificate verification failed: unknown CA/,
  );
});

test('@host name: verified as that name and sent as SNI; a client certificate reaches the server', async () => {
  const count = dot.connections.length;
  const run = await runMain(
    [
      '@localhost',
      '-p',
      String(dot.port),
      `+tls-ca=${tlsFixture('ca.pem')}`,
      `+tls-certfile=${tlsFixture('client.pem')}`,
      `+tls-keyfile=${tlsFixture('client.key')}`,
      'www.example.test',
      '+short',
    ],
    { io: { resolveHost: async () => ['127.0.0.1'] } },
  );
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(dot.connections.slice(count), [{ sni: 'localhost', alpn: 'dot', clientCertificate: 'client' }]);
});

test('bad TLS input is one line on stderr, exit 1, and nothing is sent', async () => {
  const connections = dot.connections.length;
  const cases: [string[], RegExp][] = [
    [['+tls-ca=/nonexistent/ca.pem'], /^tsdig: couldn't read \+tls-ca file '\/nonexistent\/ca\.pem': ENOENT\n$/],
    [[`+tls-ca=${tlsFixture('ca.key')}`], /^tsdig: \+tls-ca file '.*ca\.key' holds no PEM certificate\n$/],
    [
      [`+tls-certfile=${tlsFixture('client.pem')}`, `+tls-keyfile=${tlsFixture('client.pem')}`],
      /^tsdig: \+tls-keyfile file '.*client\.pem' holds no PEM private key\n$/,
    ],
    [
      [`+tls-certfile=${tlsFixture('client.pem')}`, `+tls-keyfile=${tlsFixture('server.key')}`],
      /^tsdig: \+tls-keyfile '.*server\.key' does not go with \+tls-certfile '.*client\.pem': key values mismatch\n$/,
    ],
    [
      [`+tls-certfile=${tlsFixture('client.pem')}`],
      /^tsdig: \+tls-certfile and \+tls-keyfile go together: give both, or neither\n$/,
    ],
    [['+https=dns-query'], /^tsdig: invalid \+https endpoint 'dns-query'/],
    [['+tls', '+trace'], /^tsdig: \+trace does not go over TLS/],
  ];
  for (const [options, message] of cases) {
    const run = await runMain(['@127.0.0.1', '-p', String(dot.port), '+tls', ...options, 'www.example.test']);
    assert.equal(run.code, 1, options.join(' '));
    assert.match(run.stderr, message);
    assert.equal(run.stdout, '');
  }
  assert.equal(dot.connections.length, connections);
});

/** Runs bin/tsdig with a preload that reports, at exit, which built-in modules a plain query has no use for were loaded. */
function loadedModules(args: string[]): Promise<string[]> {
  const preload = join(mkdtempSync(join(tmpdir(), 'tsdig-modules-')), 'report.cjs');
  writeFileSync(
    preload,
    "process.on('exit', () => require('node:fs').writeSync(2, '\\nMODULES ' + JSON.stringify(process.moduleLoadList.filter((m) => /^NativeModule (tls|http2|crypto|dns|fs\\/promises|perf_hooks|module)$/.test(m))) + '\\n'));\n",
  );
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', preload, join(repoRoot(), 'bin', 'tsdig'), ...args], {
      env: runEnv(),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', () => {
      const line = stderr.split('\n').find((text) => text.startsWith('MODULES '));
      if (!line) return reject(new Error(`no module report: ${stderr}`));
      resolve(JSON.parse(line.slice('MODULES '.length)) as string[]);
    });
  });
}

test('a plain UDP query loads none of node:tls, http2, crypto, dns, fs/promises, perf_hooks, module; +tls and +https load what they use', async () => {
  assert.deepEqual(await loadedModules(['@127.0.0.1', '-p', String(udp.port), 'www.example.test']), []);
  assert.deepEqual(await loadedModules(['@127.0.0.1', '-p', String(dot.port), '+tls', 'www.example.test']), [
    'NativeModule crypto',
    'NativeModule tls',
  ]);
  assert.deepEqual((await loadedModules(['@127.0.0.1', '-p', String(doh.port), '+https', 'www.example.test'])).sort(), [
    'NativeModule crypto',
    'NativeModule http2',
    'NativeModule tls',
  ]);
});
