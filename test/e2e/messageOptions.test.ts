/**
 * dig's header, EDNS and display options through the real CLI against in-process servers on
 * loopback: the bytes that arrive, the reply still matched, and what is printed.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startZoneServer, type ZoneServer } from '../support/zoneServer.js';
import { exampleZone } from '../support/exampleZones.js';
import { runMain } from '../support/runCli.js';

const KEY = Buffer.from(
  'awb8avOgrPIUbjJstKk+2Esmo0EhSwR3Yv8oMu2SpQjG7j8oD3GMUzgJVgVT3fbRbcO4+Jk/ZKp0oYrBeYFbhg==',
  'base64',
);
const zone = exampleZone([
  { name: 'example.test.', type: 'DNSKEY', ttl: 300, data: { flags: 257, algorithm: 13, key: KEY } },
  {
    name: 'example.test.',
    type: 'DS',
    ttl: 300,
    data: { keyTag: 60432, algorithm: 13, digestType: 2, digest: Buffer.alloc(32, 0xab) },
  },
]);

let server: ZoneServer;
let echo: ZoneServer;
/** Every query the servers received, raw. */
const received: Uint8Array[] = [];

before(async () => {
  server = await startZoneServer({
    address: '127.0.0.1',
    zones: [zone],
    respond: (query) => void received.push(query.raw),
  });
  // Sends each query back with QR set, as a capture server for dig does.
  echo = await startZoneServer({
    address: '127.0.0.1',
    zones: [],
    respond: (query) => {
      received.push(query.raw);
      const reply = Uint8Array.from(query.raw);
      reply[2] |= 0x80;
      return reply;
    },
  });
});
after(async () => {
  await Promise.all([server, echo].map((s) => s?.close()));
});

async function tsdig(target: ZoneServer, args: string[]): Promise<{ code: number; stdout: string; query: Uint8Array }> {
  const before = received.length;
  const run = await runMain([`@${target.address}`, '-p', String(target.port), ...args]);
  assert.equal(received.length, before + 1, `one query for ${args.join(' ')}: ${run.stderr}`);
  return { code: run.code ?? -1, stdout: run.stdout, query: received[before] };
}

test('+qid +aaflag +raflag +tcflag +zflag: the header as sent, and the reply with that ID accepted', async () => {
  const run = await tsdig(server, [
    'www.example.test',
    '+qid=4660',
    '+aaflag',
    '+raflag',
    '+tcflag',
    '+zflag',
    '+noall',
    '+comments',
    '+answer',
  ]);
  assert.equal(run.code, 0);
  assert.equal(Buffer.from(run.query.subarray(0, 4)).toString('hex'), '123407e0');
  assert.match(run.stdout, /status: NOERROR, id: 4660\n/);
  assert.match(run.stdout, /^www\.example\.test\.\t300\tIN\tA\t192\.0\.2\.10$/m);
});

test("+opcode=notify: sent as opcode 4; the server's NOTIMP reply has it too, and is shown", async () => {
  const run = await tsdig(server, ['www.example.test', '+opcode=notify', '+noall', '+comments']);
  assert.equal(run.code, 0);
  assert.equal((run.query[2] >> 3) & 0xf, 4);
  assert.match(run.stdout, /opcode: NOTIFY, status: NOTIMP/);
});

test('+header-only: no question goes out; the reply (FORMERR from a server that wants one) is still taken', async () => {
  const run = await tsdig(server, ['www.example.test', '+header-only', '+qr', '+nocookie', '+qid=7']);
  assert.equal(run.code, 0);
  assert.deepEqual(Buffer.from(run.query).toString('hex'), '0007012000000000000000010000290' + '4d0000000000000');
  assert.match(
    run.stdout,
    /;; Sending:\n;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 7\n;; flags: rd ad; QUERY: 0,/,
  );
  assert.match(run.stdout, /;; QUESTION SECTION:\n\n;; QUERY SIZE: 23\n/);
  assert.match(run.stdout, /;; Got answer:\n;; ->>HEADER<<- opcode: QUERY, status: FORMERR, id: 7\n/);
});

test('+padding +expire +keepalive +ednsopt +ednsflags +coflag: the OPT record as sent, echoed back and shown', async () => {
  const run = await tsdig(echo, [
    'x.',
    '+nocookie',
    '+padding=128',
    '+expire',
    '+keepalive',
    '+ednsopt=65001:abcd',
    '+ednsflags=1',
    '+coflag',
  ]);
  assert.equal(run.code, 0);
  assert.equal(run.query.length, 128);
  const opt = Buffer.from(run.query.subarray(19)).toString('hex');
  assert.ok(opt.startsWith('00002904d000004001' + '0062' + '00090000' + '000b0000' + 'fde90002abcd' + '000c0050'), opt);
  assert.match(
    run.stdout,
    /; EDNS: version: 0, flags: co; MBZ: 0x0001, udp: 1232\n; EXPIRE:\n; TCP KEEPALIVE:\n; OPT=65001: ab cd \("\.\."\)\n; PAD: \(80 bytes\)\n/,
  );
});

test('+noedns: +expire, +keepalive and +ednsopt are not sent; +padding turns EDNS back on', async () => {
  const bare = await tsdig(echo, ['x.', '+noedns', '+expire', '+keepalive', '+ednsopt=5']);
  assert.equal(bare.query.length, 19);
  const padded = await tsdig(echo, ['x.', '+noedns', '+padding=64']);
  assert.equal(padded.query.length, 64);
});

test('+nocrypto, +unknownformat and +expandaaaa change the records printed, +short included', async () => {
  const keys = await tsdig(server, ['example.test', 'DNSKEY', '+nocrypto', '+short']);
  assert.equal(keys.stdout, '257 3 13 [key id = 60432]\n');
  const ds = await tsdig(server, ['example.test', 'DS', '+nocrypto', '+noall', '+answer']);
  assert.equal(ds.stdout, 'example.test.\t\t300\tIN\tDS\t60432 13 2 [omitted]\n');
  const aaaa = await tsdig(server, ['www.example.test', 'AAAA', '+expandaaaa', '+short']);
  assert.equal(aaaa.stdout, '2001:0db8:0000:0000:0000:0000:0000:0010\n');
  const unknown = await tsdig(server, ['www.example.test', 'A', '+unknownformat', '+noall', '+answer', '+question']);
  assert.equal(
    unknown.stdout,
    ';www.example.test.\t\tCLASS1\tTYPE1\nwww.example.test.\t300\tCLASS1\tTYPE1\t\\# 4 C000020A\n',
  );
});

test('+domain=NAME searches that domain, with @server and no resolv.conf search list', async () => {
  const run = await tsdig(server, ['www', '+domain=example.test', '+short']);
  assert.equal(run.code, 0);
  assert.equal(run.stdout, '192.0.2.10\n');
});
