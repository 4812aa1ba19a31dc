/** +check in tsdig's text layout: the verdict first, then the findings grouped by severity, most serious first. */
import type { CheckData, CheckReport, Finding, Severity } from '../check/types.js';
import { escapeText } from '../wire/escape.js';
import type { Palette } from './palette.js';

/** What the text needs besides the report. */
export interface CheckRenderOptions {
  palette: Palette;
  /** +short: the verdict line alone. */
  short?: boolean;
}

const TITLES: Record<Severity, string> = { error: 'ERRORS', warning: 'WARNINGS', notice: 'NOTICES', ok: 'OK' };
const ORDER: readonly Severity[] = ['error', 'warning', 'notice', 'ok'];

/** One finding in one line: `ZONE ID: MESSAGE [REFERENCE]`. */
function findingLine(finding: Finding): string {
  return escapeText(`${finding.zone} ${finding.id}: ${finding.message} [${finding.reference}]`);
}

/** The colour of a severity's lines. */
export function styleOf(severity: Severity, palette: Palette): (text: string) => string {
  if (severity === 'error') return palette.error;
  if (severity === 'warning') return palette.warning;
  return (text) => text;
}

/** The report as text. */
export function renderCheck(report: CheckReport, data: CheckData, options: CheckRenderOptions): string {
  const { palette } = options;
  const verdict = `;; CHECK: ${escapeText(report.verdict)}`;
  const worst = styleOf(report.worst, palette);
  if (options.short) return `${worst(verdict)}\n`;
  const lines = [worst(verdict)];
  for (const severity of ORDER) {
    const findings = report.findings.filter((f) => f.severity === severity);
    if (findings.length === 0) continue;
    const style = styleOf(severity, palette);
    lines.push('', palette.comment(`;; ${TITLES[severity]} (${findings.length}):`));
    for (const finding of findings) lines.push(style(findingLine(finding)));
  }
  lines.push(
    '',
    palette.comment(
      `;; Checked in ${Math.round(data.totalMs)} msec, ${data.queries} queries, timeout ${data.timeoutMs} msec`,
    ),
  );
  return `${lines.join('\n')}\n`;
}
