'use strict';
// A V8 start-up snapshot of the bundle, which the bench times beside bin/tsdig's code cache. Built with
// `node --snapshot-blob FILE --build-snapshot bench/snapshot-entry.cjs`; `node --snapshot-blob FILE ARGS`
// then runs tsdig's main on ARGS. The bundle is evaluated while the snapshot is made. Node 20's snapshot
// builder cannot load user modules through the CommonJS loader, so the bundle's source is read and
// run here as a function, and its require reaches built-in modules only. That is enough for the plain
// query the bench times. This is a measurement, not a way to run tsdig.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const v8 = require('node:v8');

const distDir = join(__dirname, '..', 'dist');
const bundlePath = join(distDir, 'tsdig.cjs');
const bundle = { exports: {} };
new Function('exports', 'require', 'module', '__filename', '__dirname', readFileSync(bundlePath, 'utf8'))(
  bundle.exports,
  require,
  bundle,
  bundlePath,
  distDir,
);
const { main } = bundle.exports;

v8.startupSnapshot.setDeserializeMainFunction(() => {
  main(process.argv.slice(1), {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    isTTY: Boolean(process.stdout.isTTY),
    columns: process.stdout.columns,
    get stdin() {
      return process.stdin;
    },
  }).then((code) => {
    process.exitCode = code;
  });
});
