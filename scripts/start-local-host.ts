import { parseArgs } from 'node:util';

import { startLocalHost } from './local-host/start-local-host';

const USAGE = `Usage: npm start [-- --port <port>] [--host <address>] [--key <function key>]

Serves the gate and self-healing function apps at http://127.0.0.1:7071/api/... as the Azure Functions
host would. Dynatrace is a built-in simulator unless DT_URL (and DT_API_TOKEN) are set. Function keys are
enforced when --key or FUNCTIONS_KEY is given.`;

/** `npm start`: the local functions host as a command. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      key: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help === true) {
    console.log(USAGE);
    return;
  }
  const port = values.port === undefined ? 7071 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a port number from 0 to 65535, found "${values.port}"`);
  }
  const key = values.key ?? process.env.FUNCTIONS_KEY;
  const host = await startLocalHost({
    port,
    ...(values.host === undefined ? {} : { host: values.host }),
    ...(key === undefined ? {} : { key }),
  });
  const stop = (): void => {
    host.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  console.error(USAGE);
  process.exitCode = 1;
});
