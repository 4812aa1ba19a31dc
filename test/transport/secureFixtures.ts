/** What the DoT and DoH transport tests share: a query to send, its reply check, and the settings of a lookup. */
import { checkReply } from '../../src/transport/replyCheck.js';
import { encodeQuery } from '../../src/wire/encode.js';
import { decodeMessage } from '../../src/wire/decode.js';
import type { QueryPacketSpec } from '../../src/wire/types.js';
import type { TransportRequest } from '../../src/transport/types.js';
import type { ExchangeSettings } from '../../src/resolve/types.js';
import { exampleZone } from '../support/exampleZones.js';
import { zoneAnswerer } from '../support/secureServers.js';
import { rdataText } from '../../src/render/rdata/present.js';

/** Answers for example.test. */
export const answer = zoneAnswerer([exampleZone()]);

/** A query for www.example.test A with this ID. */
export function querySpec(id: number): QueryPacketSpec {
  return { id, name: 'www.example.test.', type: 1, class: 1, rd: false, cd: false, ad: false, edns: null };
}

/** A transport request for www.example.test A to 127.0.0.1:port, accepting only the matching reply. */
export function transportRequest(port: number, over: Partial<TransportRequest> = {}, id = 0x1234): TransportRequest {
  const spec = querySpec(id);
  return {
    payload: encodeQuery(spec),
    server: { address: '127.0.0.1', port },
    timeoutMs: 3000,
    check: (raw) => checkReply(spec, raw),
    ...over,
  };
}

/** Lookup settings as the plan makes them, without a channel. */
export function plainSettings(over: Partial<ExchangeSettings> = {}): ExchangeSettings {
  return {
    rd: false,
    cd: false,
    ad: false,
    dnssec: false,
    edns: 0,
    bufsize: 1232,
    nsid: false,
    cookie: false,
    tcp: true,
    ignoreTc: false,
    timeoutMs: 3000,
    tries: 1,
    ...over,
  };
}

/** The answer data of a raw reply. */
export function answerData(raw: Uint8Array): string[] {
  return decodeMessage(raw).answer.map((record) => rdataText(record.rdata));
}
