/**
 * The zone transfer path (AXFR, IXFR over TCP): loaded only when a query asks for one. Output is
 * written as each message arrives, and reading waits while stdout is backed up, so memory stays flat
 * however large the zone.
 */
import type { PlannedQuery } from '../plan/plan.js';
import { renderEvents, renderLookup, type DigContext } from '../render/dig.js';
import { transferHead, transferJsonWriter, transferTail } from '../render/jsonTransfer.js';
import { oneSoa, renderTransferMessage, renderTransferQuery, renderTransferStats } from '../render/transfer.js';
import type { YamlWire } from '../render/yamlMessage.js';
import { transfer, type TransferPlan, type TransferResult, type TransferSink } from '../resolve/transfer.js';
import { isLoopbackAddress } from '../resolve/loopbackGuard.js';
import { openTcpStream, type OpenFrameStream } from '../transport/tcpStream.js';
import { TransportError, type Endpoint } from '../transport/types.js';
import { decodeMessage } from '../wire/decode.js';
import { TYPE } from '../wire/rrtypes.js';
import { VERSION } from '../version.js';
import type { BufferedWriter } from './bufferedWriter.js';
import type { Io } from './io.js';
import { commandHeader, displayNameFor, yamlContext, type Outcome, type ViewContext } from './views.js';

/** Where a transfer writes, and how it waits for the reader. */
export interface TransferOutput {
  out: BufferedWriter;
  /** Resolves once the text written so far has been taken by the reader. */
  drained(): Promise<void>;
}

/** The output of a run: the buffered writer, and a wait on stdout's 'drain' when it is a stream that asks for one. */
export function transferOutput(out: BufferedWriter, io: Io): TransferOutput {
  const sink = io.stdout as Partial<NodeJS.WritableStream> & { writableNeedDrain?: boolean };
  return {
    out,
    drained: async () => {
      out.flush();
      const once = sink.once?.bind(sink);
      if (sink.writableNeedDrain && once) await new Promise<void>((resolve) => once('drain', () => resolve()));
    },
  };
}

/** The stream opener for the run: TSDIG_LOOPBACK_ONLY refuses any other address before connecting. */
export function streamOpener(io: Io): OpenFrameStream {
  const open = io.openStream ?? openTcpStream;
  if (!io.env.TSDIG_LOOPBACK_ONLY) return open;
  return async (request) => {
    if (isLoopbackAddress(request.server.address)) return open(request);
    throw new TransportError('unreachable', 'not sent: TSDIG_LOOPBACK_ONLY allows loopback addresses only');
  };
}

/** The transfer a planned query asks for. */
export function transferPlan(plan: PlannedQuery): TransferPlan {
  const question = plan.lookup.candidates[0];
  return {
    question,
    ...(plan.request.ixfrSerial !== undefined && { ixfrSerial: plan.request.ixfrSerial }),
    servers: plan.lookup.servers,
    settings: plan.lookup.settings,
  };
}

/**
 * Runs one transfer and writes it as it goes: dig's text, or a JSON document streamed to `output`
 * (`streamJson`), or, when JSON documents are gathered into one array, returned whole.
 */
export async function runTransfer(
  plan: PlannedQuery,
  view: ViewContext,
  output: TransferOutput,
  open: OpenFrameStream,
  first: boolean,
  streamJson: boolean,
): Promise<Outcome> {
  if (view.jsonView) return jsonTransfer(plan, view, output, open, streamJson);
  if (view.yamlView) return yamlTransfer(plan, view, view.yamlView, output, open);
  const { out } = output;
  const display = plan.request.settings.display;
  const ctx: DigContext = {
    display,
    palette: view.palette,
    serverLabel: plan.serverLabel,
    displayName: displayNameFor(view, display),
    usec: view.usec,
  };
  let headerDue = first;
  const header = (): void => {
    if (headerDue) out.write(commandHeader(view, plan, false));
    headerDue = false;
  };
  let sentCookie: Uint8Array | undefined;
  const axfr = plan.request.type === TYPE.AXFR;
  const sink: TransferSink = {
    query(query, spec) {
      sentCookie = spec.edns?.cookie;
      if (!display.qr || display.short) return;
      header();
      out.write(renderTransferQuery(decodeMessage(query), query.length, ctx));
    },
    async message(message, _raw, index) {
      header();
      out.write(renderTransferMessage(message, index, ctx, { axfr, sentCookie }));
      await output.drained();
    },
    event: (event) => out.write(renderEvents([event], view.palette)),
    line: (text) => out.write(`${text}\n`),
  };
  const result = await transfer(transferPlan(plan), open, sink);
  if (result.outcome === 'complete') {
    out.write(renderTransferStats(result, ctx));
    return { text: '', failed: false };
  }
  if (result.outcome === 'unreachable') {
    if (headerDue) out.write(commandHeader(view, plan, true));
    out.write(renderLookup({ question: result.question, events: [], error: result.failure }, ctx));
    return { text: '', failed: true };
  }
  return { text: '', failed: false };
}

async function jsonTransfer(
  plan: PlannedQuery,
  view: ViewContext,
  output: TransferOutput,
  open: OpenFrameStream,
  streamJson: boolean,
): Promise<Outcome> {
  const tplan = transferPlan(plan);
  if (!streamJson) {
    // Gathered into one array with other documents: the records are held.
    const records: unknown[] = [];
    const { recordJson } = await import('../render/jsonMessage.js');
    const result = await transfer(tplan, open, {
      message: (message) => void records.push(...message.answer.map(recordJson)),
      event: () => {},
      line: () => {},
    });
    const head = transferHead(VERSION, result.question, result.server ?? tplan.servers[0], tplan.ixfrSerial);
    return { text: '', json: { ...head, records, ...transferTail(result) }, failed: result.outcome === 'unreachable' };
  }
  const writer = transferJsonWriter(view.format === 'json');
  output.out.write(writer.head(transferHead(VERSION, tplan.question, tplan.servers[0], tplan.ixfrSerial)));
  const result: TransferResult = await transfer(tplan, open, {
    async message(message) {
      for (const record of message.answer) output.out.write(writer.record(record));
      await output.drained();
    },
    event: () => {},
    line: () => {},
  });
  output.out.write(writer.tail(transferTail(result)));
  return { text: '', failed: result.outcome === 'unreachable', streamed: true };
}

/** A transfer in dig's YAML layout: each message a MESSAGE item as it arrives; dig's failure lines as DIG_ERROR items. */
async function yamlTransfer(
  plan: PlannedQuery,
  view: ViewContext,
  yaml: typeof import('../render/yaml.js'),
  output: TransferOutput,
  open: OpenFrameStream,
): Promise<Outcome> {
  const { out } = output;
  const ctx = yamlContext(plan, view);
  const { display } = ctx;
  const axfr = plan.request.type === TYPE.AXFR;
  let sent: { at: number; server: Endpoint; cookie?: Uint8Array } | undefined;
  const wire = (size: number, receivedAt?: number): YamlWire => {
    const at = sent?.at ?? Date.now();
    const facts: YamlWire = { server: sent?.server ?? plan.lookup.servers[0], protocol: 'tcp', sentAt: at, size };
    if (receivedAt !== undefined) facts.receivedAt = receivedAt;
    if (ctx.source) facts.source = ctx.source;
    if (ctx.usec) facts.usec = true;
    return facts;
  };
  const result = await transfer(transferPlan(plan), open, {
    query(query, spec, server) {
      sent = { at: Date.now(), server, cookie: spec.edns?.cookie };
      if (display.qr) out.write(yaml.yamlMessage(decodeMessage(query), wire(query.length), { isQuery: true, display }));
    },
    async message(message, raw, index) {
      const answerShown = display.onesoa && axfr ? oneSoa(message, index).answer : undefined;
      out.write(yaml.yamlReply(message, wire(raw.length, Date.now()), ctx, sent?.cookie, { answerShown }));
      await output.drained();
    },
    event: () => {},
    line: (text) => out.write(yaml.yamlError(text.replace(/^;+\s*/, ''))),
  });
  if (result.outcome !== 'unreachable') return { text: '', failed: false };
  out.write(yaml.yamlError(result.failure?.message ?? 'no servers could be reached'));
  return { text: '', failed: true };
}
