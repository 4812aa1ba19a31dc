// Expected texts were checked against dig 9.18 querying named 9.18 on loopback.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rdataFields, rdataText } from '../../src/render/rdata/present.js';
import { decodeRdata } from '../../src/wire/rdata/rdata.js';
import { WireError } from '../../src/wire/reader.js';
import { nameToWire } from '../../src/wire/name.js';
import { hex } from '../wire/hex.js';

const name = (n: string) => Buffer.from(nameToWire(n)).toString('hex');
const str = (s: string) => Buffer.concat([Buffer.from([Buffer.byteLength(s)]), Buffer.from(s)]).toString('hex');
const b64 = (s: string) => Buffer.from(s, 'base64').toString('hex');
/** The one-line text and JSON fields of an RDATA, decoded then presented. */
function presentRdata(type: number, klass: number, rdata: Uint8Array) {
  const value = decodeRdata(type, klass, rdata);
  return { data: rdataText(value), fields: rdataFields(value) };
}
const show = (type: number, data: string, klass = 1) => presentRdata(type, klass, hex(data)).data;

test('addresses: A and AAAA in glibc inet_ntop style', () => {
  assert.equal(show(1, 'c0000201'), '192.0.2.1');
  const cases: Array<[string, string]> = [
    ['20010db8000000000000000000000001', '2001:db8::1'],
    ['00000000000000000000ffff01020304', '::ffff:1.2.3.4'],
    ['00000000000000000000000001020304', '::1.2.3.4'],
    ['00000000000000000000000000000001', '::1'],
    ['00000000000000000000000000000000', '::'],
    ['20010db8000000010000000000010000', '2001:db8:0:1::1:0'],
    ['00010000000000020000000000000003', '1:0:0:2::3'],
    ['20010db8000100020003000400050000', '2001:db8:1:2:3:4:5:0'],
  ];
  for (const [data, text] of cases) assert.equal(show(28, data), text);
});

test('name types, MX, SOA, SRV, NAPTR, RP, AFSDB, KX, MINFO', () => {
  assert.equal(show(5, name('a.example.')), 'a.example.');
  assert.equal(show(39, name('example.net.')), 'example.net.');
  assert.equal(show(15, `000a${name('mail.example.')}`), '10 mail.example.');
  assert.equal(
    show(6, `${name('ns1.example.') + name('hostmaster.example.')}78a3f175 00001c20 00000e10 00127500 00000e10`),
    'ns1.example. hostmaster.example. 2024010101 7200 3600 1209600 3600',
  );
  assert.equal(show(33, `0000 0005 13c4${name('sip.example.')}`), '0 5 5060 sip.example.');
  assert.equal(
    show(35, `0064 000a${str('S')}${str('SIP+D2U')}${str('')}${name('_sip._udp.example.')}`),
    '100 10 "S" "SIP+D2U" "" _sip._udp.example.',
  );
  assert.equal(show(17, name('mbox.example.') + name('txt.example.')), 'mbox.example. txt.example.');
  assert.equal(show(18, `0001${name('afs.example.')}`), '1 afs.example.');
  assert.equal(show(36, `000a${name('kx.example.')}`), '10 kx.example.');
  assert.equal(show(14, name('rmail.example.') + name('email.example.')), 'rmail.example. email.example.');
});

test('TXT, SPF, HINFO, CAA, URI escape like dig', () => {
  assert.equal(
    show(16, `${str('hello world') + str('quote"back\\slash')}05 001f7f80ff00`),
    '"hello world" "quote\\"back\\\\slash" "\\000\\031\\127\\128\\255" ""',
  );
  assert.equal(show(99, str('v=spf1 -all')), '"v=spf1 -all"');
  assert.equal(show(13, str('PC') + str('Linux 6')), '"PC" "Linux 6"');
  assert.equal(show(257, `00 05${Buffer.from('issueletsencrypt.org').toString('hex')}`), '0 issue "letsencrypt.org"');
  assert.equal(show(257, `80 03${Buffer.from('tbsa"b\\c\n').toString('hex')}`), '128 tbs "a\\"b\\\\c\\010"');
  assert.equal(
    show(256, `000a 0001${Buffer.from('https://example.com/path').toString('hex')}`),
    '10 1 "https://example.com/path"',
  );
});

test("a TXT holding all 256 byte values has dig's exact escaped text", () => {
  const all = Uint8Array.from({ length: 256 }, (_, i) => i);
  const rdata = Buffer.concat([Buffer.from([255]), all.subarray(0, 255), Buffer.from([1]), all.subarray(255)]);
  const dec = (from: number, to: number) =>
    Array.from({ length: to - from + 1 }, (_, i) => `\\${String(from + i).padStart(3, '0')}`).join('');
  const printable =
    ' !\\"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\\\]^_`abcdefghijklmnopqrstuvwxyz{|}~';
  const expected = `"${dec(0, 31)}${printable}${dec(127, 254)}" "\\255"`;
  const shown = presentRdata(16, 1, rdata);
  assert.equal(shown.data, expected);
  assert.ok(!/[\x00-\x1f\x7f-\uffff]/.test(shown.data));
});

test('DNSSEC types: DS, DNSKEY, RRSIG, NSEC, NSEC3, NSEC3PARAM, CDS, CDNSKEY', () => {
  assert.equal(
    show(43, '3039 08 02 49FD46E6C4B45C55D4AC69CBD3CD34AC1AFE51DE5C0C5A7E8F1F5D5B0A1B2C3D'),
    '12345 8 2 49FD46E6C4B45C55D4AC69CBD3CD34AC1AFE51DE5C0C5A7E8F1F5D5B 0A1B2C3D',
  );
  assert.equal(
    show(43, '0001 0d 01 0123456789ABCDEF0123456789ABCDEF01234567'),
    '1 13 1 0123456789ABCDEF0123456789ABCDEF01234567',
  );
  assert.equal(show(59, '0000 00 00 00'), '0 0 0 00');
  const key = 'mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==';
  assert.equal(
    show(48, `0101 03 0d${b64(key)}`),
    '257 3 13 mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+ KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==',
  );
  assert.equal(show(60, '0000 03 00 00'), '0 3 0 AA==');
  const sig =
    'oJB1W6WNGv+ldvQ3WDG0MQkg5IEhjRip8WTrPYGv07h108dUKGMeDPKijVCHX3DDKdfb+v6oB9wfuh3DTJXUAfI/M0zmO/zz8bW0Rznl8O3tGNazPwQKkRN20XPXV6nwwfoXmJQbsLNrLfkGJ5D6fwFm8nN+6pBzeDQfsS3Ap3o=';
  assert.equal(
    show(
      46,
      '0001 0d 02 0000012c' +
        (Date.UTC(2030, 1, 1) / 1000).toString(16).padStart(8, '0') +
        (Date.UTC(2024, 0, 1) / 1000).toString(16).padStart(8, '0') +
        '3039' +
        name('example.') +
        b64(sig),
    ),
    'A 13 2 300 20300201000000 20240101000000 12345 example. oJB1W6WNGv+ldvQ3WDG0MQkg5IEhjRip8WTrPYGv07h108dUKGMeDPKi ' +
      'jVCHX3DDKdfb+v6oB9wfuh3DTJXUAfI/M0zmO/zz8bW0Rznl8O3tGNaz PwQKkRN20XPXV6nwwfoXmJQbsLNrLfkGJ5D6fwFm8nN+6pBzeDQfsS3A p3o=',
  );
  assert.equal(
    show(47, `${name('next.example.')}00 07 6201800800 0380 01 01 40 04 1b${'00'.repeat(26)}20`),
    'next.example. A NS SOA MX TXT AAAA RRSIG NSEC DNSKEY CAA TYPE1234',
  );
  assert.equal(
    show(50, '01 01 000c 04aabbccdd 14 174eb2409fe28bcb4887a1836f957f0a8425e27b 0006 400000000002'),
    '1 1 12 AABBCCDD 2T7B4G4VSA5SMI47K61MV5BV1A22BOJR A RRSIG',
  );
  assert.equal(
    show(50, '01 00 0000 00 14 174eb2409fe28bcb4887a1836f957f0a8425e27b'),
    '1 0 0 - 2T7B4G4VSA5SMI47K61MV5BV1A22BOJR',
  );
  assert.equal(show(51, '01 00 000a 02aabb'), '1 0 10 AABB');
  assert.equal(show(51, '01 00 0000 00'), '1 0 0 -');
});

test('SSHFP, TLSA, SMIMEA, OPENPGPKEY, ZONEMD, DHCID, CERT, CSYNC, EUI48/64, LOC', () => {
  assert.equal(show(44, '01 07 0011'), '1 7 0011');
  // An empty fingerprint (of a type without a fixed length) leaves no trailing space, as in dig.
  assert.equal(show(44, '01 03'), '1 3');
  assert.equal(
    show(52, '03 01 01 0C72AC70B745AC19998811B131D662C9AC69DBDBE7CB23E5B514B56664C5D3D6'),
    '3 1 1 0C72AC70B745AC19998811B131D662C9AC69DBDBE7CB23E5B514B566 64C5D3D6',
  );
  assert.equal(show(53, '03 00 00 308201'), '3 0 0 308201');
  assert.equal(
    show(61, b64('mQENBFVHm5sBCADGzr0yX2M6ypM5sW3sDtsmNrbWd6vxdBJ1KWvQPeJBIwLA7xfzlm0wk0gDvhOiMkjW')),
    'mQENBFVHm5sBCADGzr0yX2M6ypM5sW3sDtsmNrbWd6vxdBJ1KWvQPeJB IwLA7xfzlm0wk0gDvhOiMkjW',
  );
  const digest = '0107B51927478310E61C306E4818B97D24E2CAE1F2147E62986C29CD13C93AB58AFAB7D576DC7872696426AB161F4EBD';
  assert.equal(
    show(63, `78771973 01 01${digest}`),
    '2021071219 1 1 0107B51927478310E61C306E4818B97D24E2CAE1F2147E62986C29CD 13C93AB58AFAB7D576DC7872696426AB161F4EBD',
  );
  assert.equal(
    show(49, b64('AAIBY2/AuCccgoJbsaxcQc9TUapptP69lOjxfNuVAA2kjEA=')),
    'AAIBY2/AuCccgoJbsaxcQc9TUapptP69lOjxfNuVAA2kjEA=',
  );
  assert.equal(
    show(37, `0001 3039 08${b64('MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A')}`),
    'PKIX 12345 RSASHA256 MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A',
  );
  assert.equal(show(37, '0041 0001 fa 0001 02'), '65 1 250 AAEC');
  assert.equal(show(62, '00000042 0003 00 04 60000008'), '66 3 A NS AAAA');
  assert.equal(show(108, '00005e00532a'), '00-00-5e-00-53-2a');
  assert.equal(show(109, '00005eef1000002a'), '00-00-5e-ef-10-00-00-2a');
  assert.equal(
    show(29, '00 00 16 13 8b3cf018 810cbce0 00989 5b8'.replace(/ /g, '')),
    '52 22 23.000 N 4 53 32.000 E -2.00m 0.00m 10000m 10m',
  );
  assert.equal(show(29, '00 12 16 13 80000000 80000000 00989680'), '0 0 0.000 N 0 0 0.000 E 0.00m 1m 10000m 10m');
  assert.equal(
    show(29, '00 33 12 18 76e8d03c 70be1575 00989fea'),
    '42 21 54.500 S 71 6 18.123 W 24.10m 30m 1m 1000000m',
  );
});

test('SVCB and HTTPS in RFC 9460 presentation, as dig 9.18 prints them', () => {
  assert.equal(show(64, `0000${name('target.example.')}`), '0 target.example.');
  assert.equal(
    show(64, '0001 00 0001 0006 026832 026833 0003 0002 0355 0004 0008 c0000201 c0000202'),
    '1 . alpn="h2,h3" port=853 ipv4hint=192.0.2.1,192.0.2.2',
  );
  const ech = 'AEn+DQBFKwAgACABWIHUGj4u+PIggYXcR5JF0gYk3dCRioBW8uJq9H4mKAAIAAEAAQABAANAEnB1YmxpYy50bHMtZWNoLmRldgAA';
  const echHex = b64(ech);
  assert.equal(
    show(
      64,
      '0002 00 0000 0004 00010003 0001 0003 026832 0002 0000 0003 0002 20fb' +
        `0005 ${(echHex.length / 2).toString(16).padStart(4, '0')} ${echHex}` +
        '0006 0020 20010db8000000000000000000000001 20010db8000000000000000000000002' +
        '029b 0007 610a62226 32c64'.replace(/ /g, '') +
        'ff35 0003 616263',
    ),
    `2 . mandatory=alpn,port alpn="h2" no-default-alpn port=8443 ech=${ech} ipv6hint=2001:db8::1,2001:db8::2 key667="a\\010b\\"c,d" key65333="abc"`,
  );
  assert.equal(
    show(65, `0001 00 0001 0007 03612c62 02 6322 0007 0010${Buffer.from('/dns-query{?dns}').toString('hex')}`),
    '1 . alpn="a\\\\,b,c\\"" key7="/dns-query{?dns}"',
  );
});

test('RFC 3597 generic form for unknown types and IN-only types in other classes', () => {
  assert.equal(show(65280, '0a0b0c0d0e0f'), '\\# 6 0A0B0C0D0E0F');
  assert.equal(show(65281, ''), '\\# 0');
  assert.equal(
    show(65282, Array.from({ length: 40 }, (_, i) => i.toString(16).padStart(2, '0')).join('')),
    '\\# 40 000102030405060708090A0B0C0D0E0F101112131415161718191A1B 1C1D1E1F2021222324252627',
  );
  assert.equal(show(10, '010203'), '\\# 3 010203');
  assert.equal(show(1, 'c0000201', 3), '\\# 4 C0000201');
  assert.equal(presentRdata(65280, 1, hex('01')).fields, undefined);
});

test('fields carry structured values', () => {
  assert.deepEqual(
    presentRdata(6, 1, hex(`${name('a.') + name('b.')}00000001 00000002 00000003 00000004 00000005`)).fields,
    {
      mname: 'a.',
      rname: 'b.',
      serial: 1,
      refresh: 2,
      retry: 3,
      expire: 4,
      minimum: 5,
    },
  );
  assert.deepEqual(presentRdata(16, 1, hex(`${str('a"b')}01 07`)).fields, { strings: ['a\\"b', '\\007'] });
  assert.deepEqual(presentRdata(65, 1, hex('0001 00 0001 0003 026833 0003 0002 01bb')).fields, {
    priority: 1,
    target: '.',
    alpn: ['h3'],
    port: 443,
  });
});

test('malformed RDATA is refused with a reason', () => {
  const refuses = (type: number, data: string, message: string) =>
    assert.throws(
      () => presentRdata(type, 1, hex(data)),
      (e: unknown) => e instanceof WireError && e.message === message,
    );
  refuses(15, `000a${name('mx.')}00`, 'MX data has 1 unexpected trailing bytes');
  refuses(6, `${name('a.') + name('b.')}0000`, 'SOA serial runs past end of record data');
  refuses(43, '0001 08 02 aabb', 'DS digest type 2 must be 32 bytes, got 2');
  refuses(44, '01 01 aabb', 'SSHFP fingerprint type 1 must be 20 bytes, got 2');
  refuses(47, `${name('n.')}00 00`, 'NSEC type bitmap block length 0 is not 1-32');
  refuses(47, `${name('n.')}01 01 40 00 01 40`, 'NSEC type bitmap windows out of order');
  refuses(64, '0001 00 0003 0002 0035 0001 0003 026832', 'SVCB parameter alpn out of order');
  refuses(64, '0001 00 0003 0001 35', 'SVCB port length 1 is not 2');
  refuses(257, '00 00', 'CAA tag is empty');
  refuses(13, str('PC'), 'HINFO data has 1 character-strings, expected 2');
  refuses(5, 'c000', 'CNAME target: compression pointer inside uncompressed data');
});
