/** +explain in dig's layout: the culprit, what the server asked said (its EDE), and the facts behind it, as `;;` lines. */
import type { Culprit, ExplainData } from '../explain/types.js';
import { escapeText } from '../wire/escape.js';
import { extendedErrors } from './ednsText.js';
import type { Palette } from './palette.js';

/** The hint the plain view prints after a failure that +explain could explain. */
export const EXPLAIN_HINT = ';; Hint: +explain traces the name from the root and names the culprit.';

/** What the server asked said, beside the trace: its failure and EDE options. */
function lookupLine(data: ExplainData): string | undefined {
  const { lookup } = data;
  if (!lookup.failure) return undefined;
  const who = lookup.server ? `${lookup.server.address}` : 'the server';
  const words: Record<string, string> = {
    servfail: 'SERVFAIL',
    nxdomain: 'NXDOMAIN',
    yxdomain: 'YXDOMAIN',
    timeout: 'no reply',
    bogus: `bogus${lookup.verdict ? ` (${lookup.verdict})` : ''}`,
    refused: 'REFUSED',
  };
  const ede =
    lookup.ede.length > 0
      ? extendedErrors(lookup.ede)
          .map((e) => e.text)
          .join(', ')
      : 'no EDE';
  return `${who} said: ${words[lookup.failure]}, ${ede}`;
}

/** The explanation's lines, after the lookup's own output. */
export function renderExplain(data: ExplainData, culprit: Culprit, palette: Palette): string {
  const lines = [`;; EXPLAIN: ${escapeText(culprit.line)}`];
  const said = lookupLine(data);
  if (said) lines.push(`;; ${escapeText(said)}`);
  for (const fact of culprit.evidence) lines.push(`;;   ${escapeText(fact)}`);
  const colour = culprit.kind === 'noTrace' ? palette.comment : palette.warning;
  return `${lines.map((line) => colour(line)).join('\n')}\n\n`;
}
