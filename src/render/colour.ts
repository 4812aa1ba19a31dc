/**
 * Whether to colour, and the chalk-backed palette when we do.
 *
 * chalk is loaded only by colourPalette: importing it costs about 9 ms of start-up (measured on Node 20), which a
 * plain `tsdig name | grep` should not pay. This module itself is cheap to import.
 */
import type { Palette } from './palette.js';

/** Colour depth: 0 none, 1 the 16 basic colours, 2 256 colours, 3 true colour (chalk's levels). */
export type ColourLevel = 0 | 1 | 2 | 3;

/** What chooseColour looks at. */
export interface ColourContext {
  /** --color / +[no]color: explicit always/never wins over everything else. */
  flag: 'auto' | 'always' | 'never';
  /** Whether stdout is a terminal. */
  isTTY: boolean;
  env: Readonly<Record<string, string | undefined>>;
}

const NOERROR = 0;
const NXDOMAIN = 3;

/** The depth the terminal claims (at least the 16 basic colours). */
function terminalLevel(env: ColourContext['env']): 1 | 2 | 3 {
  const colorterm = (env.COLORTERM ?? '').toLowerCase();
  if (colorterm === 'truecolor' || colorterm === '24bit') return 3;
  if (/256/.test(env.TERM ?? '')) return 2;
  return 1;
}

/** FORCE_COLOR as chalk and force-color.org read it: 0/false off, 1-3 that depth, anything else non-empty on. */
function forcedLevel(value: string, env: ColourContext['env']): ColourLevel {
  if (value === '0' || value.toLowerCase() === 'false') return 0;
  if (value === '1' || value === '2' || value === '3') return Number(value) as ColourLevel;
  return terminalLevel(env);
}

/**
 * The colour level for this run. Order: an explicit flag; then FORCE_COLOR (non-empty); then NO_COLOR (non-empty)
 * turns colour off; then colour only when stdout is a terminal that is not TERM=dumb.
 */
export function chooseColour({ flag, isTTY, env }: ColourContext): ColourLevel {
  if (flag === 'never') return 0;
  if (flag === 'always')
    return env.FORCE_COLOR ? (Math.max(1, forcedLevel(env.FORCE_COLOR, env)) as ColourLevel) : terminalLevel(env);
  if (env.FORCE_COLOR) return forcedLevel(env.FORCE_COLOR, env);
  if (env.NO_COLOR) return 0;
  if (!isTTY || env.TERM === 'dumb') return 0;
  return terminalLevel(env);
}

/**
 * The palette for a colour terminal: NOERROR green, NXDOMAIN yellow (a real answer, but a negative one),
 * every other status red; the aa marker bold green, its absence dim; names cyan, types magenta, TTLs blue,
 * comments dim, warnings yellow, errors bold red. Level 0 gives back the identity palette's behaviour.
 */
export async function colourPalette(level: ColourLevel): Promise<Palette> {
  const { Chalk } = await import('chalk');
  const c = new Chalk({ level });
  return {
    status: (text, rcode) =>
      rcode === NOERROR ? c.bold.green(text) : rcode === NXDOMAIN ? c.bold.yellow(text) : c.bold.red(text),
    authoritative: (text) => c.bold.green(text),
    nonAuthoritative: (text) => c.dim(text),
    name: (text) => c.cyan(text),
    type: (text) => c.magenta(text),
    ttl: (text) => c.blue(text),
    comment: (text) => c.dim(text),
    error: (text) => c.bold.red(text),
    warning: (text) => c.yellow(text),
  };
}
