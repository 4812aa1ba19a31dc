/** The +validate verdict as dig-style comment lines (after the usual output), or one line under +short, as delv prints it. */
import type { Validation } from '../dnssec/types.js';

const DIGESTS: Readonly<Record<number, string>> = { 1: 'SHA-1', 2: 'SHA-256', 4: 'SHA-384' };

function headline(v: Validation): string {
  if (v.status === 'secure' && v.anchor)
    return `secure (validated from the trust anchor for ${v.anchor.zone}, key ${v.anchor.keyTag})`;
  return v.status;
}

/** The `;; VALIDATION:` block: the verdict, why, and one line per zone of the chain. */
export function renderValidation(v: Validation): string {
  const lines = [
    ';; VALIDATION:',
    `;; DNSSEC: ${headline(v)}`,
    `;; ${v.status === 'secure' ? 'proof' : 'reason'}: ${v.reason}`,
  ];
  if (v.note) lines.push(`;; note: ${v.note}`);
  if (v.iteration) lines.push(`;; chain: DS and DNSKEY fetched by iteration from the root hints: ${v.iteration}`);
  const width = Math.max(0, ...v.chain.map((link) => link.zone.length));
  for (const link of v.chain) {
    const zone = link.zone.padEnd(width);
    if (link.unsigned) {
      lines.push(`;;   ${zone}  unsigned delegation (no DS)`);
      continue;
    }
    const keys = `key${link.keys.length === 1 ? '' : 's'} ${link.keys.join(', ')}`;
    const via = link.anchor
      ? 'trust anchor'
      : `DS ${link.ds.map((ds) => `${ds.keyTag}/${DIGESTS[ds.digestType] ?? `digest ${ds.digestType}`}`).join(', ')}`;
    lines.push(`;;   ${zone}  ${keys}  (${via})`);
  }
  lines.push(`;; validation queries: ${v.queries}`);
  return `${lines.join('\n')}\n\n`;
}

/** One line for +short, in delv's words where delv has them. */
export function renderValidationShort(v: Validation, negative: boolean): string {
  switch (v.status) {
    case 'secure':
      return negative ? '; negative response, fully validated\n' : '; fully validated\n';
    case 'insecure':
      return negative ? '; negative response, unsigned\n' : '; unsigned answer\n';
    case 'bogus':
      return `; validation failed: ${v.reason}\n`;
    default:
      return `; validation indeterminate: ${v.reason}\n`;
  }
}
