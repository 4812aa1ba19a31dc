/**
 * +multiline comparison: the record text of each section, byte for byte (tabs, parentheses, line
 * cuts and comments included). A record is its first line plus the continuation lines that start
 * with a tab. Records are compared as sets, because servers rotate RRsets between the two runs.
 */

/** The sections dig prints with a `;; NAME SECTION:` title. */
const SECTIONS = ['QUESTION', 'ANSWER', 'AUTHORITY', 'ADDITIONAL'] as const;

/** Section title -> its records (each one or more lines joined with "\n"), in printed order. */
export type MultilineSections = Record<(typeof SECTIONS)[number], string[]>;

/** Splits dig's text output into the records of its titled sections. */
export function multilineSections(text: string): MultilineSections {
  const sections: MultilineSections = { QUESTION: [], ANSWER: [], AUTHORITY: [], ADDITIONAL: [] };
  let current: string[] | undefined;
  for (const line of text.split('\n')) {
    const title = /^;; (QUESTION|ANSWER|AUTHORITY|ADDITIONAL) SECTION:$/.exec(line);
    if (title) {
      current = sections[title[1] as keyof MultilineSections];
    } else if (line === '' || line.startsWith(';; ')) {
      current = undefined;
    } else if (current && line.startsWith('\t')) {
      if (current.length === 0) throw new Error(`continuation line before any record: ${JSON.stringify(line)}`);
      current[current.length - 1] += `\n${line}`;
    } else if (current) {
      current.push(line);
    }
  }
  return sections;
}

/** Differences between dig's and tsdig's +multiline sections, one line each; empty when they agree. */
export function compareMultiline(digText: string, tsdigText: string): string[] {
  const dig = multilineSections(digText);
  const tsdig = multilineSections(tsdigText);
  // A dig run that printed no record compares nothing: that is the harness's fault, not a pass.
  if (dig.ANSWER.length + dig.AUTHORITY.length === 0) return ['dig printed no answer or authority records'];
  const out: string[] = [];
  for (const section of SECTIONS) {
    const missing = [...dig[section]].sort();
    const extra: string[] = [];
    for (const record of tsdig[section]) {
      const at = missing.indexOf(record);
      if (at >= 0) missing.splice(at, 1);
      else extra.push(record);
    }
    for (const record of missing) out.push(`${section}: dig has ${JSON.stringify(record)}`);
    for (const record of extra) out.push(`${section}: tsdig has ${JSON.stringify(record)}`);
  }
  return out;
}
