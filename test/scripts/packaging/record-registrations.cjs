// Preloaded into a child process: stands in for the @azure/functions-core module the Azure Functions
// Node.js worker injects, records every function the app registers, and prints them as JSON on exit.
const Module = require('node:module');

const registrations = [];
const core = {
  setProgrammingModel() {},
  getProgrammingModel() {
    return undefined;
  },
  registerHook() {
    return { dispose() {} };
  },
  registerFunction(metadata) {
    registrations.push(metadata);
    return { dispose() {} };
  },
};
const load = Module._load;
Module._load = function (request, ...rest) {
  if (request === '@azure/functions-core') return core;
  return load.call(this, request, ...rest);
};
process.on('exit', () => {
  process.stdout.write(`\n@@registrations@@${JSON.stringify(registrations)}\n`);
});
