/** The data of +explain: how the lookup failed, what the trace from the root found, and the culprit named. */
import type { TraceValidation } from '../dnssec/types.js';
import type { ServerAttempt, TraceResult } from '../resolve/traceTypes.js';
import type { Endpoint } from '../transport/types.js';
import type { EdnsOption } from '../wire/types.js';

/** How the lookup ended, as far as +explain cares. */
export type LookupFailure = 'servfail' | 'nxdomain' | 'yxdomain' | 'timeout' | 'bogus' | 'refused';

/** What the lookup got from the server asked (usually a resolver). */
export interface LookupSide {
  /** Why there is something to explain; absent: the lookup went well and nothing is traced. */
  failure?: LookupFailure;
  server?: Endpoint;
  /** The reply's extended DNS error options (RFC 8914) as received; render/ presents them. */
  ede: EdnsOption[];
  /** +validate's verdict on the reply, one line, when it was bogus. */
  verdict?: string;
}

/** A second try over TCP to a server that was silent over UDP during the trace. */
export interface TcpProbe {
  zone: string;
  name: string;
  address: string;
  port: number;
  answered: boolean;
}

/** Every server of the zone that answered the trace, each asked the trace's last question (the trace stops at the first answer). */
export interface ZoneProbe {
  zone: string;
  servers: ServerAttempt[];
}

/** Everything the culprit is judged from. */
export interface ExplainData {
  lookup: LookupSide;
  trace?: TraceResult;
  dnssec?: TraceValidation;
  tcpProbes: TcpProbe[];
  zoneProbe?: ZoneProbe;
}

/** What kind of fault the culprit is. */
export type CulpritKind =
  | 'lame'
  | 'refused'
  | 'servfail'
  | 'silent'
  | 'tcpOnly'
  | 'noAddress'
  | 'badReferral'
  | 'limit'
  | 'expired'
  | 'premature'
  | 'badSignature'
  | 'dsMismatch'
  | 'bogus'
  | 'nxdomain'
  | 'nodata'
  | 'yxdomain'
  | 'resolver'
  | 'noTrace';

/** The one-line answer to "why did it fail", and the facts behind it. */
export interface Culprit {
  kind: CulpritKind;
  /** One line, already escaped: `ns2.example.net. (192.0.2.53) is lame for example.net.` */
  line: string;
  zone?: string;
  /** The servers at fault, as `NAME (ADDRESS)`. */
  servers?: string[];
  /** Further lines, one fact each (what each server of the zone did, the DS and keys compared). */
  evidence: string[];
}
