/** Wrapping of presentation-format text into fixed-width lines for table cells. */

/** One unit that must not be split: a `\DDD` or `\X` escape, or a single code point. */
const ATOM = /\\[0-9]{3}|\\u\{[0-9A-Fa-f]+\}|\\[\s\S]|[\s\S]/gu;

function atoms(text: string): string[] {
  return text.match(ATOM) ?? [];
}

/** Splits a word longer than `width` into pieces of at most `width` characters, never inside an escape. */
function splitWord(word: string, width: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const atom of atoms(word)) {
    if (piece.length > 0 && piece.length + atom.length > width) {
      pieces.push(piece);
      piece = '';
    }
    piece += atom;
  }
  pieces.push(piece);
  return pieces;
}

/**
 * Lines of at most `width` characters: breaks after `separator` where it can (a space stays at the end of its line,
 * or starts the next one when the line is full, so no character of the data is lost), inside long words where it
 * must, and never inside an escape sequence. Names wrap best with separator '.', rdata with ' '.
 */
export function wrapText(text: string, width: number, separator = ' '): string[] {
  if (text.length <= width) return [text];
  const lines: string[] = [];
  let line = '';
  for (const token of tokens(text, separator)) {
    if (line.length + token.length <= width) {
      line += token;
      continue;
    }
    let rest = token;
    if (line.length > 0 && token.startsWith(' ') && line.length < width) {
      line += ' ';
      rest = token.slice(1);
    }
    if (line.length > 0) lines.push(line);
    const pieces = splitWord(rest, width);
    line = pieces.pop() ?? '';
    lines.push(...pieces);
  }
  lines.push(line);
  return lines;
}

/** Spaces start a token (`a`, ` b`); any other separator ends one (`www.`, `example.`), escapes excepted. */
function tokens(text: string, separator: string): string[] {
  const out: string[] = [];
  let current = '';
  for (const atom of atoms(text)) {
    if (atom === separator && separator === ' ') {
      if (current) out.push(current);
      current = atom;
    } else {
      current += atom;
      if (atom === separator) {
        out.push(current);
        current = '';
      }
    }
  }
  if (current) out.push(current);
  return out;
}
