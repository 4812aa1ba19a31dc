/** The servers of a +compare as the report's table: plain text, escaped by the page. */
import type { CompareReport } from '../../compare/report.js';
import type { CompareData, ServerReply } from '../../compare/types.js';
import { rcodeName } from '../../wire/rrtypes.js';
import { failureText, groupNumbers, ttlText } from '../compare.js';
import { extendedErrors } from '../ednsText.js';
import { rttLabel } from '../graph/traceGraph.js';
import type { ReportCell, ReportTable } from './html.js';

const HEADERS = ['Server', 'Address', 'RCODE', 'aa', 'Answer', 'TTLs', 'Serial', 'NSID / EDE', 'RTT', 'Failure'];

/** The address and, when not 53, the port. */
function addressText(reply: ServerReply): string {
  const { address, port } = reply.target.endpoint;
  return port === 53 ? address : `${address}#${port}`;
}

/** The RCODE a server gave: its answer's, or the one its failure carries. */
function rcodeText(reply: ServerReply): string {
  if (reply.answer) return rcodeName(reply.answer.rcode);
  if (reply.failure?.kind === 'refused') return 'REFUSED';
  return reply.failure?.rcode === undefined ? '-' : rcodeName(reply.failure.rcode);
}

/** The answer a server gave, by number: the most common one plain, another marked as differing. */
function answerCell(group: number | undefined): ReportCell {
  if (group === undefined) return '-';
  return group === 1 ? `answer 1` : { classes: 'server differs', text: `answer ${group}` };
}

/** One row per server asked, in the order asked: who, what it said, and why it said nothing. */
export function compareTable(data: CompareData, report: CompareReport): ReportTable {
  const numbers = groupNumbers(report);
  const rows = data.replies.map((reply, index): ReportCell[] => {
    const { answer, failure, target } = reply;
    const name = target.name !== undefined && target.name !== target.endpoint.address ? target.name : '-';
    const nsid = answer?.nsid === undefined ? [] : [`NSID "${answer.nsid}"`];
    const notes = [...nsid, ...extendedErrors(answer?.ede ?? []).map((ede) => ede.text)];
    return [
      name,
      addressText(reply),
      rcodeText(reply),
      answer ? (answer.aa ? 'aa' : 'no aa') : '-',
      answerCell(numbers.get(index)),
      ttlText(reply) ?? '-',
      answer?.serial === undefined ? '-' : String(answer.serial),
      notes.length > 0 ? notes : '',
      reply.rttMs === undefined ? '-' : rttLabel(reply.rttMs),
      failure ? { classes: 'server failed', text: failureText(failure) } : '',
    ];
  });
  return { heading: 'Servers', id: 'servers', headers: HEADERS, rows };
}
