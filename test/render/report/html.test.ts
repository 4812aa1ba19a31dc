/** The report page as text: self-contained, a CSP that allows only its own style sheet, every network string escaped. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { htmlText, renderReport, type ReportInput } from '../../../src/render/report/html.js';

const EVIL = '<script>alert(1)</script>"\'&\u0007\u202E';

function input(overrides: Partial<ReportInput> = {}): ReportInput {
  return {
    title: `${EVIL}.test. A`,
    argv: [`${EVIL}.test.`, '+trace', '--report=r.html'],
    time: new Date('2024-05-06T07:08:09.010Z'),
    version: '0.1.0-test',
    verdict: { status: 'bogus', text: `DNSSEC bogus: ${EVIL}` },
    svg: '<svg xmlns="http://www.w3.org/2000/svg" width="10pt" height="10pt"><g id="verdict0" class="node verdict"/></svg>',
    table: {
      heading: 'Hops',
      id: 'hops',
      headers: ['Zone', 'Question', 'Servers asked', 'DNSSEC of the delegation'],
      rows: [
        [EVIL, `${EVIL} A`, [`${EVIL} 127.0.0.1#53: answered (1.0 ms)`], { classes: `dnssec ${EVIL}`, text: EVIL }],
      ],
    },
    ...overrides,
  };
}

test('htmlText: markup characters become entities, control and bidi characters visible escapes', () => {
  assert.equal(htmlText(EVIL), '&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;\\007\\u{202E}');
});

test('renderReport: nothing from the network arrives as markup, and the page is ASCII-safe where it matters', () => {
  const page = renderReport(input());
  assert.doesNotMatch(page, /<script/i);
  assert.doesNotMatch(page, /[\u0007\u202E]/);
  assert.equal((page.match(/&lt;script&gt;alert\(1\)&lt;\/script&gt;/g) ?? []).length >= 8, true);
  assert.match(page, /<code id="command">tsdig &#39;&lt;script&gt;/);
  assert.match(page, /<p id="verdict" class="verdict bogus">DNSSEC bogus: &lt;script&gt;/);
  assert.match(page, /<time id="time" datetime="2024-05-06T07:08:09.010Z">/);
});

test('renderReport: a Content-Security-Policy that allows nothing but the page style, by its hash', () => {
  const page = renderReport(input());
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)?.[1] ?? '';
  assert.match(
    csp,
    /^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; img-src 'none'; base-uri 'none'; form-action 'none'$/,
  );
  const style = /<style>([\s\S]*?)<\/style>/.exec(page)?.[1] ?? '';
  const hash = createHash('sha256').update(style).digest('base64');
  assert.ok(csp.includes(`'sha256-${hash}'`), 'the hash is the style element’s');
  // Nothing to fetch: no src or href attribute, no URL but the SVG namespace.
  assert.doesNotMatch(page, /\s(src|href|xlink:href)=/i);
  assert.deepEqual(page.match(/https?:\/\/[^\s"']+/g), ['http://www.w3.org/2000/svg']);
});

test('renderReport: the table numbered, its heading and id, lists as lists, marked cells as spans', () => {
  const page = renderReport(input());
  assert.match(page, /<h2>Hops<\/h2>\n<table id="hops">/);
  assert.match(
    page,
    /<thead><tr><th>#<\/th><th>Zone<\/th><th>Question<\/th><th>Servers asked<\/th><th>DNSSEC of the delegation<\/th><\/tr><\/thead>/,
  );
  assert.match(page, /<tr><td>1<\/td><td>&lt;script&gt;/);
  assert.match(
    page,
    /<td><ul><li>&lt;script&gt;alert\(1\)&lt;\/script&gt;&quot;&#39;&amp;\\007\\u\{202E\} 127\.0\.0\.1#53: answered \(1\.0 ms\)<\/li><\/ul><\/td>/,
  );
  // Even a class from a hostile status stays inside its attribute.
  assert.match(page, /<span class="dnssec &lt;script&gt;alert\(1\)&lt;\/script&gt;&quot;&#39;&amp;\\007\\u\{202E\}">/);
});
