/**
 * The --report page: one self-contained HTML file (no script, no fetch, no external font) holding the
 * command, the time, the verdict in one line, the picture and a table (a trace's hops, a comparison's
 * servers, a check's findings), to attach to a ticket. A Content-Security-Policy allows nothing but its own style sheet, by hash. Every string that
 * came from the network is escaped for the terminal first (control and bidi characters made visible)
 * and then for HTML.
 */
import { createHash } from 'node:crypto';
import { escapeText } from '../../wire/escape.js';
import type { GraphStatus } from '../graph/model.js';

/** One cell of the table, as plain text (escaped here): a line, lines as a list, or a line marked by its classes. */
export type ReportCell = string | readonly string[] | { classes: string; text: string };

/** The table under the picture, its rows numbered: a trace's hops, a comparison's servers. */
export interface ReportTable {
  /** The heading above it, and the table's id (`hops`, `servers`). */
  heading: string;
  id: string;
  headers: readonly string[];
  rows: ReadonlyArray<readonly ReportCell[]>;
}

/** What the page shows. */
export interface ReportInput {
  title: string;
  /** The command line as typed (without the program name). */
  argv: readonly string[];
  /** When the report was made. */
  time: Date;
  version: string;
  verdict: { status: GraphStatus; text: string };
  /** Graphviz's `<svg>` element (its text already escaped by Graphviz from the DOT tsdig wrote). */
  svg: string;
  table: ReportTable;
}

/** Text for HTML, from any string: escaped for display first, then `& < > " '` as entities. */
export function htmlText(text: string): string {
  return escapeText(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** An argument as a shell would need it quoted to mean the same. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

const STYLE = `
body { font-family: Helvetica, Arial, "Liberation Sans", sans-serif; margin: 1.5rem; color: #111; }
h1 { font-size: 1.3rem; margin: 0 0 0.6rem; }
dl { display: grid; grid-template-columns: max-content auto; gap: 0.2rem 1rem; margin: 0 0 1rem; }
dt { font-weight: bold; }
dd { margin: 0; }
code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.9rem; word-break: break-all; }
p.verdict { font-size: 1.05rem; font-weight: bold; padding: 0.5rem 0.8rem; border: 2px solid #000; border-radius: 6px; }
p.verdict.secure, span.dnssec.secure { border-color: #1f5fa8; color: #1f5fa8; }
p.verdict.bogus, span.dnssec.bogus { border-color: #c62828; color: #c62828; border-style: dashed; }
p.verdict.indeterminate, p.verdict.failed, span.dnssec.indeterminate { border-color: #a15c00; color: #a15c00; border-style: dotted; }
p.verdict.agree { border-color: #1f5fa8; color: #1f5fa8; }
p.verdict.disagree { border-color: #c62828; color: #c62828; border-style: dashed; }
span.server.failed { color: #c62828; }
span.server.differs { color: #a15c00; }
p.verdict.ok { border-color: #2e7d32; color: #2e7d32; }
p.verdict.notice { border-color: #6a1b9a; color: #6a1b9a; border-style: dotted; }
p.verdict.warning { border-color: #e65100; color: #e65100; border-style: dashed; }
p.verdict.error { border-color: #c62828; color: #c62828; border-width: 3px; }
span.severity { font-weight: bold; }
span.severity.ok { color: #2e7d32; }
span.severity.notice { color: #6a1b9a; }
span.severity.warning { color: #e65100; }
span.severity.error { color: #c62828; }
figure { margin: 1rem 0; overflow-x: auto; }
figure svg { max-width: 100%; height: auto; }
svg text { font-family: Helvetica, Arial, "Liberation Sans", sans-serif; }
table { border-collapse: collapse; font-size: 0.85rem; }
th, td { border: 1px solid #bbb; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #eee; }
ul { margin: 0; padding-left: 1rem; }
footer { margin-top: 1rem; color: #555; font-size: 0.8rem; }
`;

function cellHtml(cell: ReportCell): string {
  if (typeof cell === 'string') return htmlText(cell);
  if ('classes' in cell) return `<span class="${htmlText(cell.classes)}">${htmlText(cell.text)}</span>`;
  return `<ul>${cell.map((line) => `<li>${htmlText(line)}</li>`).join('')}</ul>`;
}

function rowHtml(row: readonly ReportCell[], index: number): string {
  const cells = [String(index + 1), ...row.map(cellHtml)];
  return `<tr>${cells.map((cell) => `<td>${cell}</td>`).join('')}</tr>`;
}

/** The whole page. */
export function renderReport(input: ReportInput): string {
  const styleHash = createHash('sha256').update(STYLE).digest('base64');
  const csp = `default-src 'none'; style-src 'sha256-${styleHash}'; img-src 'none'; base-uri 'none'; form-action 'none'`;
  const command = ['tsdig', ...input.argv].map(shellWord).join(' ');
  const { table } = input;
  const headers = ['#', ...table.headers].map(htmlText);
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>tsdig report: ${htmlText(input.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<h1>tsdig report: ${htmlText(input.title)}</h1>`,
    '<dl>',
    `<dt>Command</dt><dd><code id="command">${htmlText(command)}</code></dd>`,
    `<dt>Time</dt><dd><time id="time" datetime="${input.time.toISOString()}">${input.time.toISOString()}</time></dd>`,
    '</dl>',
    `<p id="verdict" class="verdict ${input.verdict.status}">${htmlText(input.verdict.text)}</p>`,
    `<figure id="graph">${input.svg}</figure>`,
    `<h2>${htmlText(table.heading)}</h2>`,
    `<table id="${htmlText(table.id)}">`,
    `<thead><tr>${headers.map((h) => `<th>${h}</th>`).join('')}</tr></thead>`,
    `<tbody>${table.rows.map(rowHtml).join('\n')}</tbody>`,
    '</table>',
    `<footer>Made by tsdig ${htmlText(input.version)}; every name and record above is shown as received, escaped.</footer>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
