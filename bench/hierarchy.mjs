// Serves tsdig's loopback test hierarchy (test/support/hierarchy.ts, built into dist/) for the
// +trace benchmark on the port given as argv[3] (0 or absent: a free one is chosen), writes
// "PORT ROOT SILENT EXAMPLE_A SILENT_A" (the port, the root's and the silent server's addresses,
// and the answers for example.test. and www.silent.test.) to the file named by argv[2], then runs
// until SIGTERM/SIGINT. Exits non-zero without writing the file when the port is taken.
import { writeFileSync } from 'node:fs';
import { startHierarchy } from '../dist/test/support/hierarchy.js';
import { ADDR, ANSWER } from '../dist/test/support/hierarchyZones.js';

const hierarchy = await startHierarchy({ port: Number(process.argv[3] ?? 0) });
const stop = async () => {
  await hierarchy.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
writeFileSync(process.argv[2], `${hierarchy.port} ${ADDR.root} ${ADDR.silent} ${ANSWER.exampleA} ${ANSWER.silentA}\n`);
