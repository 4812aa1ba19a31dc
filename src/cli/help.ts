/** --help and --version text, generated from the option table (commander lays out the columns). */
import type { Command as CommanderCommand, Help, Option as CommanderOption } from 'commander';
import { VERSION } from '../version.js';
import {
  DASH_GROUP_TITLES,
  DASH_OPTIONS,
  PLUS_GROUP_TITLES,
  PLUS_OPTIONS,
  dashTerm,
  plusTerm,
  type DashOptionSpec,
  type PlusGroup,
  type PlusOptionSpec,
} from './optionTable.js';

/** Width --help fits in, whatever the terminal: the text is also the man page's and the tests' reference. */
export const HELP_WIDTH = 80;

/** The usage synopsis words: dig's, in dig's order. */
export function usageWords(): string[] {
  const dash = DASH_OPTIONS.filter((spec: DashOptionSpec) => spec.short && !spec.long).map((spec: DashOptionSpec) =>
    spec.arg ? `[-${spec.short} ${spec.arg}]` : `[-${spec.short}]`,
  );
  return ['[@server]', ...dash, '[name]', '[type]', '[class]', '[+queryopt...]'];
}

function wrapWords(words: string[], first: string, width: number): string {
  const indent = ' '.repeat(first.length);
  const lines: string[] = [];
  let line = first.trimEnd();
  for (const word of words) {
    if (line.length + 1 + word.length > width) {
      lines.push(line);
      line = indent + word;
    } else {
      line += (line.endsWith(' ') || line === '' ? '' : ' ') + word;
    }
  }
  lines.push(line);
  return lines.join('\n');
}

function plusSections(helper: Help, termWidth: number): string[] {
  const groups = new Map<PlusGroup, PlusOptionSpec[]>();
  for (const spec of PLUS_OPTIONS as readonly PlusOptionSpec[]) {
    groups.set(spec.group, [...(groups.get(spec.group) ?? []), spec]);
  }
  const out: string[] = ['Query options (+[no]option; a unique prefix is enough, as in dig):', ''];
  for (const [group, specs] of groups) {
    out.push(`${PLUS_GROUP_TITLES[group]}:`);
    for (const spec of specs) out.push(helper.formatItem(plusTerm(spec), termWidth, spec.description, helper));
    out.push('');
  }
  return out;
}

/** The full --help text. Loads commander only now: a normal run never pays for it. */
export function helpText(): string {
  const { createRequire } = process.getBuiltinModule('node:module');
  const commander = createRequire(import.meta.url)('commander') as typeof import('commander');
  const terms = new Map<CommanderOption, string>();
  const allTerms = [
    ...(DASH_OPTIONS as readonly DashOptionSpec[]).map(dashTerm),
    ...(PLUS_OPTIONS as readonly PlusOptionSpec[]).map(plusTerm),
  ];
  const termWidth = Math.max(...allTerms.map((term) => term.length));

  /** commander's layout with dig's terms, one description column for both tables, and the +options after the dash options. */
  class TsdigHelp extends commander.Help {
    constructor() {
      super();
      this.helpWidth = HELP_WIDTH;
      this.sortOptions = false;
    }

    override optionTerm(option: CommanderOption): string {
      return terms.get(option) ?? super.optionTerm(option);
    }

    override padWidth(): number {
      return termWidth;
    }

    override formatHelp(cmd: CommanderCommand, helper: Help): string {
      const dashPart = super.formatHelp(cmd, helper).trimEnd();
      return `${[dashPart, '', ...plusSections(helper, termWidth)].join('\n').trimEnd()}\n`;
    }
  }

  /** The command whose help is TsdigHelp: commander's documented way to lay out help with a Help subclass. */
  class TsdigCommand extends commander.Command {
    override createHelp(): Help {
      return new TsdigHelp();
    }
  }

  const program = new TsdigCommand('tsdig')
    .helpOption(false)
    .usage(wrapWords(usageWords(), 'Usage: tsdig ', HELP_WIDTH).slice('Usage: tsdig '.length));
  program.description(
    "DNS lookups with dig's command line. +options before the first name apply to every query; after a name, to that query only. @server applies the same way; several @servers are tried in order, the next when one does not reply.",
  );
  for (const spec of DASH_OPTIONS as readonly DashOptionSpec[]) {
    const flags = [spec.short && `-${spec.short}`, spec.long && `--${spec.long}`].filter(Boolean).join(', ');
    const option = new commander.Option(spec.arg ? `${flags} <${spec.arg}>` : flags, spec.description).helpGroup(
      `${DASH_GROUP_TITLES[spec.group]}:`,
    );
    terms.set(option, dashTerm(spec));
    program.addOption(option);
  }
  return program.helpInformation();
}

/** The --version text. */
export function versionText(): string {
  return `tsdig ${VERSION}\n`;
}
