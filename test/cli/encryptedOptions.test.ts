import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArgs } from '../../src/cli/parseArgs.js';
import type { Options, QuerySettings } from '../../src/cli/types.js';
import { encryptedProtocol } from '../../src/plan/channel.js';

function parsed(argv: string[]): Options {
  const outcome = parseArgs(argv);
  assert.equal(outcome.kind, 'run', JSON.stringify(outcome));
  return (outcome as { options: Options }).options;
}

function settings(...argv: string[]): QuerySettings {
  return parsed([...argv, 'example.test']).queries[0].settings;
}

/** The protocol dig 9.18 uses for these options (checked against dig on a loopback BIND). */
function protocol(...argv: string[]): string {
  const chosen = settings(...argv);
  return encryptedProtocol(chosen) ?? (chosen.tcp ? 'tcp' : 'udp');
}

test('+tls, +https, +http-plain choose their protocol, and TCP mode with it', () => {
  assert.equal(protocol('+tls'), 'tls');
  assert.equal(protocol('+https'), 'https');
  assert.equal(protocol('+https-get'), 'https');
  assert.equal(protocol('+http-plain'), 'http');
  assert.equal(protocol('+http-plain-post'), 'http');
  assert.equal(protocol(), 'udp');
  assert.deepEqual(settings('+tls').encrypted, { tls: true });
  assert.deepEqual(settings('+https').encrypted, {
    tls: false,
    https: { plain: false, method: 'POST', endpoint: '/dns-query' },
  });
  assert.deepEqual(settings('+http-plain-get=/q').encrypted, {
    tls: false,
    https: { plain: true, method: 'GET', endpoint: '/q' },
  });
});

test('combinations as dig 9.18 resolves them', () => {
  // +notcp, before or after, sends over UDP; +tcp changes nothing.
  assert.equal(protocol('+tls', '+notcp'), 'udp');
  assert.equal(protocol('+notcp', '+tls'), 'udp');
  assert.equal(protocol('+tls', '+tcp'), 'tls');
  assert.equal(protocol('+tls', '+ignore'), 'tls');
  // +tls wins over +https in either order; +http-plain keeps its plainness through a later +https.
  assert.equal(protocol('+https', '+tls'), 'tls');
  assert.equal(protocol('+tls', '+https'), 'tls');
  assert.equal(protocol('+http-plain', '+https'), 'http');
  assert.equal(settings('+http-plain-get', '+https').encrypted?.https?.method, 'GET');
  // +notls leaves UDP; +nohttps leaves TCP.
  assert.equal(protocol('+tls', '+notls'), 'udp');
  assert.equal(protocol('+https', '+nohttps'), 'tcp');
  assert.equal(protocol('+https', '+nohttp-plain'), 'tcp');
  // A +tls-* option alone means TLS; with +https it only sets up HTTPS's TLS.
  assert.equal(protocol('+tls-ca'), 'tls');
  assert.equal(protocol('+tls-hostname=dns.example'), 'tls');
  assert.equal(protocol('+https', '+tls-ca=ca.pem'), 'https');
  assert.equal(protocol('+tls', '+notls-ca'), 'udp');
  // An option without a value puts the endpoint back to /dns-query, as dig does.
  assert.equal(settings('+https=/a', '+https').encrypted?.https?.endpoint, '/dns-query');
});

test('the +tls-* options keep what they name', () => {
  assert.deepEqual(settings('+tls-ca').encrypted, { tls: false, ca: true });
  assert.deepEqual(
    settings('+tls', '+tls-ca=/etc/ca.pem', '+tls-hostname=dns.example', '+tls-certfile=c.pem', '+tls-keyfile=k.pem')
      .encrypted,
    {
      tls: true,
      ca: '/etc/ca.pem',
      hostname: 'dns.example',
      certFile: 'c.pem',
      keyFile: 'k.pem',
    },
  );
  assert.deepEqual(settings('+tls-ca=x.pem', '+notls-ca').encrypted, { tls: false });
});

test('options after a name apply to that query only', () => {
  const queries = parsed(['a.example', '+tls', 'b.example']).queries;
  assert.equal(encryptedProtocol(queries[0].settings), 'tls');
  assert.equal(encryptedProtocol(queries[1].settings), undefined);
});

test('-p is remembered as given, so +tls keeps port 853 only without it', () => {
  assert.equal(parsed(['+tls', 'x']).portSet, undefined);
  assert.equal(parsed(['+tls', '-p', '8853', 'x']).portSet, true);
});

test('bad values are one line, before anything is sent', () => {
  const invalid = (argv: string[]) => {
    const outcome = parseArgs(argv);
    assert.equal(outcome.kind, 'invalid');
    return (outcome as { message: string }).message;
  };
  assert.equal(
    invalid(['+https=dns-query', 'x']),
    "invalid +https endpoint 'dns-query' (an absolute path such as /dns-query, without a query)",
  );
  assert.match(invalid(['+https-get=/q?x=1', 'x']), /invalid \+https-get endpoint '\/q\?x=1'/);
  assert.match(invalid(['+http-plain=/a b', 'x']), /invalid \+http-plain endpoint/);
  assert.equal(invalid(['+tls-hostname', 'x']), "query option '+tls-hostname' needs a value (+tls-hostname=NAME)");
  // The name goes out as SNI and is checked against the certificate: a control character or a space is no host name.
  assert.equal(
    invalid(['+tls-hostname=a\x1b[31mb', 'x']),
    "invalid +tls-hostname value 'a\x1b[31mb' (a host name or an IP address)",
  );
  assert.match(invalid(['+tls-hostname=dns example', 'x']), /invalid \+tls-hostname value/);
  assert.match(invalid(['+tls-hostname=x\u202ey', 'x']), /invalid \+tls-hostname value/);
  assert.match(invalid([`+tls-hostname=${'a'.repeat(64)}.test`, 'x']), /invalid \+tls-hostname value/);
  assert.equal(settings('+tls-hostname=dns-1.example.', '+tls').encrypted?.hostname, 'dns-1.example.');
  assert.equal(settings('+tls-hostname=::1', '+tls').encrypted?.hostname, '::1');
  assert.equal(invalid(['+tls-ca=', 'x']), "query option '+tls-ca=' needs a file name");
  assert.equal(invalid(['+notls=1', 'x']), "query option '+notls=1' takes no value");
  assert.match(invalid(['+tls-c=x', 'x']), /ambiguous query option '\+tls-c=x': \+tls-ca, \+tls-certfile/);
});
