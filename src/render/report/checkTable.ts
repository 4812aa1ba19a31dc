/** The findings of a +check as the report's table: plain text, escaped by the page. */
import type { CheckReport } from '../../check/types.js';
import type { ReportCell, ReportTable } from './html.js';

const HEADERS = ['Severity', 'Zone', 'Check', 'Finding', 'Servers', 'Reference'];

/** One row per finding, most serious first: its severity (marked by its class), zone, id, line, servers and reference. */
export function checkTable(report: CheckReport): ReportTable {
  const rows = report.findings.map((f): ReportCell[] => [
    { classes: `severity ${f.severity}`, text: f.severity },
    f.zone,
    f.id,
    f.message,
    f.servers.length > 0 ? f.servers : '',
    f.reference,
  ]);
  return { heading: 'Findings', id: 'findings', headers: HEADERS, rows };
}
