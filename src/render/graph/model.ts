/**
 * The picture of a run as plain data: zones (drawn as clusters), nodes and edges, each with a kind and a
 * status. A mode builds one from its result (traceGraph.ts for +trace, checkGraph.ts for +check); the DOT writer, the HTML report
 * and the JSON output all read this one value. A new mode adds its node and edge kinds and statuses
 * here and a row for each in looks.ts; nothing else needs to know.
 */

/** What a node stands for. */
export type GraphNodeKind =
  /** Where a trace started: the server asked for the root NS set, or the root hints. */
  | 'start'
  /** A name server asked (address, RTT, how it answered). */
  | 'server'
  /** A name server's address found by a separate lookup (a glueless delegation). */
  | 'glue'
  /** A hop-level fact: no server answered, a limit stopped the walk, a bad referral. */
  | 'note'
  | 'dnskey'
  /** One DS record, in the parent zone's cluster. */
  | 'ds'
  /** NSEC or NSEC3 records proving something does not exist (a DS, a name, a type). */
  | 'proof'
  /** An RRset of the final reply, or the name or type proved not to exist. */
  | 'rrset'
  /** +check: a finding that is not ok, or a zone's checks that passed, with its severity as status. */
  | 'finding'
  /** The run's conclusion in one line. */
  | 'verdict';

/** What an edge says. */
export type GraphEdgeKind =
  /** The start (hints or a start server) to the root zone. */
  | 'start'
  /** A referral from a parent zone's server to the child zone. */
  | 'referral'
  /** A glue lookup to the server whose address it found. */
  | 'glue'
  /** A DS record to the child DNSKEY it names: digest matches or not. */
  | 'digest'
  /** An RRSIG: the signing DNSKEY to what it signs. */
  | 'rrsig'
  /** A denial proof to what it proves. */
  | 'proves'
  /** A CNAME to the RRset of its target. */
  | 'alias'
  /** The final RRset (or the checked zone's first finding) to the verdict. */
  | 'verdict'
  /** +compare: a server to the answer it gave. */
  | 'answer'
  /** +check: a finding to a server it names. */
  | 'names';

/**
 * One vocabulary of states for nodes, edges and zones, so one table (looks.ts) draws them all.
 * DNSSEC (RFC 4033 5): secure, insecure, bogus, indeterminate; `none` where nothing was judged.
 * Servers: answered, lame, refused, failed (SERVFAIL, other RCODE, bad packet), silent (no reply).
 * Signatures: valid, expired, premature (not yet valid), invalid, noKey, unsupported, missing.
 * Digests: match, mismatch (noKey and unsupported as for signatures). Proofs: proven, unproven.
 * +compare: agree (the most common answer, or all), disagree (another answer, or none).
 * +check's severities (findings, zones, the verdict): ok, notice, warning, error.
 */
export type GraphStatus =
  | 'secure'
  | 'insecure'
  | 'bogus'
  | 'indeterminate'
  | 'none'
  | 'answered'
  | 'lame'
  | 'refused'
  | 'failed'
  | 'silent'
  | 'valid'
  | 'expired'
  | 'premature'
  | 'invalid'
  | 'noKey'
  | 'unsupported'
  | 'missing'
  | 'match'
  | 'mismatch'
  | 'proven'
  | 'unproven'
  /** +compare: the answer most servers gave, and the others. */
  | 'agree'
  | 'disagree'
  /** +check's severities. */
  | 'ok'
  | 'notice'
  | 'warning'
  | 'error';

/** Facts about a node as data (key tag, address, RTT...), for those who draw their own. */
export type GraphData = Record<string, string | number | boolean | string[]>;

/** A zone: the cluster its servers, keys and records are drawn in. */
export interface GraphZone {
  /** Stable within the graph (z0, z1, ...), never made from network bytes. */
  id: string;
  /** The zone's name (absolute presentation format); for +compare the answer's heading (`answer 1: NOERROR`). */
  name: string;
  status: GraphStatus;
  /** Why the zone has its status, one line (the validator's reason), when judged. */
  reason?: string;
}

/** One node. */
export interface GraphNode {
  /** Stable within the graph, never made from network bytes. */
  id: string;
  kind: GraphNodeKind;
  /** The id of the zone it is drawn in; absent for nodes outside every zone (start, verdict). */
  zone?: string;
  status: GraphStatus;
  /** The text drawn in the node, one string per line (plain text: every writer escapes for its own format). */
  label: string[];
  /** Roles that change how it is drawn: ksk, zsk, anchor (a trust anchor), revoked, absent (named but not there). */
  roles?: string[];
  data?: GraphData;
}

/** One edge. */
export interface GraphEdge {
  id: string;
  kind: GraphEdgeKind;
  from: string;
  to: string;
  status: GraphStatus;
  /** Words drawn beside the edge, when its status needs saying (a mismatch, an expired signature). */
  label?: string;
  /** An edge that points at a whole zone (drawn to the zone's border): the zone's id. */
  toZone?: string;
}

/** The run's conclusion: the status and one line. */
export interface GraphVerdict {
  status: GraphStatus;
  text: string;
}

/** A whole picture. */
export interface Graph {
  /** The mode that drew it: +trace (zones are DNS zones), +compare (zones are the distinct answers) or +check. */
  mode: 'trace' | 'compare' | 'check';
  /** What was asked, in one line (`www.example.test. A`). */
  title: string;
  /** Whether DNSSEC was judged (+validate): the legend and colours say more then. */
  dnssec: boolean;
  zones: GraphZone[];
  nodes: GraphNode[];
  edges: GraphEdge[];
  verdict: GraphVerdict;
}
