/**
 * `--report FILE.html` in a real browser: headless Chromium opens each report from a file URL with every
 * request refused but the page's own, and the test checks there is no console error, no request
 * leaving the page, the verdict line, the picture present and sized, and a server name carrying
 * `<script>` and control bytes shown as text. A screenshot of each goes to test-output/reports/.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Message } from '../../src/wire/types.js';
import { FIXTURE_ROOT_HINTS, signedAuthorities, ZONE_ADDRESSES } from '../dnssec/signedAuthorities.js';
import { fixtureText } from '../dnssec/signedZone.js';
import { GRAPH_CASES, type GraphCase } from '../render/graph/graphCases.js';
import { openIsolated, startBrowser, type TestBrowser } from '../support/browser.js';
import { startHierarchy, type Hierarchy } from '../support/hierarchy.js';
import { ADDR } from '../support/hierarchyZones.js';
import { repoRoot, runBin, runMain } from '../support/runCli.js';

const dir = mkdtempSync(join(tmpdir(), 'tsdig-report-'));
const screenshots = join(repoRoot(), 'test-output', 'reports');
const anchor = join(dir, 'root.ds');
const hints = join(dir, 'root.hints');
writeFileSync(anchor, fixtureText('root.ds'));
writeFileSync(hints, FIXTURE_ROOT_HINTS);

/** A name server name no page should run: markup, a control byte and a bidi override. */
const HOSTILE_NS = 'ns<script>alert(1)</script>\u0007\u202E.sec.';

/** The root's referral to sec. with its name server renamed to HOSTILE_NS (glue too). */
function hostileReferral(server: string, _q: unknown, m: Message): Message {
  if (server !== ZONE_ADDRESSES['.']) return m;
  return {
    ...m,
    authority: m.authority.map((r) => (r.type === 2 ? { ...r, rdata: { type: 'NS', target: HOSTILE_NS } } : r)),
    additional: m.additional.map((r) => (r.type === 1 ? { ...r, name: HOSTILE_NS } : r)),
  };
}

let hierarchy: Hierarchy;
let browser: TestBrowser;
before(async () => {
  mkdirSync(screenshots, { recursive: true });
  hierarchy = await startHierarchy();
  browser = await startBrowser();
});
after(async () => {
  await browser?.close();
  await hierarchy?.close();
});

/** Writes the case's report: the real bin for the hierarchy, in process for the signed zones. */
async function writeReport(item: GraphCase, file: string): Promise<void> {
  if (item.network === 'hierarchy') {
    const run = await runBin(
      [item.name, '+trace', `@${ADDR.root}`, '-p', String(hierarchy.port), '+tries=1', `--report=${file}`],
      { env: { TSDIG_LOOPBACK_ONLY: '1' } },
    );
    assert.equal(run.code, 0, run.stderr);
    return;
  }
  const tamper = item.tamper;
  const query = signedAuthorities(tamper && ((server, q, m) => tamper(server, q.type, m))).query;
  const args = [item.name, '+trace', '+validate', `--root-hints=${hints}`, `--trust-anchor=${anchor}`];
  const run = await runMain([...args, `--report=${file}`], { io: { queryFn: query } });
  assert.equal(run.code, 0, run.stderr);
}

/** Opens a report and checks what every report must show; returns the page for more. */
async function openReport(file: string, verdict: string, stem: string) {
  const url = pathToFileURL(file).href;
  const { page, log } = await openIsolated(browser, url);
  assert.deepEqual(log.errors, [], `${stem}: console errors`);
  assert.deepEqual(log.requests, [url], `${stem}: only the report itself is loaded`);
  assert.ok(((await page.textContent('#verdict')) ?? '').includes(verdict), `${stem}: verdict`);
  const box = await page.locator('#graph > svg').boundingBox();
  assert.ok(box && box.width > 200 && box.height > 200, `${stem}: the picture is drawn (${JSON.stringify(box)})`);
  assert.equal(await page.locator('#graph svg g.node.verdict').count(), 1, `${stem}: the verdict node`);
  assert.ok((await page.locator('#hops tbody tr').count()) >= 3, `${stem}: the hops table`);
  assert.equal(await page.evaluate(() => document.scripts.length), 0);
  await page.screenshot({ path: join(screenshots, `${stem}.png`), fullPage: true });
  return page;
}

for (const item of GRAPH_CASES) {
  test(`report ${item.stem}: opens offline in Chromium with its verdict, picture and hops`, async () => {
    const file = join(dir, `${item.stem}.html`);
    await writeReport(item, file);
    const page = await openReport(file, item.expect.verdict, item.stem);
    assert.match((await page.textContent('#command')) ?? '', /^tsdig .*\+trace/);
    await page.close();
  });
}

test('report: a name server named with <script> and control bytes is shown as text, never run', async () => {
  const file = join(dir, 'hostile.html');
  const run = await runMain(
    ['www.ed.sec.', '+trace', '+validate', `--root-hints=${hints}`, `--trust-anchor=${anchor}`, `--report=${file}`],
    { io: { queryFn: signedAuthorities(hostileReferral).query } },
  );
  assert.equal(run.code, 0, run.stderr);
  const page = await openReport(file, 'DNSSEC secure', 'hostile');
  const shown = 'ns<script>alert(1)</script>\\007\\u{202E}.sec.';
  assert.ok(((await page.textContent('#hops')) ?? '').includes(shown), 'the table shows the name as text');
  assert.ok(((await page.textContent('#graph')) ?? '').includes(shown), 'the picture shows the name as text');
  assert.equal(await page.locator('script').count(), 0);
  assert.equal(await page.evaluate(() => document.documentElement.textContent?.includes('\u202E')), false);
  await page.close();
});
