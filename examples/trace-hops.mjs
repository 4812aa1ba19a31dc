// Follow a name from the root and print each hop: the zone, the server that answered, and how long it took.
// Usage: node examples/trace-hops.mjs NAME [TYPE] [@ROOT-SERVER] [-p PORT] [+options]
import { trace } from 'tsdig';

const result = await trace(process.argv.slice(2));
for (const hop of result.hops) {
  const server = hop.answeredBy ? `${hop.answeredBy.name ?? hop.answeredBy.address}` : 'no server answered';
  console.log(`${hop.zone}\t${server}\t${hop.rttMs ?? '-'} ms\t${hop.outcome.kind}`);
}
console.log(result.error ? `failed: ${result.error.message}` : `${result.status} after ${result.queries} queries`);
process.exitCode = result.error ? 1 : 0;
