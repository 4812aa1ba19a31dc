// Ask one question and print each answer record with its TTL, and whether the reply was authoritative
// (what node:dns does not tell). Usage: node examples/query-ttl-aa.mjs NAME [TYPE] [@SERVER] [-p PORT] [+options]
import { query } from 'tsdig';

const reply = await query(process.argv.slice(2));
if (!reply.message) {
  console.error(`no reply: ${reply.error?.message}`);
  process.exit(9);
}
console.log(`${reply.status}, aa=${reply.message.AA}`);
for (const record of reply.message.answerRRs) {
  console.log(
    `${record.NAME} ttl=${record.TTL} ${record.TYPEname} ${record[`rdata${record.TYPEname}`] ?? record.RDATAHEX}`,
  );
}
