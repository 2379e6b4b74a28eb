// Run in a fresh `node` process by cold-start-bench.ts: loads one bundle, the way the Functions worker or the
// agent would, and reports how long the synchronous load (module evaluation included) took.
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const target = path.resolve(process.argv[2] ?? '.');
const started = performance.now();
require(target);
const importMs = performance.now() - started;
process.stdout.write(`\n@@import-ms@@${importMs}\n`);
