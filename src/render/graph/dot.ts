/**
 * A graph as Graphviz DOT text: one cluster per zone, nodes and edges drawn by status (looks.ts), and a
 * legend of the looks the picture uses. Every string from the network goes through dotString, so a
 * name cannot end a quoted string, start an escape, smuggle an HTML entity or a control byte.
 */
import { escapeText } from '../../wire/escape.js';
import { legendStatement } from './legend.js';
import { EDGE_WIDTH, KIND_ROW, lookOf, NODE_SHAPES } from './looks.js';
import type { Graph, GraphEdge, GraphNode, GraphZone } from './model.js';

/**
 * A DOT quoted string showing `text` as it is: control and bidi characters escaped as tsdig prints them,
 * then `\` and `"` backslashed, `&` written as an entity (Graphviz decodes entities in labels) and
 * anything beyond ASCII as a numeric entity, so the DOT text itself is ASCII.
 */
export function dotString(text: string): string {
  let out = '';
  for (const ch of escapeText(text)) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '&') out += '&amp;';
    else if (cp > 0x7e) out += `&#x${cp.toString(16).toUpperCase()};`;
    else out += ch;
  }
  return `"${out}"`;
}

/** DOT text already quoted and escaped. */
export interface DotText {
  dot: string;
}

/** Characters on one drawn line before it is broken at a space: long reasons stay readable. */
const LINE_WIDTH = 56;

/** A line broken at spaces into pieces of at most LINE_WIDTH characters (a longer word stays whole). */
export function wrapLine(line: string): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of line.split(' ')) {
    if (current !== '' && current.length + 1 + word.length > LINE_WIDTH) {
      out.push(current);
      current = word;
    } else current = current === '' ? word : `${current} ${word}`;
  }
  out.push(current);
  return out;
}

/** Label lines as one DOT string, each line centred (`\n`), long ones wrapped. */
function labelString(lines: readonly string[]): DotText {
  return {
    dot: `"${lines
      .flatMap(wrapLine)
      .map((line) => dotString(line).slice(1, -1))
      .join('\\n')}"`,
  };
}

export type Attributes = Record<string, string | number | DotText | undefined>;

/** `[a="x", b=2]`: strings quoted with dotString, numbers bare, DotText as it is. */
export function attributes(attrs: Attributes): string {
  const parts = Object.entries(attrs)
    .filter((entry): entry is [string, string | number | DotText] => entry[1] !== undefined)
    .map(([key, value]) => {
      const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? dotString(value) : value.dot;
      return `${key}=${text}`;
    });
  return `[${parts.join(', ')}]`;
}

export function styleOf(...parts: Array<string | undefined | false>): string | undefined {
  const kept = parts.filter((part): part is string => Boolean(part) && part !== 'solid');
  return kept.length > 0 ? kept.join(',') : undefined;
}

function nodeStatement(node: GraphNode): string {
  const look = lookOf(node.status);
  const roles = node.roles ?? [];
  const shape = NODE_SHAPES[node.kind];
  const line = roles.includes('absent') ? 'dashed' : look.line;
  const filled = roles.includes('ksk') || node.kind === 'start' || node.kind === 'verdict' || node.kind === 'finding';
  const attrs: Attributes = {
    id: node.id,
    class: [node.kind, node.status, ...roles].join(' '),
    label: labelString(node.label),
    shape: shape.shape,
    style: styleOf(shape.style, line, filled && 'filled'),
    color: look.color,
    fillcolor: filled ? (node.kind === 'dnskey' ? '#d9d9d9' : '#f2f2f2') : undefined,
    penwidth: roles.includes('revoked') ? 3 : node.kind === 'verdict' ? 2 : Math.max(1, look.penwidth - 0.5),
    peripheries: roles.includes('anchor') ? 2 : undefined,
  };
  return `${dotString(node.id)} ${attributes(attrs)};`;
}

function edgeStatement(edge: GraphEdge): string {
  const look = lookOf(edge.status);
  const attrs: Attributes = {
    id: edge.id,
    class: [edge.kind, edge.status].join(' '),
    color: look.color,
    style: styleOf(edge.kind === 'glue' ? 'dashed' : look.line),
    penwidth: EDGE_WIDTH[edge.kind] ?? look.penwidth,
    label: edge.label,
    fontcolor: edge.label ? look.color : undefined,
    lhead: edge.toZone ? `cluster_${edge.toZone}` : undefined,
    arrowhead: edge.kind === 'proves' ? 'empty' : undefined,
    // A referral crosses from one zone's box into the next: room enough to see the arrow between them.
    minlen: edge.kind === 'referral' || edge.kind === 'start' ? 2 : undefined,
  };
  return `${dotString(edge.from)} -> ${dotString(edge.to)} ${attributes(attrs)};`;
}

/** A zone's box; `judged`: its status is worth saying in its label (a DNSSEC state, +check's worst finding). */
function clusterLines(zone: GraphZone, nodes: readonly GraphNode[], judged: boolean): string[] {
  const look = lookOf(zone.status);
  const label = judged && zone.status !== 'none' ? `${zone.name}  (${zone.status})` : zone.name;
  return [
    `  subgraph ${dotString(`cluster_${zone.id}`)} {`,
    `    graph ${attributes({
      id: `cluster-${zone.id}`,
      class: `zone ${zone.status}`,
      label,
      style: styleOf('rounded', look.line),
      color: look.color,
      penwidth: look.penwidth,
      fontname: 'Helvetica',
      fontsize: 12,
    })};`,
    ...nodes.map((node) => `    ${nodeStatement(node)}`),
    ...sameRows(nodes),
    '  }',
  ];
}

/** `{rank=same; ...}` for each row of a zone that holds more than one node. */
function sameRows(nodes: readonly GraphNode[]): string[] {
  const rows = new Map<number, GraphNode[]>();
  for (const node of nodes) rows.set(KIND_ROW[node.kind], [...(rows.get(KIND_ROW[node.kind]) ?? []), node]);
  return [...rows.values()]
    .filter((row) => row.length > 1)
    .map((row) => `    { rank=same; ${row.map((node) => `${dotString(node.id)};`).join(' ')} }`);
}

/** The first node of each non-empty row of a zone, top to bottom. */
function rowHeads(nodes: readonly GraphNode[]): GraphNode[] {
  const heads = new Map<number, GraphNode>();
  for (const node of nodes) if (!heads.has(KIND_ROW[node.kind])) heads.set(KIND_ROW[node.kind], node);
  return [...heads.entries()].sort((a, b) => a[0] - b[0]).map((entry) => entry[1]);
}

/**
 * Invisible edges that only order the layout: a zone's rows top to bottom, and a child zone below
 * all of its parent, so the chain reads from the root down.
 */
function layoutLines(graph: Graph): string[] {
  const heads = new Map(graph.zones.map((zone) => [zone.id, rowHeads(graph.nodes.filter((n) => n.zone === zone.id))]));
  const lines: string[] = [];
  const order = (from: GraphNode, to: GraphNode): void => {
    lines.push(`  ${dotString(from.id)} -> ${dotString(to.id)} [style=invis];`);
  };
  for (const rows of heads.values()) {
    for (let i = 1; i < rows.length; i++) order(rows[i - 1], rows[i]);
  }
  const seen = new Set<string>();
  for (const edge of graph.edges) {
    if (edge.kind !== 'referral' || !edge.toZone) continue;
    const from = graph.nodes.find((n) => n.id === edge.from)?.zone;
    const key = `${from} ${edge.toZone}`;
    if (from === undefined || from === edge.toZone || seen.has(key)) continue;
    seen.add(key);
    const above = heads.get(from) ?? [];
    const below = heads.get(edge.toZone) ?? [];
    if (above.length > 0 && below.length > 0) order(above[above.length - 1], below[0]);
  }
  return lines;
}

/** The DOT text of a graph, newline-terminated. */
export function renderDot(graph: Graph): string {
  const how =
    graph.mode === 'compare'
      ? '+compare'
      : graph.mode === 'check'
        ? '+check'
        : `+trace${graph.dnssec ? ' +validate' : ''}`;
  const title = `tsdig ${how}: ${graph.title}`;
  const lines = [
    'digraph "tsdig" {',
    `  graph ${attributes({ id: 'tsdig-graph', compound: 'true', newrank: 'true', rankdir: 'TB', label: title, labelloc: 't', fontname: 'Helvetica-Bold', fontsize: 14, nodesep: 0.3, ranksep: 0.55 })};`,
    `  node ${attributes({ fontname: 'Helvetica', fontsize: 10, margin: '0.1,0.04' })};`,
    `  edge ${attributes({ fontname: 'Helvetica', fontsize: 9 })};`,
  ];
  for (const node of graph.nodes) if (node.zone === undefined) lines.push(`  ${nodeStatement(node)}`);
  for (const zone of graph.zones) {
    const nodes = graph.nodes.filter((node) => node.zone === zone.id);
    if (nodes.length > 0) lines.push(...clusterLines(zone, nodes, graph.dnssec || graph.mode === 'check'));
  }
  for (const edge of graph.edges) lines.push(`  ${edgeStatement(edge)}`);
  lines.push(...layoutLines(graph));
  lines.push(`  ${legendStatement(graph)}`, '}');
  return `${lines.join('\n')}\n`;
}
