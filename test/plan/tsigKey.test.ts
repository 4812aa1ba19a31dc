import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTsigFile, parseTsigText } from '../../src/plan/tsigKey.js';

const secret = 'c2VjcmV0LXNlY3JldA==';

test('-y: [hmac:]name:secret, hmac-md5 when no algorithm is named (dig 9.18)', () => {
  assert.deepEqual(parseTsigText(`hmac-sha256:xfr-key:${secret}`), {
    name: 'xfr-key.',
    algorithm: 'hmac-sha256',
    secret: Uint8Array.from(Buffer.from(secret, 'base64')),
  });
  assert.equal(parseTsigText(`xfr-key:${secret}`).algorithm, 'hmac-md5');
  assert.equal(parseTsigText(`HMAC-SHA512:k.example.:${secret}`).name, 'k.example.');
});

test('-y: bad forms, algorithms and secrets are input errors naming the problem', () => {
  assert.throws(() => parseTsigText('justaname'), /-y needs \[hmac:\]name:secret/);
  assert.throws(
    () => parseTsigText(`hmac-foo:k:${secret}`),
    /unknown TSIG algorithm 'hmac-foo' for -y \(hmac-md5, hmac-sha1, hmac-sha224, hmac-sha256, hmac-sha384, hmac-sha512\)/,
  );
  assert.throws(() => parseTsigText('hmac-sha256:k:!!!'), /TSIG secret for -y is not base64/);
  assert.throws(() => parseTsigText('hmac-sha256:k:abc'), /not base64/);
  assert.throws(() => parseTsigText(`a:b:c:${secret}`), /-y needs/);
});

test('-k: the key statement tsig-keygen writes, comments allowed', () => {
  const file = `# made by tsig-keygen\nkey "xfr-key" {\n\talgorithm hmac-sha384;\n\tsecret "${secret}";\n};\n`;
  assert.deepEqual(parseTsigFile(file, 'k.conf'), {
    name: 'xfr-key.',
    algorithm: 'hmac-sha384',
    secret: Uint8Array.from(Buffer.from(secret, 'base64')),
  });
  assert.throws(() => parseTsigFile('options { };', 'k.conf'), /no key statement in key file 'k.conf'/);
  assert.throws(
    () => parseTsigFile('key "k" { algorithm hmac-sha256; };', 'k.conf'),
    /needs an algorithm and a secret/,
  );
  assert.throws(
    () => parseTsigFile(`key "k" { algorithm hmac-sha3; secret "${secret}"; };`, 'k.conf'),
    /unknown TSIG algorithm 'hmac-sha3' in key file 'k.conf'/,
  );
});

test('-k: a K<name>.+NNN+NNNNN.private file names the key and its HMAC algorithm', () => {
  const text = `Private-key-format: v1.3\nAlgorithm: 163 (HMAC_SHA256)\nKey: ${secret}\nBits: AAA=\n`;
  assert.deepEqual(parseTsigFile(text, '/keys/Kxfr-key.+163+01234.private'), {
    name: 'xfr-key.',
    algorithm: 'hmac-sha256',
    secret: Uint8Array.from(Buffer.from(secret, 'base64')),
  });
  assert.throws(
    () => parseTsigFile(text.replace('163 (HMAC_SHA256)', '13 (ECDSAP256SHA256)'), '/keys/Kz.+013+01234.private'),
    /not an HMAC algorithm/,
  );
});
