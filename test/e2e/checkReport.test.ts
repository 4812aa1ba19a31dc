/**
 * `tsdig NAME +check --report FILE.html` in a real browser: headless Chromium opens the report from a
 * file URL with every request refused but the page's own, and the test checks there is no console
 * error, no request leaving the page, the command, the time, the verdict line, the picture present
 * and sized, the findings table, and a name server named with `<script>` and control bytes shown as
 * text. A screenshot of each goes to test-output/reports/.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createQueryFn } from '../../src/resolve/exchange.js';
import type { QueryFn } from '../../src/resolve/types.js';
import { tcpTransport } from '../../src/transport/tcp.js';
import { udpTransport } from '../../src/transport/udp.js';
import type { Message, ResourceRecord } from '../../src/wire/types.js';
import { openIsolated, startBrowser, type TestBrowser } from '../support/browser.js';
import { CHECK_ROOT_HINTS, startCheckHierarchy, type CheckHierarchy } from '../support/checkHierarchy.js';
import { repoRoot, runMain } from '../support/runCli.js';

const dir = mkdtempSync(join(tmpdir(), 'tsdig-check-report-'));
const screenshots = join(repoRoot(), 'test-output', 'reports');
const hints = join(dir, 'root.hints');
writeFileSync(hints, CHECK_ROOT_HINTS);

/** A name server name no page should run: markup, a control byte and a bidi override. */
const HOSTILE_NS = 'ns2<script>alert(1)</script>\u0007\u202E.good.check.';

/** Every record naming ns2.good.check. (as owner or NS target) renamed to HOSTILE_NS. */
function renamed(rr: ResourceRecord): ResourceRecord {
  const owner = rr.name.toLowerCase() === 'ns2.good.check.' ? { ...rr, name: HOSTILE_NS } : rr;
  const data = owner.rdata;
  if (data.type === 'NS' && data.target.toLowerCase() === 'ns2.good.check.')
    return { ...owner, rdata: { type: 'NS', target: HOSTILE_NS } };
  return owner;
}

/** The real network, with ns2.good.check. renamed in every reply. */
function hostileNetwork(): QueryFn {
  const real = createQueryFn({ udp: udpTransport, tcp: tcpTransport });
  const tamper = (m: Message): Message => ({
    ...m,
    answer: m.answer.map(renamed),
    authority: m.authority.map(renamed),
    additional: m.additional.map(renamed),
  });
  return async (server, question, settings, onEvent) => {
    const exchange = await real(server, question, settings, onEvent);
    return { ...exchange, response: tamper(exchange.response) };
  };
}

let hierarchy: CheckHierarchy;
let browser: TestBrowser;
before(async () => {
  mkdirSync(screenshots, { recursive: true });
  hierarchy = await startCheckHierarchy();
  browser = await startBrowser();
});
after(async () => {
  await browser?.close();
  await hierarchy?.close();
});

/** Writes the report of `tsdig NAME +check` and returns its exit status. */
async function writeReport(name: string, file: string, queryFn?: QueryFn): Promise<number> {
  const args = [name, '+check', `--root-hints=${hints}`, '-p', String(hierarchy.port), '+timeout=1'];
  const run = await runMain([...args, `--report=${file}`], queryFn ? { io: { queryFn } } : {});
  assert.equal(run.stderr, '');
  return run.code ?? -1;
}

/** Opens a report and checks what every +check report must show; returns the page for more. */
async function openReport(file: string, verdict: RegExp, stem: string) {
  const url = pathToFileURL(file).href;
  const { page, log } = await openIsolated(browser, url);
  assert.deepEqual(log.errors, [], `${stem}: console errors`);
  assert.deepEqual(log.requests, [url], `${stem}: only the report itself is loaded`);
  assert.match((await page.textContent('#verdict')) ?? '', verdict, `${stem}: verdict`);
  assert.match((await page.textContent('#command')) ?? '', /^tsdig \S+ \+check /);
  assert.match((await page.getAttribute('#time', 'datetime')) ?? '', /^\d{4}-\d\d-\d\dT/);
  const box = await page.locator('#graph > svg').boundingBox();
  assert.ok(box && box.width > 200 && box.height > 200, `${stem}: the picture is drawn (${JSON.stringify(box)})`);
  assert.equal(await page.locator('#graph svg g.node.verdict').count(), 1, `${stem}: the verdict node`);
  assert.ok((await page.locator('#findings tbody tr').count()) >= 10, `${stem}: the findings table`);
  assert.equal(await page.evaluate(() => document.scripts.length), 0);
  await page.screenshot({ path: join(screenshots, `${stem}.png`), fullPage: true });
  return page;
}

test('check report: a zone with a dead server opens offline with its verdict, picture and findings', async () => {
  const file = join(dir, 'check-dead.html');
  assert.equal(await writeReport('dead.check', file), 3);
  const page = await openReport(file, /^dead\.check\. has errors: 1 error/, 'check-dead');
  assert.equal(await page.locator('#verdict.error').count(), 1);
  const first = page.locator('#findings tbody tr').first();
  assert.equal(await first.locator('span.severity.error').count(), 1);
  assert.match((await first.textContent()) ?? '', /server\.silent.*ns2\.dead\.check\. \(127\.0\.2\.13\)/);
  assert.equal(await page.locator('#graph svg g.node.server.silent').count(), 1, 'the silent server is drawn so');
  await page.close();
});

test('check report: a name server named with <script> and control bytes is shown as text, never run', async () => {
  const file = join(dir, 'check-hostile.html');
  await writeReport('good.check', file, hostileNetwork());
  const page = await openReport(file, /^good\.check\./, 'check-hostile');
  const shown = 'ns2<script>alert(1)</script>\\007\\u{202E}.good.check.';
  assert.ok(((await page.textContent('#findings')) ?? '').includes(shown), 'the table shows the name as text');
  assert.ok(((await page.textContent('#graph')) ?? '').includes(shown), 'the picture shows the name as text');
  assert.equal(await page.locator('script').count(), 0);
  assert.equal(await page.evaluate(() => document.documentElement.textContent?.includes('\u202E')), false);
  await page.close();
});
