/** The CLI: argv in, text out, exit code back. The one place results and errors become text and exit codes. */
import { isIP } from 'node:net';
import type { Options, QueryRequest } from './cli/types.js';
import { parseArgs } from './cli/parseArgs.js';
import { ExitCode, InputError, TsdigError, BatchFileError } from './errors.js';
import { planQuery, type PlannedQuery, type SystemFacts } from './plan/plan.js';
import { createQueryFn } from './resolve/exchange.js';
import { lookup } from './resolve/lookup.js';
import type { LookupResult, QueryFn } from './resolve/types.js';
import { readResolvConf } from './system/resolvConf.js';
import { tcpTransport } from './transport/tcp.js';
import { udpTransport } from './transport/udp.js';
import { renderCommandHeader, renderEvents, renderLookup } from './render/dig.js';
import { plainPalette, type Palette } from './render/palette.js';
import { escapeText } from './wire/escape.js';
import { decodeMessage } from './wire/decode.js';
import { VERSION } from './version.js';

/** Where main reads and writes; tests pass buffers. */
export interface Io {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env: NodeJS.ProcessEnv;
  /** Whether stdout is a terminal (colour, tables, +idnout). */
  isTTY: boolean;
  stdin?: NodeJS.ReadableStream;
  /** Test seam: the network. */
  queryFn?: QueryFn;
  /** Test seam: host-name resolution for @server. */
  resolveHost?: (name: string) => Promise<string[]>;
}

async function systemResolveHost(name: string): Promise<string[]> {
  const { lookup: dnsLookup } = await import('node:dns/promises');
  const found = await dnsLookup(name, { all: true });
  return found.map((entry) => entry.address);
}

/** Reads the facts the plan needs: resolv.conf only when a query has no @server, host names for @server. */
async function systemFacts(options: Options, io: Io): Promise<SystemFacts> {
  const needsResolvConf = options.queries.some((q) => q.server === undefined || (q.settings.search && q.server === undefined));
  const resolvConf = needsResolvConf ? await readResolvConf(io.env) : undefined;
  const serverAddresses = new Map<string, string[]>();
  const resolveHost = io.resolveHost ?? systemResolveHost;
  for (const query of options.queries) {
    const server = query.server;
    if (server === undefined || isIP(server) || serverAddresses.has(server)) continue;
    try {
      serverAddresses.set(server, await resolveHost(server));
    } catch {
      serverAddresses.set(server, []);
    }
  }
  return { resolvConf, serverAddresses };
}

async function choosePalette(options: Options, io: Io): Promise<Palette> {
  const { chooseColour, colourPalette } = await import('./render/colour.js');
  const level = chooseColour({ flag: options.color, isTTY: io.isTTY, env: io.env });
  return level ? colourPalette(level) : plainPalette;
}

/** Runs the parsed options: plans every query first (bad input fails before any packet), then runs them in order. */
async function run(options: Options, io: Io): Promise<ExitCode> {
  const facts = await systemFacts(options, io);
  const plans: PlannedQuery[] = options.queries.map((request) => planQuery(request, options, facts));
  const palette = options.color === 'never' || (!io.isTTY && options.color === 'auto') ? plainPalette : await choosePalette(options, io);
  const query = io.queryFn ?? createQueryFn({ udp: udpTransport, tcp: tcpTransport });
  let code: ExitCode = ExitCode.ok;
  for (const [index, plan] of plans.entries()) {
    const result = await lookup(plan.lookup, query);
    code = result.exchange ? code : ExitCode.noReply;
    io.stdout.write(renderText(result, plan, options, index === 0, palette));
  }
  return code;
}

/** dig's text for one lookup: events, the command header before the first lookup, then the reply or the failure. */
function renderText(result: LookupResult, plan: PlannedQuery, options: Options, first: boolean, palette: Palette): string {
  const display = plan.request.settings.display;
  let out = renderEvents(result.events, palette);
  // dig prints its command header before the first lookup, and (even with +short) before a failure.
  const header = display.cmd && first && (!display.short || !result.exchange);
  if (header) out += renderCommandHeader(VERSION, options.argv, plan.serversFound);
  // The query is decoded only when shown (+qr) or needed to judge the server's COOKIE.
  const response = result.exchange?.response;
  const needsQuery = display.qr || response?.edns?.options.some((o) => o.code === 10);
  const query = needsQuery && result.exchange ? decodeMessage(result.exchange.query) : undefined;
  out += renderLookup(result, { display, palette, serverLabel: plan.serverLabel }, query);
  return out;
}

/** Runs tsdig with argv (without the program name); never throws. */
export async function main(argv: string[], io: Io): Promise<ExitCode> {
  try {
    const outcome = parseArgs(argv);
    switch (outcome.kind) {
      case 'help':
        io.stdout.write(outcome.text);
        return ExitCode.ok;
      case 'version':
        io.stdout.write(outcome.text);
        return ExitCode.ok;
      case 'invalid':
        io.stderr.write(`tsdig: ${escapeText(outcome.message)}\n`);
        return ExitCode.usage;
      case 'run':
        return await run(outcome.options, io);
    }
    return ExitCode.internal;
  } catch (error) {
    if (error instanceof BatchFileError) {
      io.stderr.write(`tsdig: ${escapeText(error.message)}\n`);
      return ExitCode.batchFile;
    }
    if (error instanceof InputError) {
      io.stderr.write(`tsdig: ${escapeText(error.message)}\n`);
      return ExitCode.usage;
    }
    const message = error instanceof Error ? error.message : String(error);
    const kind = error instanceof TsdigError ? error.code : 'internal';
    io.stderr.write(`tsdig: internal error (${kind}): ${escapeText(message)}\n`);
    return ExitCode.internal;
  }
}

export type { QueryRequest };
