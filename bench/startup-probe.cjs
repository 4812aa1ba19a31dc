'use strict';
// One plain query run as bin/tsdig runs it (bin/bundle.cjs, then main), with the time each step of
// start-up ends, from process.uptime() (the process's own clock, from its start): Node ready to run
// this file, the bundle loaded, stdout set up (bin/tsdig does it before main), the first datagram sent,
// the reply received, the output written, and the exit. Also lists the built-in modules loaded after
// Node was ready. Prints one JSON line on fd 3.
// Usage (from bench/startup.mjs): node bench/startup-probe.cjs ARGS... 3>FILE
const ready = process.uptime();
const loadedBefore = new Set(process.moduleLoadList);
const { writeSync } = require('node:fs');
// The CommonJS loader without loading node:module, which a plain query does not load either.
const Module = module.constructor;
const at = {};
const mark = (step) => {
  at[step] ??= process.uptime();
};

// The first send and the first reply: node:dgram's socket is patched when the bundle first requires it,
// so requiring it still costs what it costs in a plain query.
const load = Module._load;
Module._load = function patched(request, ...rest) {
  const exports = load.call(this, request, ...rest);
  if (request === 'node:dgram' && !exports.Socket.prototype.probed) {
    const { send, emit } = exports.Socket.prototype;
    Object.assign(exports.Socket.prototype, {
      probed: true,
      send(...args) {
        mark('sent');
        return send.apply(this, args);
      },
      emit(event, ...args) {
        if (event === 'message') mark('replied');
        return emit.call(this, event, ...args);
      },
    });
  }
  return exports;
};

const { loadBundle } = require('../bin/bundle.cjs');
const { main } = loadBundle().exports;
mark('loaded');
process.stdout.on('error', () => process.exit(0));
mark('stdout');
const stdout = {
  write(text) {
    const written = process.stdout.write(text);
    mark('written');
    return written;
  },
};
process.on('exit', () => {
  mark('exited');
  const modules = process.moduleLoadList.filter(
    (entry) => !loadedBefore.has(entry) && entry.startsWith('NativeModule '),
  );
  const ms = (value) => Math.round(value * 1e5) / 100;
  const steps = { ready: ms(ready) };
  let previous = ready;
  for (const step of ['loaded', 'stdout', 'sent', 'replied', 'written', 'exited']) {
    steps[step] = at[step] === undefined ? null : ms(at[step] - previous);
    previous = at[step] ?? previous;
  }
  writeSync(3, `${JSON.stringify({ steps, modules: modules.map((entry) => entry.slice('NativeModule '.length)) })}\n`);
});
main(process.argv.slice(2), {
  stdout,
  get stderr() {
    return process.stderr;
  },
  env: process.env,
  isTTY: false,
}).then((code) => {
  process.exitCode = code;
});
