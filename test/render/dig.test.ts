import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderCommandHeader, renderEvents, renderLookup, whenText } from '../../src/render/dig.js';
import { plainPalette } from '../../src/render/palette.js';
import { colourPalette } from '../../src/render/colour.js';
import { defaultDisplay } from '../../src/cli/defaults.js';
import type { DisplayFlags } from '../../src/cli/types.js';
import type { LookupResult } from '../../src/resolve/types.js';
import type { Palette } from '../../src/render/palette.js';
import { assertGolden } from './goldenFile.js';
import { viewCases } from './viewFixtures.js';

process.env.TZ = 'UTC';

function render(result: LookupResult, display: Partial<DisplayFlags> = {}, palette: Palette = plainPalette): string {
  const flags = { ...defaultDisplay(), ...display };
  return (
    renderEvents(result.events, palette) +
    renderCommandHeader('0.0.0-test', ['@127.0.0.1', '-p', '5300', 'example.com'], 1) +
    renderLookup(result, { display: flags, palette })
  );
}

for (const [name, result] of viewCases) {
  test(`dig layout golden: ${name}`, () => assertGolden(`dig/${name}.txt`, render(result)));
  test(`dig +short golden: ${name}`, () =>
    assertGolden(
      `dig/${name}.short.txt`,
      renderLookup(result, { display: { ...defaultDisplay(), short: true }, palette: plainPalette }),
    ));
  test(`dig +nocomments +nostats +noquestion golden: ${name}`, () =>
    assertGolden(
      `dig/${name}.bare.txt`,
      renderLookup(result, {
        display: { ...defaultDisplay(), comments: false, stats: false, question: false },
        palette: plainPalette,
      }),
    ));
}

for (const [name, result] of viewCases) {
  test(`dig +multiline golden: ${name}`, () =>
    assertGolden(
      `dig/${name}.multiline.txt`,
      renderLookup(result, { display: { ...defaultDisplay(), multiline: true }, palette: plainPalette }),
    ));
}

test('+multiline leaves +short alone, as dig does', () => {
  for (const [name, result] of viewCases) {
    const short = { ...defaultDisplay(), short: true };
    assert.equal(
      renderLookup(result, { display: { ...short, multiline: true }, palette: plainPalette }),
      renderLookup(result, { display: short, palette: plainPalette }),
      name,
    );
  }
});

test('+multiline: SOA and DNSKEY over several lines, the question and records in the compact columns', () => {
  const out = renderLookup(viewCases[0][1], {
    display: { ...defaultDisplay(), multiline: true },
    palette: plainPalette,
  });
  assert.match(out, /\n;example\.com\.\t\tIN ANY\n/);
  assert.match(out, /\tSOA ns1\.example\.com\. hostmaster\.example\.com\. \(\n\t\t\t\t2024010101 ; serial\n/);
  assert.match(out, /\n\t\t\t\t\) ; KSK; alg = ECDSAP256SHA256 ; key id = \d+\n/);
  assert.match(out, /\nexample\.com\.\t\t3600 IN\tA 192\.0\.2\.1\n/);
});

test('dig layout in colour: same text once the colour codes are stripped', async () => {
  const palette = await colourPalette(1);
  for (const [name, result] of viewCases) {
    const coloured = render(result, {}, palette);
    assertGolden(`dig/${name}.colour.txt`, coloured);
    assert.equal(coloured.replace(/\x1b\[[0-9;]*m/g, ''), render(result), name);
  }
});

test('+nottlid +noclass +ttlunits change the record columns', () => {
  const out = renderLookup(viewCases[1][1], {
    display: { ...defaultDisplay(), ttlid: false, class: false, comments: false, stats: false, question: false },
    palette: plainPalette,
  });
  assert.doesNotMatch(out, /\tIN\t/);
  const units = renderLookup(viewCases[1][1], {
    display: { ...defaultDisplay(), ttlunits: true, comments: false, stats: false },
    palette: plainPalette,
  });
  assert.match(units, /\t\d+[smhdw]\tIN\t/);
});

test("whenText is dig's date format", () => {
  assert.equal(whenText(new Date('2026-11-26T12:01:40Z')), 'Thu Nov 26 12:01:40 UTC 2026');
});

test('COOKIE verdict: judged against the cookie the exchange kept, with no query to decode', () => {
  const base = viewCases[1][1];
  const client = Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
  const withCookie = (sent: Uint8Array | undefined, received: number[]): LookupResult => ({
    ...base,
    exchange: {
      ...base.exchange!,
      sentCookie: sent,
      response: {
        ...base.exchange!.response,
        edns: {
          version: 0,
          udpSize: 1232,
          do: false,
          flags: 0,
          options: [{ code: 10, data: Uint8Array.from(received) }],
        },
      },
    },
  });
  const verdict = (result: LookupResult): string =>
    /; COOKIE: [0-9a-f]+(.*)\n/.exec(renderLookup(result, { display: defaultDisplay(), palette: plainPalette }))![1];
  assert.equal(verdict(withCookie(client, [1, 2, 3, 4, 5, 6, 7, 8, 9, 9, 9, 9, 9, 9, 9, 9])), ' (good)');
  assert.equal(verdict(withCookie(client, [1, 2, 3, 4, 5, 6, 7, 8])), ' (echoed)');
  assert.equal(verdict(withCookie(client, [8, 2, 3, 4, 5, 6, 7, 8, 9, 9, 9, 9, 9, 9, 9, 9])), ' (bad)');
  assert.equal(verdict(withCookie(undefined, [1, 2, 3, 4, 5, 6, 7, 8, 9, 9, 9, 9, 9, 9, 9, 9])), '');
});

test('+short with +split and +rrcomments: lookups and transfer messages print the same data as formatRecord would', async () => {
  const { renderTransferMessage } = await import('../../src/render/transfer.js');
  const { recordData } = await import('../../src/render/record.js');
  const display = { ...defaultDisplay(), short: true, split: 12, rrcomments: true };
  let checked = 0;
  for (const [name, result] of viewCases) {
    if (!result.exchange) continue;
    const answer = result.exchange.response.answer;
    const expected = answer.map((rr) => `${recordData(rr, { split: 12, rrcomments: true })}\n`).join('');
    assert.equal(renderLookup(result, { display, palette: plainPalette }), expected, name);
    assert.equal(
      renderTransferMessage(result.exchange.response, 0, { display, palette: plainPalette }, { axfr: true }),
      expected,
      name,
    );
    // The split and the key comments must show: a DNSKEY in the fixtures is cut at 12 and commented.
    if (answer.some((rr) => rr.type === 48)) {
      assert.match(expected, /^257 3 \d+ \S{12} \S{12} .* {2}; KSK; alg = /m, name);
      checked++;
    }
  }
  assert.ok(checked > 0, 'some view case holds a DNSKEY');
});

test('event lines escape what they carry: a certificate name or a typed name with control characters never reaches the terminal raw', () => {
  const server = { address: '127.0.0.1', port: 853 };
  const text = renderEvents(
    [
      {
        kind: 'commError',
        text: 'communications error to 127.0.0.1#853: hostname mismatch (a\x1b[31mb is not among DNS:x\u202ey)',
        server,
      },
      { kind: 'warning', text: 'Warning: \x07\x9b2J', server },
    ],
    plainPalette,
  );
  assert.equal(
    text,
    ';; communications error to 127.0.0.1#853: hostname mismatch (a\\027[31mb is not among DNS:x\\u{202E}y)\n;; Warning: \\007\\155' +
      '2J\n',
  );
});
