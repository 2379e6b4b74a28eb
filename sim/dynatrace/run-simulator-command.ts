import { ALL_SCOPES } from './api-token';
import { type DynatraceSimulator, startDynatraceSimulator } from './start-dynatrace-simulator';

/** Settings of the standalone simulator command. */
export interface SimulatorCommandOptions {
  readonly host: string;
  readonly port: number;
  /** A fixed all-scope token (e.g. to match a function app's settings); generated when absent. */
  readonly token?: string;
  readonly rateLimitPerMinute?: number;
}

/** A command-line mistake; the message says which option and what was expected. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The command's help text. */
export const USAGE = `Usage: npm run sim:dynatrace -- [--port <n>] [--host <address>] [--token <token>] [--rate-limit <n>]

Starts the Dynatrace API simulator with seed 002's sample app (SampleNodeJsService in Staging and
Production) and an unauthenticated control API under /_sim/ for loopback clients.

  --port <n>        port to listen on (default 8021; 0 picks a free port)
  --host <address>  address to listen on (default 127.0.0.1)
  --token <token>   accept this API token (every scope) instead of a generated one
  --rate-limit <n>  requests per endpoint per minute before answering 429 (default 50000)
  --help            show this text`;

/** Parses the command's arguments; `undefined` means `--help` was asked for. */
export function parseSimulatorArguments(argv: readonly string[]): SimulatorCommandOptions | undefined {
  let host = '127.0.0.1';
  let port = 8021;
  let token: string | undefined;
  let rateLimitPerMinute: number | undefined;
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index] ?? '';
    const [name = argument, inline] =
      argument.startsWith('--') && argument.includes('=') ? argument.split(/=(.*)/s, 2) : [argument];
    const value = (): string => {
      const next = inline ?? argv[(index += 1)];
      if (next === undefined || next === '') throw new UsageError(`${name} needs a value`);
      return next;
    };
    const integer = (min: number, max: number): number => {
      const text = value();
      const number = Number(text);
      if (!/^\d+$/.test(text) || number < min || number > max) {
        throw new UsageError(
          `${name} expects an integer from ${min} to ${max}, found ${JSON.stringify(text)}`,
        );
      }
      return number;
    };
    switch (name) {
      case '--help':
      case '-h':
        return undefined;
      case '--port':
        port = integer(0, 65_535);
        break;
      case '--host':
        host = value();
        break;
      case '--token':
        token = value();
        break;
      case '--rate-limit':
        rateLimitPerMinute = integer(1, Number.MAX_SAFE_INTEGER);
        break;
      default:
        throw new UsageError(`unknown option ${JSON.stringify(argument)}\n\n${USAGE}`);
    }
  }
  return {
    host,
    port,
    ...(token === undefined ? {} : { token }),
    ...(rateLimitPerMinute === undefined ? {} : { rateLimitPerMinute }),
  };
}

/**
 * Runs the simulator command: starts the sample-app simulator with the control API and prints where it
 * listens and which token to use. Resolves to the running simulator, or `undefined` after printing help.
 */
export async function runSimulatorCommand(
  argv: readonly string[],
  print: (line: string) => void,
): Promise<DynatraceSimulator | undefined> {
  const options = parseSimulatorArguments(argv);
  if (!options) {
    print(USAGE);
    return undefined;
  }
  const simulator = await startDynatraceSimulator({
    host: options.host,
    port: options.port,
    controlApi: true,
    ...(options.token === undefined ? {} : { tokens: { [options.token]: ALL_SCOPES } }),
    ...(options.rateLimitPerMinute === undefined ? {} : { rateLimitPerMinute: options.rateLimitPerMinute }),
  });
  print(`Dynatrace simulator (sample app scenario) listening on ${simulator.url}`);
  print(`API token: ${simulator.token}`);
  print(`Control API: ${simulator.url}/_sim/ (loopback only)`);
  print('Stop with Ctrl+C.');
  return simulator;
}
