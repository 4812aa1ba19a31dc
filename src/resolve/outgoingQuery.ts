/**
 * A query as it goes out, built one way for lookups and transfers alike: packet spec -> bytes ->
 * IXFR's SOA -> TSIG; and the check of a signed query's replies.
 */
import { randomOctets, randomUint16 } from '../system/random.js';
import type { Endpoint } from '../transport/types.js';
import { ipv6Bytes } from '../wire/address.js';
import { encodeQuery } from '../wire/encode.js';
import { signQuery, TsigVerifier, type TsigKey } from '../wire/tsig.js';
import type { QueryPacketSpec, Question } from '../wire/types.js';
import { withIxfrSoa } from '../wire/xfrQuery.js';
import type { ExchangeSettings, LookupEvent, TsigVerdict } from './types.js';

/** A signed query's key and the verifier of its replies (stateful: a transfer's messages go through it in order). */
export interface SignedQuery {
  key: TsigKey;
  verifier: TsigVerifier;
}

/** A query ready to send: the spec its replies are checked against, the bytes as sent, and its signature. */
export interface OutgoingQuery {
  spec: QueryPacketSpec;
  payload: Uint8Array;
  /** Present with -y / -k. */
  signed?: SignedQuery;
}

/** A query ID from the CSPRNG, so off-path spoofers cannot predict it. */
export function randomId(): number {
  return randomUint16();
}

/** 8 fresh CSPRNG bytes for a client cookie. */
function clientCookie(): Buffer {
  const octets = randomOctets(8);
  return Buffer.from(octets.buffer, octets.byteOffset, 8);
}

function subnetOption(subnet: NonNullable<ExchangeSettings['subnet']>): {
  family: 1 | 2;
  sourcePrefix: number;
  address: Uint8Array;
} {
  const bytes =
    subnet.family === 1 ? Uint8Array.from(subnet.address.split('.').map(Number)) : ipv6Bytes(subnet.address);
  const keep = Math.ceil(subnet.sourcePrefix / 8);
  const address = bytes.slice(0, keep);
  const spare = keep * 8 - subnet.sourcePrefix;
  if (keep > 0 && spare > 0) address[keep - 1] &= (0xff << spare) & 0xff;
  return { family: subnet.family, sourcePrefix: subnet.sourcePrefix, address };
}

/** Builds the wire-level spec of a query from the lookup settings; a +qid ID wins over `id`. */
export function packetSpec(question: Question, settings: ExchangeSettings, id: number = randomId()): QueryPacketSpec {
  let cookie: Uint8Array | undefined;
  if (settings.cookie !== false) {
    const client = settings.clientCookie ?? clientCookie();
    cookie =
      typeof settings.cookie === 'string' ? Buffer.concat([client, Buffer.from(settings.cookie, 'hex')]) : client;
  }
  const header = settings.header;
  const spec: QueryPacketSpec = {
    id: header?.id ?? id,
    name: question.name,
    type: question.type,
    class: question.class,
    rd: settings.rd,
    cd: settings.cd,
    ad: settings.ad,
    edns:
      settings.edns === null
        ? null
        : {
            version: settings.edns,
            udpSize: settings.bufsize,
            do: settings.dnssec,
            nsid: settings.nsid,
            cookie,
            subnet: settings.subnet && subnetOption(settings.subnet),
          },
  };
  if (header) {
    const { opcode, aa, ra, tc, z, headerOnly } = header;
    Object.assign(spec, { opcode, aa, ra, tc, z, headerOnly });
  }
  const extras = settings.ednsExtras;
  if (extras && spec.edns) {
    const { flags, expire, keepalive, padding, options } = extras;
    Object.assign(spec.edns, { flags, expire, keepalive, padding, extra: options });
  }
  return spec;
}

/**
 * The query for `question`: encoded from its spec, with IXFR's SOA when the settings carry a serial,
 * then signed with the settings' TSIG key. `id` is the message ID unless +qid sets one.
 */
export function buildQuery(question: Question, settings: ExchangeSettings, id?: number): OutgoingQuery {
  const spec = packetSpec(question, settings, id);
  const plain = encodeQuery(spec);
  const unsigned = settings.ixfrSerial === undefined ? plain : withIxfrSoa(plain, question.class, settings.ixfrSerial);
  const key = settings.tsig;
  if (!key) return { spec, payload: unsigned };
  const { signed, mac } = signQuery(unsigned, key, Date.now());
  return { spec, payload: signed, signed: { key, verifier: new TsigVerifier(key, mac) } };
}

/** The TSIG verdict on one reply to a signed query; a failure is reported in dig's words (`Couldn't verify signature: ...`). */
export function replyTsigVerdict(
  signed: SignedQuery,
  raw: Uint8Array,
  server: Endpoint,
  emit: (event: LookupEvent) => void,
): TsigVerdict {
  const verdict = signed.verifier.verify(raw, Date.now());
  const base = { key: signed.key.name, algorithm: signed.key.algorithm };
  if (verdict.ok) return { ...base, verified: true };
  emit({ kind: 'warning', text: `Couldn't verify signature: ${verdict.reason}`, server });
  return { ...base, verified: false, error: verdict.reason };
}
