/** The findings about a check's collected data, and the verdict: a pure function of the data. */
import { delegationFindings } from './findings/delegation.js';
import { dnssecFindings } from './findings/dnssec.js';
import { ednsFindings } from './findings/edns.js';
import { count } from './findings/finding.js';
import { nameFindings } from './findings/names.js';
import { serverFindings } from './findings/servers.js';
import { soaFindings } from './findings/soa.js';
import { walkFindings } from './findings/walk.js';
import { type CheckData, type CheckReport, type Finding, SEVERITIES, type Severity } from './types.js';

/** Every finding about one cut, in the order the checks run. */
function cutFindings(data: CheckData): Finding[] {
  return data.cuts.flatMap((cut) => [
    ...delegationFindings(cut),
    ...serverFindings(cut, data),
    ...soaFindings(cut),
    ...ednsFindings(cut, data),
    ...dnssecFindings(cut, data),
    ...nameFindings(cut),
  ]);
}

const rank = (severity: Severity): number => SEVERITIES.indexOf(severity);

/** The verdict in one line. */
function verdictLine(report: Omit<CheckReport, 'verdict'>, data: CheckData): string {
  const { counts, worst } = report;
  const zone = report.zone ?? report.name;
  if (report.unreachable) return `${zone}: ${report.findings[0]?.message ?? 'could not be reached'}`;
  const problems = [
    counts.error > 0 ? count(counts.error, 'error') : '',
    counts.warning > 0 ? count(counts.warning, 'warning') : '',
    counts.notice > 0 ? count(counts.notice, 'notice') : '',
  ].filter(Boolean);
  const servers = new Set(data.cuts.find((c) => c.role === 'zone')?.servers.map((s) => s.address) ?? []).size;
  const tail = `${count(counts.ok, 'check')} ok, ${count(servers, 'server address', 'server addresses')}, ${count(data.queries, 'query', 'queries')}`;
  switch (worst) {
    case 'error':
      return `${zone} has errors: ${problems.join(', ')}; ${tail}`;
    case 'warning':
      return `${zone} works, with warnings: ${problems.join(', ')}; ${tail}`;
    case 'notice':
      return `${zone} is healthy, with notices: ${problems.join(', ')}; ${tail}`;
    case 'ok':
      return `${zone} is healthy: ${tail}`;
  }
}

/** Judges the collected data: every finding, most serious first, and the verdict. */
export function checkReport(data: CheckData): CheckReport {
  const all = [...walkFindings(data), ...cutFindings(data)];
  const findings = all
    .map((finding, index) => ({ finding, index }))
    .sort((a, b) => rank(b.finding.severity) - rank(a.finding.severity) || a.index - b.index)
    .map(({ finding }) => finding);
  const counts: Record<Severity, number> = { ok: 0, notice: 0, warning: 0, error: 0 };
  for (const finding of findings) counts[finding.severity]++;
  const worst = findings[0]?.severity ?? 'ok';
  const unreachable = data.walk.error !== undefined || (data.zone === undefined && data.walk.nxdomain === undefined);
  const partial = { name: data.name, zone: data.zone, worst, counts, findings, unreachable };
  return { ...partial, verdict: verdictLine(partial, data) };
}
