/**
 * DNS over TLS and DNS over HTTPS from hostile servers, through the real CLI: bodies too long, empty,
 * endless or not DNS, the wrong ID or question, RST_STREAM and GOAWAY in the middle of a reply,
 * headers and then silence, a bare or zero length prefix, two replies. Each ends in one
 * communications error line and exit 9 (text and a schema-valid --json), within the deadline.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ServerHttp2Stream } from 'node:http2';
import { exampleZone } from '../support/exampleZones.js';
import { startDotServer, tlsFixture, zoneAnswerer } from '../support/secureServers.js';
import {
  dohHeaders,
  RST,
  startHostileDohServer,
  startHostileDotServer,
  type DohScript,
  type DotScript,
  type HostileSecureServer,
} from '../support/hostileSecureServers.js';
import { repoRoot, runBin, type CliRun } from '../support/runCli.js';
import { validateJson, type Schema } from '../support/jsonSchema.js';
import { assertPrintable } from './cli.js';

const schema = JSON.parse(readFileSync(join(repoRoot(), 'schema', 'tsdig.schema.json'), 'utf8')) as Schema;
const answer = zoneAnswerer([exampleZone()]);

/** The zone's true reply to `query`: a well-formed answer the scripts then spoil. */
function trueReply(query: Uint8Array): Buffer {
  return Buffer.from(answer(query)!);
}

/** `reply` with its ID replaced. */
function withId(reply: Buffer, id: number): Buffer {
  const out = Buffer.from(reply);
  out.writeUInt16BE(id, 0);
  return out;
}

/** The reply to `query` asked about another name (a valid reply to another question). */
function otherQuestionReply(query: Uint8Array): Buffer {
  const other = Buffer.from(query);
  // www.example.test -> wwx.example.test: same length, another name.
  other[15] = 'x'.charCodeAt(0);
  return trueReply(other);
}

/** A 16-bit length prefix. */
function prefix(length: number): Buffer {
  const out = Buffer.alloc(2);
  out.writeUInt16BE(length);
  return out;
}

/** Runs tsdig against `server` and checks what every hostile run must hold: no stack trace, printable, not killed. */
async function runAt(server: HostileSecureServer, transport: string, extra: string[] = []): Promise<CliRun> {
  const run = await runBin(
    ['@127.0.0.1', '-p', String(server.port), transport, '+timeout=2', 'www.example.test', ...extra],
    { timeoutMs: 15_000 },
  );
  assert.equal(run.timedOut, false, 'the run had to be killed: it hung');
  assert.doesNotMatch(run.stderr, /^\s+at /m, 'a stack trace');
  assertPrintable(run.stdout, 'stdout');
  assertPrintable(run.stderr, 'stderr');
  return run;
}

/** Text and --json runs against a fresh server with `script`; both must fail with a communications error matching `reason`. */
async function expectCommError(
  start: () => Promise<HostileSecureServer>,
  transport: string,
  reason: RegExp,
): Promise<void> {
  const server = await start();
  try {
    const text = await runAt(server, transport);
    assert.equal(text.code, 9, text.stdout + text.stderr);
    const line = text.stdout
      .split('\n')
      .find((l) => l.startsWith(`;; communications error to 127.0.0.1#${server.port}: `));
    assert.ok(line, `no communications error line in:\n${text.stdout}`);
    assert.match(line.slice(line.indexOf(': ') + 2), reason);
    assert.match(text.stdout, /^;; no servers could be reached$/m);
    assert.doesNotMatch(text.stdout, /ANSWER SECTION/);
    assert.equal(text.stderr, '');

    const json = await runAt(server, transport, ['--json']);
    assert.equal(json.code, 9);
    assert.match(json.stdout, /^[\x20-\x7e\n]*$/);
    const doc = JSON.parse(json.stdout) as { status: string; error: { code: string; message: string } };
    assert.deepEqual(validateJson(doc, schema), []);
    assert.equal(doc.status, 'ERROR');
    assert.match(doc.error.code, /^transport\./);
  } finally {
    await server.close();
  }
}

const doh =
  (script: DohScript, secure = false) =>
  () =>
    startHostileDohServer(secure, script);
const dot = (script: DotScript) => () => startHostileDotServer(script);

/** Sends headers and part of the true reply, then `after` does something to the stream. */
function halfReply(after: (stream: ServerHttp2Stream) => void): DohScript {
  return (stream, query) => {
    const reply = trueReply(query);
    stream.respond(dohHeaders(reply.length));
    stream.write(reply.subarray(0, 10), () => after(stream));
  };
}

describe('DNS over HTTPS from hostile servers', { concurrency: true }, () => {
  test('a body longer than any DNS message', () =>
    expectCommError(
      doh((stream) => {
        stream.respond(dohHeaders());
        stream.end(Buffer.alloc(70_000, 0x41));
      }),
      '+http-plain',
      /^reply body longer than 65535 bytes$/,
    ));

  test('a body that never ends: the deadline ends it', () =>
    expectCommError(
      doh((stream) => {
        stream.respond(dohHeaders());
        stream.write(Buffer.alloc(100, 0));
      }),
      '+http-plain',
      /^timed out$/,
    ));

  test('status 200 with an empty body, over HTTPS', () =>
    expectCommError(
      doh((stream) => {
        stream.respond(dohHeaders(0));
        stream.end();
      }, true),
      '+https',
      /^reply with an empty body$/,
    ));

  test('a body that is not DNS', () =>
    expectCommError(
      doh((stream) => {
        stream.respond(dohHeaders());
        stream.end('<html>\x1b]0;owned\x07</html>');
      }),
      '+http-plain',
      /^ID mismatch: expected ID 0, got 15464$/,
    ));

  test('a body too short for a DNS header', () =>
    expectCommError(
      doh((stream) => {
        stream.respond(dohHeaders());
        stream.end('\x1b[2J');
      }),
      '+http-plain',
      /^reply of 4 bytes is shorter than a DNS header$/,
    ));

  test('a reply with another message ID (DoH asks with ID 0)', () =>
    expectCommError(
      doh((stream, query) => {
        stream.respond(dohHeaders());
        stream.end(withId(trueReply(query), 0x1234));
      }, true),
      '+https-get',
      /^ID mismatch: expected ID 0, got 4660$/,
    ));

  test('a reply for another question', () =>
    expectCommError(
      doh((stream, query) => {
        stream.respond(dohHeaders());
        stream.end(otherQuestionReply(query));
      }),
      '+http-plain',
      /^Question section mismatch: got wwx\.example\.test\.\/A\/IN$/,
    ));

  test('RST_STREAM (INTERNAL_ERROR) in the middle of the body', () =>
    expectCommError(
      doh(
        halfReply((stream) => stream.destroy(new Error('reset'))),
        true,
      ),
      '+https',
      /^HTTP\/2 stream failed: Stream closed with error code NGHTTP2_INTERNAL_ERROR$/,
    ));

  test('the whole reply, then RST_STREAM (NO_ERROR) before the body of the declared length ended: incomplete, not an answer', () =>
    expectCommError(
      doh((stream, query) => {
        const reply = trueReply(query);
        stream.respond(dohHeaders(reply.length + 40));
        stream.write(reply, () => stream.destroy());
      }),
      '+http-plain',
      /^reply body of \d+ bytes, but its content-length said \d+$/,
    ));

  test('END_STREAM before the declared content-length', () =>
    expectCommError(
      doh((stream, query) => {
        const reply = trueReply(query);
        stream.respond(dohHeaders(reply.length + 20));
        stream.end(reply.subarray(0, 8));
      }),
      '+http-plain',
      /^HTTP\/2 stream failed: Stream closed with error code NGHTTP2_PROTOCOL_ERROR$/,
    ));

  test('a content-length beyond any DNS message, before any of the body', () =>
    expectCommError(
      doh((stream) => stream.respond(dohHeaders(1_000_000))),
      '+http-plain',
      /^reply body longer than 65535 bytes$/,
    ));

  test('GOAWAY in the middle of the body, then the connection closes', () =>
    expectCommError(
      doh(
        halfReply((stream) => {
          stream.session!.goaway(RST.internal);
          stream.session!.destroy();
        }),
      ),
      '+http-plain',
      /^HTTP\/2 stream failed: Session closed with error code 2$/,
    ));

  test('headers, then silence past +timeout', () =>
    expectCommError(
      doh((stream) => stream.respond(dohHeaders(60)), true),
      '+https',
      /^timed out$/,
    ));
});

describe('DNS over TLS from hostile servers', { concurrency: true }, () => {
  test('a length prefix, then the connection closes', () =>
    expectCommError(
      dot((socket) => socket.end(prefix(80))),
      '+tls',
      /^connection closed after 0 of 80 bytes of the reply$/,
    ));

  test('a length prefix of 0', () =>
    expectCommError(
      dot((socket) => socket.write(prefix(0))),
      '+tls',
      /^reply of 0 bytes is shorter than a DNS header$/,
    ));

  test('a reply for another question', () =>
    expectCommError(
      dot((socket, query) => {
        const reply = otherQuestionReply(query);
        socket.write(Buffer.concat([prefix(reply.length), reply]));
      }),
      '+tls',
      /^Question section mismatch: got wwx\.example\.test\.\/A\/IN$/,
    ));

  test('a reply with the wrong ID first, then the right one: over a stream the first fails it', () =>
    expectCommError(
      dot((socket, query) => {
        const reply = trueReply(query);
        const wrong = withId(reply, reply.readUInt16BE(0) ^ 0xffff);
        socket.write(Buffer.concat([prefix(wrong.length), wrong, prefix(reply.length), reply]));
      }),
      '+tls',
      /^ID mismatch: /,
    ));

  test('headers of a reply, then silence past +timeout', () =>
    expectCommError(
      dot((socket, query) =>
        socket.write(Buffer.concat([prefix(trueReply(query).length), trueReply(query).subarray(0, 12)])),
      ),
      '+tls',
      /^timed out$/,
    ));

  test('two replies in one write: the first is the answer, the second is never read as one', async () => {
    const server = await startHostileDotServer((socket, query) => {
      const reply = trueReply(query);
      const second = Buffer.from(reply);
      // The second claims another address for the name.
      second[second.length - 1] = 99;
      socket.write(Buffer.concat([prefix(reply.length), reply, prefix(second.length), second]));
    });
    try {
      const run = await runAt(server, '+tls', ['+short']);
      assert.equal(run.code, 0, run.stdout + run.stderr);
      assert.equal(run.stdout, '192.0.2.10\n');
    } finally {
      await server.close();
    }
  });
});

describe('a TLS name with control characters', () => {
  test('+tls-hostname holding ESC, BEL and U+202E: one escaped line, exit 1, no connection made', async () => {
    const server = await startDotServer({ answer });
    try {
      const run = await runBin([
        '@127.0.0.1',
        '-p',
        String(server.port),
        '+tls',
        `+tls-ca=${tlsFixture('ca.pem')}`,
        '+tls-hostname=a\x1b]0;x\x07\u202eb',
        'www.example.test',
      ]);
      assert.equal(run.code, 1, run.stdout + run.stderr);
      assert.equal(run.stdout, '');
      assert.equal(
        run.stderr,
        "tsdig: invalid +tls-hostname value 'a\\027]0;x\\007\\u{202E}b' (a host name or an IP address)\n",
      );
      assert.deepEqual(server.connections, []);
      assert.deepEqual(server.queries, []);
    } finally {
      await server.close();
    }
  });
});
