/**
 * The documents the library returns: the JSON view's own types (schema/tsdig.schema.json describes
 * the same documents, and test/api checks every call's result against it).
 */
import type { LookupDocument } from '../render/json.js';
import type { ExplanationJson } from '../render/jsonExplain.js';
import type { RecordJson } from '../render/jsonMessage.js';
import type { TransferHead, TransferTail } from '../render/jsonTransfer.js';
import type { TypeOutcome } from '../render/typesReport.js';
import type { Validation } from '../dnssec/types.js';

export type { LookupDocument } from '../render/json.js';
export type { TraceDocument } from '../render/jsonTrace.js';
export type { NsSearchDocument } from '../render/jsonNssearch.js';
export type { CompareDocument } from '../render/jsonCompare.js';
export type { CheckDocument } from '../render/jsonCheck.js';
export type { ExplanationJson } from '../render/jsonExplain.js';
export type { WatchEvent, WatchChangeEvent, WatchEndEvent } from '../render/watch.js';
export type { MessageJson, RecordJson, QuestionJson } from '../render/jsonMessage.js';
export type { Validation } from '../dnssec/types.js';

/** A lookup with +validate: the document carries the DNSSEC verdict. */
export type ValidatedLookupDocument = LookupDocument & { validation: Validation };

/** A zone transfer's document, as `--json` prints it whole. */
export type TransferDocument = TransferHead & { records: RecordJson[] } & TransferTail;

/** One type's lookup of a +types query, with what it found. */
export type TypesDocument = LookupDocument & { outcome: TypeOutcome };

/** A lookup with +explain: when it failed, the culprit found by tracing from the root. */
export type ExplainedLookupDocument = LookupDocument & { explanation?: ExplanationJson };
