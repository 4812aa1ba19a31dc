/**
 * The --report page: one self-contained HTML file (no script, no fetch, no external font) holding the
 * command, the time, the verdict in one line, the picture and the hops as a table, to attach to a
 * ticket. A Content-Security-Policy allows nothing but its own style sheet, by hash. Every string that
 * came from the network is escaped for the terminal first (control and bidi characters made visible)
 * and then for HTML.
 */
import { createHash } from 'node:crypto';
import { escapeText } from '../../wire/escape.js';
import type { GraphStatus } from '../graph/model.js';

/** One row of the hops table, as plain text (escaped here). */
export interface ReportRow {
  zone: string;
  question: string;
  /** The servers asked, each with how it answered. */
  servers: string[];
  answeredBy: string;
  rtt: string;
  outcome: string;
  /** The DNSSEC state of the delegation this hop handed out, when validated. */
  dnssec?: { status: string; text: string };
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
  rows: readonly ReportRow[];
  dnssec: boolean;
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
figure { margin: 1rem 0; overflow-x: auto; }
figure svg { max-width: 100%; height: auto; }
svg text { font-family: Helvetica, Arial, "Liberation Sans", sans-serif; }
table { border-collapse: collapse; font-size: 0.85rem; }
th, td { border: 1px solid #bbb; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #eee; }
ul { margin: 0; padding-left: 1rem; }
footer { margin-top: 1rem; color: #555; font-size: 0.8rem; }
`;

function rowHtml(row: ReportRow, index: number, dnssec: boolean): string {
  const servers = `<ul>${row.servers.map((s) => `<li>${htmlText(s)}</li>`).join('')}</ul>`;
  const cells = [
    String(index + 1),
    htmlText(row.zone),
    htmlText(row.question),
    servers,
    htmlText(row.answeredBy),
    htmlText(row.rtt),
    htmlText(row.outcome),
  ];
  if (dnssec) {
    const state = row.dnssec;
    cells.push(state ? `<span class="dnssec ${htmlText(state.status)}">${htmlText(state.text)}</span>` : '');
  }
  return `<tr>${cells.map((cell) => `<td>${cell}</td>`).join('')}</tr>`;
}

/** The whole page. */
export function renderReport(input: ReportInput): string {
  const styleHash = createHash('sha256').update(STYLE).digest('base64');
  const csp = `default-src 'none'; style-src 'sha256-${styleHash}'; img-src 'none'; base-uri 'none'; form-action 'none'`;
  const command = ['tsdig', ...input.argv].map(shellWord).join(' ');
  const headers = ['#', 'Zone', 'Question', 'Servers asked', 'Answered by', 'RTT', 'Outcome'];
  if (input.dnssec) headers.push('DNSSEC of the delegation');
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
    '<h2>Hops</h2>',
    '<table id="hops">',
    `<thead><tr>${headers.map((h) => `<th>${h}</th>`).join('')}</tr></thead>`,
    `<tbody>${input.rows.map((row, i) => rowHtml(row, i, input.dnssec)).join('\n')}</tbody>`,
    '</table>',
    `<footer>Made by tsdig ${htmlText(input.version)}; every name and record above is shown as received, escaped.</footer>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
