/**
 * EDNS as the DNS flag day tests it (RFC 6891, RFC 8906): answers without EDNS and with it, BADVERS
 * for an unknown version, unknown options and flags ignored, DO echoed (with RRSIGs in a signed
 * zone), truncation followed by TCP, and reply sizes against the 1232-byte default.
 */
import { RCODE, rcodeName, TYPE } from '../../wire/rrtypes.js';
import { FLAG_DAY_SIZE, SMALL_BUFFER, UNKNOWN_FLAG, UNKNOWN_OPTION } from '../probes.js';
import { recordsAt } from '../records.js';
import type { CheckData, CutData, Finding, ProbeName, ProbeResult, ServerData } from '../types.js';
import { countWith, finding, replyOf, serverLabel } from './finding.js';
import { isAuthoritative } from './serverState.js';

/** A problem one server has with one test, and how serious it is. */
interface Problem {
  severity: 'notice' | 'warning' | 'error';
  text: string;
}

/** What a test knows besides the probe's own result. */
interface TestContext {
  zone: string;
  server: ServerData;
  signed: boolean;
  timeoutMs: number;
}

/** One flag day test: the probe it reads and how it judges the result (undefined: passed). */
interface EdnsTest {
  id: string;
  probe: ProbeName;
  /** What passing means, for the ok finding: the verb (one server, several) and the rest. */
  passed: readonly [string, string, string];
  reference: string;
  judge(result: ProbeResult, ctx: TestContext): Problem | undefined;
}

/** A probe that got no reply, in words; silence on a test the plain query passed is what RFC 8906 is about. */
function noReply(result: ProbeResult, ctx: TestContext, what: string): Problem | undefined {
  if (result.kind === 'reply') return undefined;
  if (result.kind === 'skipped') return undefined;
  const why = result.failure === 'timeout' ? `no reply within ${ctx.timeoutMs} ms` : result.message;
  return { severity: 'error', text: `does not answer ${what} (${why})` };
}

/** An answer to the SOA question: NOERROR with the SOA, aa set. */
function soaAnswer(result: ProbeResult, ctx: TestContext, what: string): Problem | undefined {
  const reply = replyOf(result);
  if (!reply) return noReply(result, ctx, what);
  const message = reply.message;
  if (message.rcode !== RCODE.NOERROR)
    return { severity: 'warning', text: `answers ${what} with ${rcodeName(message.rcode)}` };
  if (!message.aa || recordsAt(message.answer, ctx.zone, TYPE.SOA).length === 0)
    return { severity: 'warning', text: `answers ${what} without the zone's SOA` };
  return undefined;
}

const TESTS: readonly EdnsTest[] = [
  {
    id: 'edns.plain',
    probe: 'plain',
    passed: ['answers', 'answer', 'a query without EDNS, without an OPT record'],
    reference: 'RFC 6891 7, RFC 8906',
    judge(result, ctx) {
      const problem = soaAnswer(result, ctx, 'a query without EDNS');
      if (problem) return problem;
      if (replyOf(result)?.message.edns)
        return { severity: 'warning', text: 'puts an OPT record in its reply to a query without EDNS' };
      return undefined;
    },
  },
  {
    id: 'edns.edns0',
    probe: 'soa',
    passed: ['answers', 'answer', 'EDNS version 0 with an OPT record'],
    reference: 'RFC 6891 6.1.1',
    judge(result) {
      const edns = replyOf(result)?.message.edns;
      if (!replyOf(result)) return undefined;
      if (!edns) return { severity: 'notice', text: 'does not support EDNS (no OPT record in its reply)' };
      if (edns.version !== 0)
        return { severity: 'warning', text: `answers an EDNS 0 query with EDNS version ${edns.version}` };
      return undefined;
    },
  },
  {
    id: 'edns.version',
    probe: 'ednsVersion',
    passed: ['answers', 'answer', 'an unknown EDNS version with BADVERS'],
    reference: 'RFC 6891 6.1.3',
    judge(result, ctx) {
      const reply = replyOf(result);
      if (!reply) return noReply(result, ctx, 'a query with EDNS version 1');
      if (reply.retriedAfter?.includes(RCODE.BADVERS)) return undefined;
      const message = reply.message;
      if (message.rcode === RCODE.BADVERS && message.edns?.version === 0) return undefined;
      if (!message.edns)
        return {
          severity: 'warning',
          text: `answers EDNS version 1 with ${rcodeName(message.rcode)} and no OPT record, not BADVERS`,
        };
      return { severity: 'warning', text: `answers EDNS version 1 with ${rcodeName(message.rcode)}, not BADVERS` };
    },
  },
  {
    id: 'edns.option',
    probe: 'ednsOption',
    passed: ['ignores', 'ignore', 'an unknown EDNS option'],
    reference: 'RFC 6891 6.1.2',
    judge(result, ctx) {
      const problem = soaAnswer(result, ctx, `a query with an unknown EDNS option (${UNKNOWN_OPTION})`);
      if (problem) return problem;
      if (replyOf(result)?.message.edns?.options.some((o) => o.code === UNKNOWN_OPTION))
        return { severity: 'warning', text: `echoes the unknown EDNS option ${UNKNOWN_OPTION}` };
      return undefined;
    },
  },
  {
    id: 'edns.flags',
    probe: 'ednsFlag',
    passed: ['ignores', 'ignore', 'an unknown EDNS flag'],
    reference: 'RFC 6891 6.1.4',
    judge(result, ctx) {
      const flag = `0x${UNKNOWN_FLAG.toString(16).padStart(4, '0')}`;
      const problem = soaAnswer(result, ctx, `a query with an unknown EDNS flag (${flag})`);
      if (problem) return problem;
      if (((replyOf(result)?.message.edns?.flags ?? 0) & UNKNOWN_FLAG) !== 0)
        return { severity: 'warning', text: `echoes the unknown EDNS flag ${flag}` };
      return undefined;
    },
  },
  {
    id: 'edns.do',
    probe: 'do',
    passed: ['echoes', 'echo', 'DO (with RRSIGs in a signed zone)'],
    reference: 'RFC 3225 3, RFC 4035 3.1.1',
    judge(result, ctx) {
      const problem = soaAnswer(result, ctx, 'a query with DO');
      if (problem) return problem;
      const message = replyOf(result)?.message;
      if (!message?.edns?.do) return { severity: 'warning', text: 'does not echo the DO bit' };
      if (ctx.signed && recordsAt(message.answer, ctx.zone, TYPE.RRSIG).length === 0)
        return { severity: 'error', text: 'gives no RRSIG with the SOA although the zone is signed' };
      return undefined;
    },
  },
];

/** Whether any server gives DNSKEY records for the zone (then its answers must carry RRSIGs). */
function zoneIsSigned(cut: CutData): boolean {
  return cut.servers.some((s) => {
    const reply = replyOf(s.probes.dnskey);
    return reply !== undefined && recordsAt(reply.message.answer, cut.zone, TYPE.DNSKEY).length > 0;
  });
}

/** Runs one test on every authoritative server: one finding per failing server, or one ok for all. */
function runTest(cut: CutData, data: CheckData, test: EdnsTest, servers: ServerData[], signed: boolean): Finding[] {
  const out: Finding[] = [];
  const passed: string[] = [];
  for (const server of servers) {
    const result = server.probes[test.probe];
    if (!result || result.kind === 'skipped') continue;
    const problem = test.judge(result, { zone: cut.zone, server, signed, timeoutMs: data.timeoutMs });
    const label = serverLabel(server);
    if (!problem) passed.push(label);
    else
      out.push(
        finding(cut, test.id, problem.severity, `${label} ${problem.text}`, test.reference, [label], {
          address: server.address,
        }),
      );
  }
  if (out.length === 0 && passed.length > 0)
    out.push(
      finding(
        cut,
        test.id,
        'ok',
        `${countWith(passed.length, 'server', test.passed[0], test.passed[1])} ${test.passed[2]}`,
        test.reference,
        passed,
      ),
    );
  return out;
}

/** Truncation: a reply too big for the buffer comes with TC, and TCP then gives it whole (RFC 7766, RFC 6891 7). */
function truncationFindings(cut: CutData, servers: ServerData[]): Finding[] {
  const ref = 'RFC 6891 7, RFC 7766 5';
  const out: Finding[] = [];
  const passed: string[] = [];
  for (const server of servers) {
    const reply = replyOf(server.probes.truncated);
    if (!reply) continue;
    const label = serverLabel(server);
    const message = reply.message;
    if (!message.tc) {
      if (message.size > SMALL_BUFFER)
        out.push(
          finding(
            cut,
            'edns.truncation',
            'warning',
            `${label} sent a ${message.size}-byte reply to a ${SMALL_BUFFER}-byte buffer instead of truncating it`,
            ref,
            [label],
            { address: server.address, size: message.size },
          ),
        );
      continue;
    }
    const tcp = server.probes.truncatedTcp;
    const tcpReply = replyOf(tcp);
    if (tcpReply && tcpReply.message.rcode === RCODE.NOERROR && !tcpReply.message.tc) passed.push(label);
    else {
      const why = tcp?.kind === 'failed' ? tcp.message : tcpReply ? rcodeName(tcpReply.message.rcode) : 'not asked';
      out.push(
        finding(
          cut,
          'edns.truncation',
          'error',
          `${label} truncates its reply but does not give it over TCP (${why})`,
          ref,
          [label],
          {
            address: server.address,
          },
        ),
      );
    }
  }
  if (out.length === 0 && passed.length > 0)
    out.push(
      finding(
        cut,
        'edns.truncation',
        'ok',
        `${countWith(passed.length, 'server', 'truncates', 'truncate')} a reply larger than ${SMALL_BUFFER} bytes, then ${passed.length === 1 ? 'gives' : 'give'} it whole over TCP`,
        ref,
        passed,
      ),
    );
  return out;
}

/** Reply sizes against the 1232-byte default of the DNS flag day 2020: the key set's reply and what servers advertise. */
function sizeFindings(cut: CutData, servers: ServerData[]): Finding[] {
  const ref = 'DNS flag day 2020, RFC 9715';
  const out: Finding[] = [];
  let largest = 0;
  for (const server of servers) {
    const reply = replyOf(server.probes.dnskey);
    if (!reply) continue;
    const label = serverLabel(server);
    const message = reply.message;
    largest = Math.max(largest, message.size);
    if (message.size > FLAG_DAY_SIZE)
      out.push(
        finding(
          cut,
          'edns.size',
          'warning',
          `${label} sent a ${message.size}-byte UDP reply to a ${FLAG_DAY_SIZE}-byte buffer`,
          ref,
          [label],
          { address: server.address, size: message.size },
        ),
      );
    else if (message.tc)
      out.push(
        finding(
          cut,
          'edns.size',
          'notice',
          `the DNSKEY reply of ${label} does not fit in ${FLAG_DAY_SIZE} bytes: resolvers need TCP for it`,
          ref,
          [label],
          { address: server.address },
        ),
      );
    const advertised = message.edns?.udpSize ?? 0;
    if (advertised > FLAG_DAY_SIZE)
      out.push(
        finding(
          cut,
          'edns.size',
          'notice',
          `${label} advertises a ${advertised}-byte UDP payload, above ${FLAG_DAY_SIZE} (large replies may fragment)`,
          ref,
          [label],
          { address: server.address, advertised },
        ),
      );
  }
  if (out.length === 0 && largest > 0)
    out.push(
      finding(
        cut,
        'edns.size',
        'ok',
        `the largest reply (DNSKEY with DO) is ${largest} bytes, within ${FLAG_DAY_SIZE}`,
        ref,
        [],
        {
          largest,
        },
      ),
    );
  return out;
}

/** Every EDNS finding of the zone being checked, over the servers that answer it authoritatively. */
export function ednsFindings(cut: CutData, data: CheckData): Finding[] {
  if (cut.role !== 'zone') return [];
  const servers = cut.servers.filter((s) => replyOf(s.probes.soa) && isAuthoritative(s, cut.zone));
  if (servers.length === 0) return [];
  const signed = zoneIsSigned(cut);
  return [
    ...TESTS.flatMap((test) => runTest(cut, data, test, servers, signed)),
    ...truncationFindings(cut, servers),
    ...sizeFindings(cut, servers),
  ];
}
