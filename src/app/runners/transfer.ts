/**
 * Zone transfers (AXFR, IXFR over TCP). Output is written as each message arrives, and reading waits
 * while stdout is backed up, so memory stays flat however large the zone.
 */
import type { TransferQueryPlan } from '../../plan/queryPlan.js';
import { renderEvents, renderLookup, type DigContext } from '../../render/dig.js';
import { transferHead, transferJsonWriter, transferTail } from '../../render/jsonTransfer.js';
import { oneSoa, renderTransferMessage, renderTransferQuery, renderTransferStats } from '../../render/transfer.js';
import type { YamlWire } from '../../render/yamlMessage.js';
import { transfer, type TransferResult, type TransferSink } from '../../resolve/transfer.js';
import { isLoopbackAddress } from '../../resolve/loopbackGuard.js';
import { openTcpStream, type OpenFrameStream } from '../../transport/tcpStream.js';
import { TransportError, type Endpoint } from '../../transport/types.js';
import { decodeMessage } from '../../wire/decode.js';
import { TYPE } from '../../wire/rrtypes.js';
import { VERSION } from '../../version.js';
import type { BufferedWriter } from '../bufferedWriter.js';
import type { Io } from '../io.js';
import { commandHeader, displayNameFor, yamlContext, type Outcome, type ViewContext } from '../views.js';
import type { Runner } from './runner.js';

/** The transfer runner: one transfer at a time, each written as it arrives. */
export const transferRunner: Runner<'transfer'> = {
  sequential: true,
  async prepare({ run, io, view, out }) {
    const output = transferOutput(out, io);
    const open = streamOpener(io);
    // A lone transfer's JSON document is written as it arrives; several are gathered into one array.
    // The library takes the document whole.
    const streamJson = !view.documents && (view.format === 'ndjson' || (view.format === 'json' && run.count === 1));
    return (plan, index) => runTransfer(plan, view, output, open, index === 0, streamJson);
  },
};

/** Where a transfer writes, and how it waits for the reader. */
interface TransferOutput {
  out: BufferedWriter;
  /** Resolves once the text written so far has been taken by the reader. */
  drained(): Promise<void>;
}

/** The output of a run: the buffered writer, and a wait on stdout's 'drain' when it is a stream that asks for one. */
function transferOutput(out: BufferedWriter, io: Io): TransferOutput {
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
function streamOpener(io: Io): OpenFrameStream {
  const open = abortableStream(io.openStream ?? openTcpStream, io.signal);
  if (!io.env.TSDIG_LOOPBACK_ONLY) return open;
  return async (request) => {
    if (isLoopbackAddress(request.server.address)) return open(request);
    throw new TransportError('unreachable', 'not sent: TSDIG_LOOPBACK_ONLY allows loopback addresses only');
  };
}

/** The opener with the run's abort signal, which the stream heeds while connecting and while it is read. */
function abortableStream(open: OpenFrameStream, signal: AbortSignal | undefined): OpenFrameStream {
  if (!signal) return open;
  return (request) => open({ ...request, signal: request.signal ? AbortSignal.any([request.signal, signal]) : signal });
}

/**
 * Runs one transfer and writes it as it goes: dig's text, or a JSON document streamed to `output`
 * (`streamJson`), or, when JSON documents are gathered into one array, returned whole.
 */
async function runTransfer(
  plan: TransferQueryPlan,
  view: ViewContext,
  output: TransferOutput,
  open: OpenFrameStream,
  first: boolean,
  streamJson: boolean,
): Promise<Outcome> {
  if (view.jsonView) return jsonTransfer(plan, view, output, open, streamJson);
  if (view.yamlView) return yamlTransfer(plan, view, view.yamlView, output, open);
  const { out } = output;
  const display = plan.display;
  const ctx: DigContext = {
    display,
    palette: view.palette,
    serverLabel: plan.serverLabel,
    displayName: displayNameFor(view, display),
    usec: view.usec,
  };
  // The first transfer's whole header, or a later batch line's own words.
  let headerDue = true;
  const header = (): void => {
    if (headerDue) out.write(commandHeader(view, plan, false, first));
    headerDue = false;
  };
  let sentCookie: Uint8Array | undefined;
  const axfr = plan.transfer.question.type === TYPE.AXFR;
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
  const result = await transfer(plan.transfer, open, sink);
  if (result.outcome === 'complete') {
    out.write(renderTransferStats(result, ctx));
    return { text: '', failed: false };
  }
  if (result.outcome === 'unreachable') {
    if (headerDue) out.write(commandHeader(view, plan, true, first));
    out.write(renderLookup({ question: result.question, events: [], error: result.failure }, ctx));
    return { text: '', failed: true };
  }
  return { text: '', failed: false };
}

async function jsonTransfer(
  plan: TransferQueryPlan,
  view: ViewContext,
  output: TransferOutput,
  open: OpenFrameStream,
  streamJson: boolean,
): Promise<Outcome> {
  const tplan = plan.transfer;
  if (!streamJson) {
    // Gathered into one array with other documents: the records are held.
    const records: unknown[] = [];
    const { recordJson } = await import('../../render/jsonMessage.js');
    const result = await transfer(tplan, open, {
      message: (message) => void records.push(...message.answer.map(recordJson)),
      event: () => {},
      line: () => {},
    });
    const head = transferHead(VERSION, result.question, result.server ?? tplan.servers[0], tplan.settings.ixfrSerial);
    return { text: '', json: { ...head, records, ...transferTail(result) }, failed: result.outcome === 'unreachable' };
  }
  const writer = transferJsonWriter(view.format === 'json');
  output.out.write(writer.head(transferHead(VERSION, tplan.question, tplan.servers[0], tplan.settings.ixfrSerial)));
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
  plan: TransferQueryPlan,
  view: ViewContext,
  yaml: typeof import('../../render/yaml.js'),
  output: TransferOutput,
  open: OpenFrameStream,
): Promise<Outcome> {
  const { out } = output;
  const ctx = yamlContext(plan.display, plan.transfer.settings, view);
  const { display } = ctx;
  const axfr = plan.transfer.question.type === TYPE.AXFR;
  let sent: { at: number; server: Endpoint; cookie?: Uint8Array } | undefined;
  const wire = (size: number, receivedAt?: number): YamlWire => {
    const at = sent?.at ?? Date.now();
    const facts: YamlWire = { server: sent?.server ?? plan.transfer.servers[0], protocol: 'tcp', sentAt: at, size };
    if (receivedAt !== undefined) facts.receivedAt = receivedAt;
    if (ctx.source) facts.source = ctx.source;
    if (ctx.usec) facts.usec = true;
    return facts;
  };
  const result = await transfer(plan.transfer, open, {
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
