/**
 * How each status is drawn: a colour and a line style, so a picture printed in black and white still
 * reads (solid, dashed, dotted, thick). DNSViz's conventions where they are good: blue for secure,
 * black for insecure, red dashed for bogus, thick lines for delegations, a grey fill for a KSK and a
 * double border for a trust anchor.
 */
import type { GraphEdgeKind, GraphNodeKind, GraphStatus } from './model.js';

/** One way of drawing: what the legend says of it, its colour and its line. */
export interface Look {
  /** A stable name, used as the legend row's id and in SVG classes. */
  name: string;
  /** The legend's words for it. */
  meaning: string;
  /** The legend's words in a +check picture, where they differ (nothing there is judged insecure). */
  checkMeaning?: string;
  color: string;
  line: 'solid' | 'dashed' | 'dotted';
  penwidth: number;
}

export const LOOKS = {
  secure: {
    name: 'secure',
    meaning: 'secure: signature valid, digest matches, proof holds',
    color: '#1f5fa8',
    line: 'solid',
    penwidth: 2,
  },
  plain: {
    name: 'plain',
    meaning: 'insecure or not judged',
    checkMeaning: 'not checked: a zone above, as the walk met it',
    color: '#000000',
    line: 'solid',
    penwidth: 1,
  },
  bogus: {
    name: 'bogus',
    meaning: 'bogus: bad or expired signature, digest mismatch, proof fails',
    color: '#c62828',
    line: 'dashed',
    penwidth: 2,
  },
  doubt: {
    name: 'doubt',
    meaning: 'indeterminate: signature missing, key not found, algorithm unsupported',
    color: '#a15c00',
    line: 'dotted',
    penwidth: 2,
  },
  trouble: {
    name: 'trouble',
    meaning: 'server lame, REFUSED or failed; a hop that went wrong',
    color: '#a15c00',
    line: 'dashed',
    penwidth: 1.5,
  },
  silent: { name: 'silent', meaning: 'server gave no reply', color: '#6b6b6b', line: 'dotted', penwidth: 1.5 },
  agree: { name: 'agree', meaning: 'the answer most servers gave', color: '#000000', line: 'solid', penwidth: 1 },
  disagree: {
    name: 'disagree',
    meaning: 'another answer, or none',
    color: '#a15c00',
    line: 'dashed',
    penwidth: 1.5,
  },
  ok: {
    name: 'ok',
    meaning: 'ok: answers authoritatively, checks that passed',
    color: '#2e7d32',
    line: 'solid',
    penwidth: 1,
  },
  notice: {
    name: 'notice',
    meaning: 'notice: worth knowing, nothing broken',
    color: '#6a1b9a',
    line: 'dotted',
    penwidth: 1.5,
  },
  warning: {
    name: 'warning',
    meaning: 'warning: works, but against advice (fix it)',
    color: '#e65100',
    line: 'dashed',
    penwidth: 2,
  },
  error: {
    name: 'error',
    meaning: 'error: breaks resolution for some (fix it first)',
    color: '#c62828',
    line: 'solid',
    penwidth: 3,
  },
} as const satisfies Record<string, Look>;

const LOOK_OF: Readonly<Record<GraphStatus, Look>> = {
  secure: LOOKS.secure,
  valid: LOOKS.secure,
  match: LOOKS.secure,
  proven: LOOKS.secure,
  insecure: LOOKS.plain,
  none: LOOKS.plain,
  answered: LOOKS.plain,
  bogus: LOOKS.bogus,
  invalid: LOOKS.bogus,
  expired: LOOKS.bogus,
  premature: LOOKS.bogus,
  mismatch: LOOKS.bogus,
  unproven: LOOKS.bogus,
  indeterminate: LOOKS.doubt,
  noKey: LOOKS.doubt,
  missing: LOOKS.doubt,
  unsupported: LOOKS.doubt,
  lame: LOOKS.trouble,
  refused: LOOKS.trouble,
  failed: LOOKS.trouble,
  silent: LOOKS.silent,
  agree: LOOKS.agree,
  disagree: LOOKS.disagree,
  ok: LOOKS.ok,
  notice: LOOKS.notice,
  warning: LOOKS.warning,
  error: LOOKS.error,
};

/** The look of a status. */
export function lookOf(status: GraphStatus): Look {
  return LOOK_OF[status];
}

/** Shapes by node kind (the label says what each is; the shape helps the eye). */
export const NODE_SHAPES: Readonly<Record<GraphNodeKind, { shape: string; style?: string }>> = {
  start: { shape: 'box', style: 'rounded' },
  server: { shape: 'box' },
  glue: { shape: 'note' },
  note: { shape: 'note' },
  dnskey: { shape: 'ellipse' },
  ds: { shape: 'ellipse' },
  proof: { shape: 'parallelogram' },
  rrset: { shape: 'box', style: 'rounded' },
  finding: { shape: 'note' },
  verdict: { shape: 'box', style: 'rounded' },
};

/** Edge kinds drawn thicker or thinner than their status alone says. */
export const EDGE_WIDTH: Partial<Record<GraphEdgeKind, number>> = {
  referral: 3,
  start: 1,
  glue: 1,
  alias: 1.5,
  names: 1,
};

/** Rows within a zone, top to bottom: who was asked, the keys, the delegation's DS or proof, the answer. */
export const KIND_ROW: Readonly<Record<GraphNodeKind, number>> = {
  start: 0,
  server: 0,
  glue: 0,
  note: 0,
  dnskey: 1,
  ds: 2,
  proof: 2,
  rrset: 3,
  finding: 3,
  verdict: 4,
};
