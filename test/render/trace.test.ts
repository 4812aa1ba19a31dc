import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as traceView from '../../src/render/trace.js';
import { renderTraceHop, renderTraceSummaryTable, type TraceRenderOptions } from '../../src/render/trace.js';
import { traceText } from '../../src/app/views.js';
import type { TraceResult } from '../../src/resolve/traceTypes.js';
import { plainPalette } from '../../src/render/palette.js';
import { colourPalette } from '../../src/render/colour.js';
import { assertGolden } from './goldenFile.js';
import { recordFromWire } from '../support/records.js';
import {
  badReferralTrace,
  deadZoneTrace,
  followedCnameTrace,
  HONEST_YXDOMAIN,
  robustTrace,
  tracedOnHandMadeReplies,
  walkReplies,
} from './traceFixtures.js';
import { reply as fakeReply } from '../resolve/fakeMessages.js';
import { rr } from '../resolve/fakeMessages.js';

const display = { ttlid: true, class: true, ttlunits: false, multiline: false, additional: false };
const plain: TraceRenderOptions = { palette: plainPalette, display };
const strip = (text: string): string => text.replace(/\x1b\[[0-9;]*m/g, '');

/** A finished trace as a run prints it off a terminal: every hop, then the summary as text. */
function renderTrace(result: TraceResult, options: TraceRenderOptions): Promise<string> {
  return traceText(result, options, traceView, { streamed: false, summaryTable: false });
}

const cases = {
  robust: robustTrace,
  'bad-referral': badReferralTrace,
  'dead-zone': deadZoneTrace,
  'followed-cname': followedCnameTrace,
};

for (const [stem, build] of Object.entries(cases)) {
  test(`trace: ${stem} matches its golden file`, async () => {
    assertGolden(`trace/${stem}.txt`, await renderTrace(build(), plain));
  });
}

test('trace: YXDOMAIN from the zone whose DNAME makes the name too long matches its golden file, and +short shows the DNAME', async () => {
  const result = await tracedOnHandMadeReplies('www.d.example.test.');
  const text = await renderTrace(result, plain);
  assertGolden('trace/yxdomain.txt', text);
  assert.match(
    text,
    /^;; zone: example\.test\. {2}question: www\.d\.example\.test\. A {2}outcome: YXDOMAIN \(authoritative\): www\.d\.example\.test\. cannot exist: the DNAME at d\.example\.test\. would make it 257 octets long, over 255$/m,
  );
  assert.match(text, /^;; {3}example\.test\. +ns1\.example\.test\. +127\.0\.0\.4#5353 +1 ms {2}YXDOMAIN$/m);
  assert.doesNotMatch(text, /Trace failed/);
  const short = await renderTrace(result, {
    palette: plainPalette,
    display: { ...display, short: true, identify: false },
  });
  assert.equal(short.split('\n').filter((line) => line.startsWith('DNAME ')).length, 1, short);
  assert.doesNotMatch(short, /Trace failed/);
});

test('trace: a YXDOMAIN without its DNAME is that server misbehaving; the next one gives the proof (golden)', async () => {
  const name = 'www.d.example.test.';
  const replies = {
    ...walkReplies(name),
    [`127.0.0.4 ${name}`]: fakeReply({ aa: true, rcode: 6, size: 60 }),
    [`127.0.0.5 ${name}`]: HONEST_YXDOMAIN,
  };
  const result = await tracedOnHandMadeReplies(name, 1, replies);
  const text = await renderTrace(result, plain);
  assertGolden('trace/yxdomain-liar.txt', text);
  assert.match(
    text,
    /^;; 127\.0\.0\.4#5353\(ns1\.example\.test\.\) misbehaving \(YXDOMAIN without a DNAME that makes www\.d\.example\.test\. longer than 255 octets\), trying next server$/m,
  );
  assert.equal(result.final?.kind, 'yxdomain');
  assert.equal(result.hops.at(-1)?.exchange?.server.address, '127.0.0.5');
});

test('trace: the summary table matches its golden file', async () => {
  assertGolden('trace/robust.table.txt', await renderTraceSummaryTable(robustTrace(), plain));
  assertGolden('trace/dead-zone.table.txt', await renderTraceSummaryTable(deadZoneTrace(), plain));
});

test('trace: colour adds escape codes and nothing else', async () => {
  const coloured = await renderTrace(robustTrace(), { palette: await colourPalette(1), display });
  assert.notEqual(coloured, await renderTrace(robustTrace(), plain));
  assert.equal(strip(coloured), await renderTrace(robustTrace(), plain));
});

test('trace: streaming hop by hop gives the same text as rendering the whole trace', async () => {
  const result = robustTrace();
  const hops = result.hops.map((hop) => renderTraceHop(hop, plain)).join('');
  const end = await traceText(result, plain, traceView, { streamed: true, summaryTable: false });
  assert.equal(hops + end, await renderTrace(result, plain));
});

test("trace: every hop keeps dig's layout: records, then the Received line, then comments, then a blank line", async () => {
  const text = await renderTrace(robustTrace(), plain);
  const blocks = text.split('\n\n').slice(0, -1);
  assert.equal(blocks.length, 4);
  for (const block of blocks) {
    const lines = block.split('\n');
    const received = lines.findIndex((line) => line.startsWith(';; Received '));
    assert.ok(received > 0, block);
    assert.match(lines[received], /^;; Received \d+ bytes from [0-9.:a-f]+#\d+\([^)]+\) in \d+ ms$/);
    assert.ok(
      lines.slice(received + 1).every((line) => line.startsWith(';;')),
      block,
    );
  }
});

test('trace: +nottlid +noclass and +additional reach the record lines', () => {
  const options = { palette: plainPalette, display: { ...display, ttlid: false, class: false, additional: true } };
  const text = renderTraceHop(robustTrace().hops[1], options);
  assert.match(text, /^test\.\t\t\tNS\tns1\.test\.$/m);
  assert.match(text, /^ns1\.test\.\t\tA\t127\.0\.0\.2$/m);
});

test('trace: hostile bytes from the network never reach the terminal raw', async () => {
  const text = await renderTrace(followedCnameTrace(), plain);
  assert.doesNotMatch(text, /[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]/);
  // The TXT's U+202E arrives as UTF-8 octets and leaves as dig's decimal escapes.
  assert.match(text, /"bidi \\226\\128\\174 text"/);
});

test("trace +multiline: a hop's DS is written over several lines as dig writes it, the rest of the hop unchanged", () => {
  const result = robustTrace();
  const digest = Uint8Array.from({ length: 32 }, (_, i) => i);
  const rdata = Uint8Array.from([0x30, 0x39, 13, 2, ...digest]);
  const ds = recordFromWire('test.', 43, rdata, 1, 86400);
  const hop = result.hops[1];
  const response = {
    ...hop.exchange!.response,
    authority: hop.exchange!.response.authority.map((r) => (r.type === 43 ? ds : r)),
  };
  result.hops[1] = { ...hop, exchange: { ...hop.exchange!, response } };
  const text = renderTraceHop(result.hops[1], { palette: plainPalette, display: { ...display, multiline: true } });
  assert.ok(
    text.includes(
      'test.\t\t\t86400 IN DS 12345 13 2 (\n\t\t\t\t000102030405060708090A0B0C0D0E0F101112131415\n\t\t\t\t161718191A1B1C1D1E1F )\n',
    ),
    text,
  );
  assert.ok(text.includes('test.\t\t\t172800 IN NS ns1.test.\n'), text);
  const oneLine = renderTraceHop(result.hops[1], plain);
  assert.ok(
    oneLine.includes(
      'test.\t\t\t86400\tIN\tDS\t12345 13 2 000102030405060708090A0B0C0D0E0F101112131415161718191A1B 1C1D1E1F\n',
    ),
    oneLine,
  );
  assert.equal(
    text
      .split('\n')
      .filter((l) => l.startsWith(';;'))
      .join('\n'),
    oneLine
      .split('\n')
      .filter((l) => l.startsWith(';;'))
      .join('\n'),
  );
});

test("trace: a lame server's answer is shown as comments, marked not authoritative, before its failure line", () => {
  const result = robustTrace();
  const hop = result.hops[1];
  const lame = { ...hop.servers[0], outcome: 'lame' as const, error: 'lame (answer without the aa flag)' };
  const shown = {
    ...hop,
    servers: [{ ...lame, answer: [rr('www.lame.test.', 'A', '192.0.2.250', 300)] }, ...hop.servers.slice(1)],
  };
  const lines = renderTraceHop(shown, plain).split('\n');
  const at = lines.indexOf(';; not authoritative: www.lame.test.\t\t300\tIN\tA\t192.0.2.250');
  assert.ok(at >= 0, lines.join('\n'));
  assert.match(lines[at + 1], /^;; \S+ lame \(answer without the aa flag\)/);
});

test('trace: out-of-zone records are listed as ignored after the zone line', () => {
  const hop = { ...robustTrace().hops[1], ignoredRecords: [rr('www.bank.test.', 'A', '192.0.2.66', 300)] };
  assert.match(
    renderTraceHop(hop, plain),
    /\n;; zone: [^\n]*\n;; ignored out-of-zone record: www\.bank\.test\. A 192\.0\.2\.66 \(not \S+'s to give\)\n/,
  );
});

test("trace +short: dig's compact form, one line per answer record of the reply used", () => {
  const result = followedCnameTrace();
  const short = { palette: plainPalette, display: { ...display, short: true, identify: true } };
  const text = result.hops.map((hop) => renderTraceHop(hop, short)).join('');
  const answers = result.hops.flatMap((hop) => hop.exchange?.response.answer ?? []);
  assert.equal(text.split('\n').filter(Boolean).length, answers.length);
  assert.match(text, /^NS a\.root\.test\. from server 127\.0\.0\.53 in 3 ms\.$/m);
  assert.doesNotMatch(text, /^;;/m);
  const bare = result.hops.map((hop) =>
    renderTraceHop(hop, { ...short, display: { ...short.display, identify: false } }),
  );
  assert.match(bare.join(''), /^NS a\.root\.test\.$/m);
});
