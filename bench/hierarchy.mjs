// Serves tsdig's loopback test hierarchy (test/support/hierarchy.ts, built into dist/) for the
// +trace benchmark: writes the port to the file named by argv[2], then runs until SIGTERM/SIGINT.
import { writeFileSync } from 'node:fs';
import { startHierarchy } from '../dist/test/support/hierarchy.js';
import { ADDR } from '../dist/test/support/hierarchyZones.js';

const hierarchy = await startHierarchy();
const stop = async () => {
  await hierarchy.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
writeFileSync(process.argv[2], `${hierarchy.port} ${ADDR.root} ${ADDR.silent}\n`);
