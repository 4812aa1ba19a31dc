/**
 * The legend drawn beside a graph: one row per look the graph uses (a sample border in that colour and
 * line style, with its meaning) and the key roles it shows. One node with a Graphviz HTML-like table,
 * so it sits apart from the zones and stays compact.
 */
import { attributes } from './dot.js';
import { lookOf, LOOKS, type Look } from './looks.js';
import type { Graph } from './model.js';

/** Colour words for the legend, so it reads the same printed in black and white. */
const COLOUR_WORDS: Readonly<Record<string, string>> = {
  '#1f5fa8': 'blue',
  '#000000': 'black',
  '#c62828': 'red',
  '#a15c00': 'amber',
  '#6b6b6b': 'grey',
  '#2e7d32': 'green',
  '#6a1b9a': 'purple',
  '#e65100': 'orange',
};

/** Text for an HTML-like label (the legend's own words only; still escaped as HTML requires). */
function htmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function lookRow(look: Look, mode: Graph['mode']): string {
  const meaning = mode === 'check' ? (look.checkMeaning ?? look.meaning) : look.meaning;
  const words = `${look.line} ${COLOUR_WORDS[look.color] ?? ''}: ${meaning}`;
  const border = `BORDER="${Math.ceil(look.penwidth)}" COLOR="${look.color}"${look.line === 'solid' ? '' : ` STYLE="${look.line}"`}`;
  return `<TR><TD ID="legend-${look.name}" ${border} ALIGN="LEFT">${htmlText(words)}</TD></TR>`;
}

const ROLE_ROWS: ReadonlyArray<[string, string, string]> = [
  ['ksk', 'grey fill: a KSK (SEP bit set); white: a ZSK', 'BGCOLOR="#d9d9d9" BORDER="1"'],
  ['anchor', 'double border: the trust anchor key', 'BORDER="1"'],
  ['absent', 'dashed key: named by a DS or RRSIG, not in the zone', 'BORDER="1" STYLE="dashed"'],
  ['revoked', 'thick border: a revoked key (RFC 5011)', 'BORDER="3"'],
];

/** The legend's node statement: the looks the graph uses, then its key roles and what the arrows mean. */
export function legendStatement(graph: Graph): string {
  const used = new Set<Look>([
    ...graph.nodes.map((n) => lookOf(n.status)),
    ...graph.edges.map((e) => lookOf(e.status)),
    ...graph.zones.map((z) => lookOf(z.status)),
  ]);
  const rows = Object.values(LOOKS)
    .filter((look) => used.has(look))
    .map((look) => lookRow(look, graph.mode));
  const roles = new Set(graph.nodes.flatMap((n) => n.roles ?? []));
  for (const [role, words, cell] of ROLE_ROWS) {
    if (roles.has(role)) rows.push(`<TR><TD ID="legend-${role}" ${cell} ALIGN="LEFT">${htmlText(words)}</TD></TR>`);
  }
  const arrows: string[] = [];
  if (graph.edges.some((e) => e.kind === 'referral')) arrows.push('thick arrow: a referral to the child zone');
  if (graph.edges.some((e) => e.kind === 'rrsig')) arrows.push('key to RRset: an RRSIG; DS to key: a digest');
  if (graph.edges.some((e) => e.kind === 'answer')) arrows.push('server to records: the answer it gave');
  if (graph.edges.some((e) => e.kind === 'names')) arrows.push('finding to server: the servers the finding names');
  for (const words of arrows) rows.push(`<TR><TD BORDER="0" ALIGN="LEFT">${htmlText(words)}</TD></TR>`);
  const table = [
    '<<TABLE BORDER="1" COLOR="#9e9e9e" STYLE="rounded" CELLBORDER="0" CELLSPACING="4" CELLPADDING="3">',
    '<TR><TD BORDER="0"><B>Legend</B></TD></TR>',
    ...rows,
    '</TABLE>>',
  ].join('');
  return `"legend" ${attributes({ id: 'legend', class: 'legend', shape: 'plaintext', margin: 0, fontsize: 9, label: { dot: table } })};`;
}
