/**
 * `--report FILE.html` in a real browser, for +trace and +compare: headless Chromium opens each report
 * from a file URL with every request refused but the page's own, and the test checks there is no console
 * error, no request leaving the page, the verdict line, the picture present and sized, the table (a
 * trace's hops, a comparison's servers), and a server name carrying `<script>` and control bytes shown
 * as text. A screenshot of each goes to test-output/reports/.
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
import { FLEET_ROOT_HINTS, type Fleet, startFleet } from '../support/fleetHierarchy.js';
import { startHierarchy, type Hierarchy } from '../support/hierarchy.js';
import { ADDR } from '../support/hierarchyZones.js';
import { repoRoot, runBin, runMain } from '../support/runCli.js';

const dir = mkdtempSync(join(tmpdir(), 'tsdig-report-'));
const screenshots = join(repoRoot(), 'test-output', 'reports');
const anchor = join(dir, 'root.ds');
const hints = join(dir, 'root.hints');
writeFileSync(anchor, fixtureText('root.ds'));
writeFileSync(hints, FIXTURE_ROOT_HINTS);
const fleetHints = join(dir, 'fleet.hints');
writeFileSync(fleetHints, FLEET_ROOT_HINTS);

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
let fleet: Fleet;
let browser: TestBrowser;
before(async () => {
  mkdirSync(screenshots, { recursive: true });
  hierarchy = await startHierarchy();
  fleet = await startFleet();
  browser = await startBrowser();
});
after(async () => {
  await browser?.close();
  await fleet?.close();
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

/** Opens a report and checks what every report must show (`table`: the id of its table); returns the page for more. */
async function openReport(file: string, verdict: string, stem: string, table = 'hops') {
  const url = pathToFileURL(file).href;
  const { page, log } = await openIsolated(browser, url);
  assert.deepEqual(log.errors, [], `${stem}: console errors`);
  assert.deepEqual(log.requests, [url], `${stem}: only the report itself is loaded`);
  assert.ok(((await page.textContent('#verdict')) ?? '').includes(verdict), `${stem}: verdict`);
  const box = await page.locator('#graph > svg').boundingBox();
  assert.ok(box && box.width > 200 && box.height > 200, `${stem}: the picture is drawn (${JSON.stringify(box)})`);
  assert.equal(await page.locator('#graph svg g.node.verdict').count(), 1, `${stem}: the verdict node`);
  assert.ok((await page.locator(`#${table} tbody tr`).count()) >= 2, `${stem}: the ${table} table`);
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

/** [screenshot stem, arguments, exit status, headline, servers in the table]. */
const COMPARE_CASES: Array<[string, string[], number, string, number]> = [
  ['compare-agree', ['agree.test', 'SOA', '+allns'], 0, 'all 3 servers agree', 3],
  ['compare-skew', ['skew.test', 'SOA', '+allns'], 6, '1 of 3 servers disagrees: serial skew', 3],
  ['compare-faults', ['www.faults.test', '+allns'], 6, '3 of 4 servers disagree: 1 timed out, 1 refused, 1 lame', 4],
];

for (const [stem, args, code, headline, count] of COMPARE_CASES) {
  test(`report ${stem}: a +compare opens offline in Chromium with its headline, picture and servers`, async () => {
    const file = join(dir, `${stem}.html`);
    const common = ['-p', String(fleet.port), `--root-hints=${fleetHints}`, '+timeout=1', '+tries=1'];
    const run = await runBin([...common, ...args, `--report=${file}`], { env: { TSDIG_LOOPBACK_ONLY: '1' } });
    assert.equal(run.code, code, run.stderr);
    assert.match(run.stdout, new RegExp(`^;; ${headline}$`, 'm'), 'the text is printed as without --report');
    const page = await openReport(file, headline, stem, 'servers');
    assert.match((await page.textContent('#command')) ?? '', /^tsdig .*\+allns/);
    assert.equal(await page.locator('#servers tbody tr').count(), count);
    const headers = await page.locator('#servers thead th').allTextContents();
    assert.deepEqual(headers, [
      '#',
      'Server',
      'Address',
      'RCODE',
      'aa',
      'Answer',
      'TTLs',
      'Serial',
      'NSID / EDE',
      'RTT',
      'Failure',
    ]);
    await page.close();
  });
}

test('report compare: the failures and the differing answer are in the servers table', async () => {
  const file = join(dir, 'compare-faults-table.html');
  const args = ['-p', String(fleet.port), `--root-hints=${fleetHints}`, '+timeout=1', '+tries=1'];
  await runBin([...args, 'www.faults.test', '+allns', `--report=${file}`], { env: { TSDIG_LOOPBACK_ONLY: '1' } });
  const page = await openReport(file, '3 of 4 servers disagree', 'compare-faults-table', 'servers');
  const rows = await page
    .locator('#servers tbody tr')
    .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent ?? '')));
  assert.deepEqual(
    rows.map((row) => [row[1], row[3], row[4], row[5], row[10]]),
    [
      ['ns1.faults.test.', 'NOERROR', 'aa', 'answer 1', ''],
      ['ns2.faults.test.', '-', '-', '-', rows[1][10]],
      ['ns3.faults.test.', 'REFUSED', '-', '-', 'REFUSED'],
      ['ns4.faults.test.', '-', '-', '-', 'not authoritative (no aa flag)'],
    ],
  );
  assert.match(rows[1][10], /timed out/);
  assert.equal(await page.locator('#servers span.server.failed').count(), 3);
  await page.close();
});

test('report compare: a name server named with <script> and control bytes is shown as text, never run', async () => {
  const file = join(dir, 'compare-hostile.html');
  const run = await runMain(['sec.', 'SOA', '+allns', `--root-hints=${hints}`, `--report=${file}`], {
    io: { queryFn: signedAuthorities(hostileReferral).query },
  });
  // The fixture's own name for the server of sec., ns.sec., is the root's address: a lame server.
  assert.equal(run.code, 6, run.stderr);
  const page = await openReport(file, '1 of 2 servers disagrees: 1 lame', 'compare-hostile', 'servers');
  const shown = 'ns<script>alert(1)</script>\\007\\u{202E}.sec.';
  assert.ok(((await page.textContent('#servers')) ?? '').includes(shown), 'the table shows the name as text');
  assert.ok(((await page.textContent('#graph')) ?? '').includes(shown), 'the picture shows the name as text');
  assert.equal(await page.locator('script').count(), 0);
  assert.equal(await page.evaluate(() => document.documentElement.textContent?.includes('\u202E')), false);
  await page.close();
});
