/**
 * What must hold for any bytes a server sends: the reply check and the decoder throw nothing but
 * BadPacketError, and every rendering of a decoded message (dig text, +short, +multiline, the display
 * switches that write record data again, +yaml (which must also parse), JSON, table with and without Unicode names) is free of unsafe characters; the JSON parses, is ASCII
 * and fits the schema. Shared by the bounded fuzz test and the long run.
 */
import { readFileSync } from 'node:fs';
import { BadPacketError } from '../../src/errors.js';
import { decodeMessage } from '../../src/wire/decode.js';
import { checkReply } from '../../src/transport/replyCheck.js';
import type { Message } from '../../src/wire/types.js';
import type { LookupResult } from '../../src/resolve/types.js';
import { defaultDisplay } from '../../src/cli/defaults.js';
import type { DisplayFlags } from '../../src/cli/types.js';
import { toUnicode } from '../../src/cli/idn.js';
import { renderLookup, renderMessage } from '../../src/render/dig.js';
import { lookupDocument, stringifyAscii } from '../../src/render/json.js';
import { renderTable } from '../../src/render/table.js';
import { yamlLookup } from '../../src/render/yaml.js';
import { parseYamlItems } from '../support/yamlDocument.js';
import { plainPalette } from '../../src/render/palette.js';
import { validateJson, type Schema } from '../support/jsonSchema.js';
import { repoRoot } from '../support/runCli.js';
import { firstUnsafe } from '../hostile/cli.js';

const schema = JSON.parse(readFileSync(`${repoRoot()}/schema/tsdig.schema.json`, 'utf8')) as Schema;

/** What one packet did. */
export type PacketOutcome = 'decoded' | 'rejected';

/** A property violation, with the packet's hex so it can be replayed. */
export class FuzzFailure extends Error {
  constructor(what: string, packet: Uint8Array) {
    super(`${what}\npacket: ${Buffer.from(packet).toString('hex')}`);
    this.name = 'FuzzFailure';
  }
}

/** The question the reply check compares against: what the packet itself claims, or a fixed one. */
const QUERY_SPEC = { id: 0, name: 'example.test.', type: 1, class: 1, rd: true, cd: false, ad: false, edns: null };

function lookupOf(message: Message, raw: Uint8Array): LookupResult {
  return {
    question: message.question[0] ?? { name: 'example.test.', type: 1, class: 1 },
    events: message.warnings.map((text) => ({ kind: 'warning' as const, text: `Warning: ${text}` })),
    exchange: {
      server: { address: '127.0.0.1', port: 53 },
      protocol: 'udp',
      question: message.question[0] ?? { name: 'example.test.', type: 1, class: 1 },
      query: raw,
      raw,
      response: message,
      rttMs: 1,
      receivedAt: new Date(0),
    },
  };
}

/** The display switches that write record data again (+split, +crypto, +unknownformat, +expandaaaa, +rrcomments, +ttlunits), in the layouts they apply to. */
const DISPLAY_SWITCHES: ReadonlyArray<[string, Partial<DisplayFlags>]> = [
  [
    '+split=1 +nocrypto +expandaaaa +rrcomments +ttlunits +noclass',
    { split: 1, crypto: false, expandaaaa: true, rrcomments: true, ttlunits: true, class: false },
  ],
  ['+unknownformat +multiline +split=0', { unknownformat: true, multiline: true, split: 0 }],
  ['+multiline +nocrypto +norrcomments +split=3', { multiline: true, crypto: false, rrcomments: false, split: 3 }],
  ['+short +unknownformat +split=5', { short: true, unknownformat: true, split: 5 }],
  ['+short +nocrypto +expandaaaa +identify', { short: true, crypto: false, expandaaaa: true, identify: true }],
  ['+qr +nottlid +nocomments', { qr: true, ttlid: false, comments: false }],
];

function requireSafe(text: string, view: string, packet: Uint8Array): void {
  const unsafe = firstUnsafe(text);
  if (unsafe !== undefined) throw new FuzzFailure(`${view} output holds an unsafe character: ${unsafe}`, packet);
}

/** Runs every check on `packet`; throws FuzzFailure when one fails. */
export async function checkPacket(packet: Uint8Array): Promise<PacketOutcome> {
  try {
    checkReply({ ...QUERY_SPEC, id: packet.length >= 2 ? (packet[0]! << 8) | packet[1]! : 0 }, packet);
  } catch (error) {
    throw new FuzzFailure(`checkReply threw ${String(error)}`, packet);
  }
  let message: Message;
  try {
    message = decodeMessage(packet);
  } catch (error) {
    if (error instanceof BadPacketError) {
      requireSafe(error.message, 'BadPacketError message', packet);
      return 'rejected';
    }
    throw new FuzzFailure(
      `decodeMessage threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
      packet,
    );
  }
  try {
    const result = lookupOf(message, packet);
    const display = defaultDisplay();
    const ctx = { display, palette: plainPalette };
    requireSafe(renderLookup(result, ctx, message), 'dig', packet);
    requireSafe(
      renderMessage(message, { display: { ...display, multiline: true }, palette: plainPalette }, { isQuery: true }),
      '+multiline',
      packet,
    );
    requireSafe(
      renderLookup(result, { display: { ...display, short: true }, palette: plainPalette }),
      '+short',
      packet,
    );
    for (const [view, switches] of DISPLAY_SWITCHES) {
      requireSafe(
        renderLookup(result, { display: { ...display, ...switches }, palette: plainPalette }, message),
        view,
        packet,
      );
    }
    // +yaml (with +qr: the packet decoded as the query too): safe to print, and valid YAML whatever the bytes.
    const yaml = yamlLookup(result, { display: { ...display, qr: true } });
    requireSafe(yaml, '+yaml', packet);
    try {
      parseYamlItems(yaml);
    } catch (error) {
      throw new FuzzFailure(`+yaml output ${error instanceof Error ? error.message : String(error)}`, packet);
    }
    const json = stringifyAscii(lookupDocument(result, { version: 'fuzz' }), 2);
    if (!/^[\x20-\x7e\n]*$/.test(json)) throw new FuzzFailure('JSON output is not printable ASCII', packet);
    const problems = validateJson(JSON.parse(json), schema);
    if (problems.length > 0)
      throw new FuzzFailure(`JSON output does not fit the schema: ${problems.slice(0, 3).join('; ')}`, packet);
    requireSafe(await renderTable(result, plainPalette, { columns: 80 }), 'table', packet);
    // The table is the slowest view; the +idnout variant runs only where there is an A-label to show.
    if (JSON.stringify(json).includes('xn--')) {
      requireSafe(
        await renderTable(result, plainPalette, { columns: 60, displayName: toUnicode }),
        'table +idnout',
        packet,
      );
    }
  } catch (error) {
    if (error instanceof FuzzFailure) throw error;
    throw new FuzzFailure(
      `rendering threw ${error instanceof Error ? `${error.name}: ${error.message}\n${error.stack}` : String(error)}`,
      packet,
    );
  }
  return 'decoded';
}
