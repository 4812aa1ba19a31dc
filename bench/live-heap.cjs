// Preloaded by bench/memory.mjs (node --expose-gc -r): a full collection every 100 ms, and at exit
// the largest heap left live after one, on stderr. That is what the run holds on to at its peak.
'use strict';
let peak = 0;
const sample = () => {
  global.gc();
  peak = Math.max(peak, process.memoryUsage().heapUsed);
};
setInterval(sample, 100).unref();
process.on('exit', () => {
  sample();
  process.stderr.write(`live-heap-peak=${peak}\n`);
});
