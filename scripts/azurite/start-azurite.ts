import { spawn, type ChildProcess } from 'node:child_process';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The well-known development account every Azurite instance accepts (public, documented by Microsoft). */
export const AZURITE_ACCOUNT = {
  name: 'devstoreaccount1',
  key: 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==',
} as const;

/** A running Azurite table service started by a test. */
export interface AzuriteTables {
  /** e.g. `http://127.0.0.1:41234/devstoreaccount1`. */
  readonly tableEndpoint: string;
  /** A full connection string for `AzureWebJobsStorage` / `TableClient.fromConnectionString`. */
  readonly connectionString: string;
  /** Everything Azurite wrote to stdout and stderr, for diagnosing a failed start. */
  readonly output: () => string;
  /** Stops the process and waits until it has exited. */
  close(): Promise<void>;
}

/** Options of {@link startAzurite}. */
export interface AzuriteOptions {
  /** How long Azurite may take to accept connections; default 30 s. */
  readonly startupLimitMs?: number;
}

const DEFAULT_STARTUP_LIMIT_MS = 30_000;
const CONNECT_RETRY_MS = 50;

/**
 * Starts Azurite's table service (the devDependency `azurite`) in memory on a free loopback port and
 * resolves once the port accepts connections: the state store of the function apps for tests, the demo
 * and benchmarks. Telemetry is always disabled (without `--disableTelemetry` Azurite tries to reach
 * Application Insights). `close()` kills the process and waits for its exit, so no handle is left open.
 *
 * @throws Error with Azurite's output when it exits or does not listen within the limit.
 */
export async function startAzurite(options: AzuriteOptions = {}): Promise<AzuriteTables> {
  const port = await findFreePort();
  const script = join(dirname(require.resolve('azurite/package.json')), 'dist', 'src', 'table', 'main.js');
  const child = spawn(
    process.execPath,
    [
      script,
      '--inMemoryPersistence',
      '--disableTelemetry',
      '--silent',
      '--tableHost',
      '127.0.0.1',
      '--tablePort',
      String(port),
    ],
    // A scratch working directory, so nothing Azurite might write lands in the repository.
    { cwd: tmpdir(), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));

  try {
    await waitForPort(port, child, () => output, options.startupLimitMs ?? DEFAULT_STARTUP_LIMIT_MS);
  } catch (error) {
    await stop(child, exited);
    throw error;
  }
  const tableEndpoint = `http://127.0.0.1:${port}/${AZURITE_ACCOUNT.name}`;
  return {
    tableEndpoint,
    connectionString:
      `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT.name};AccountKey=${AZURITE_ACCOUNT.key};` +
      `TableEndpoint=${tableEndpoint};`,
    output: () => output,
    close: () => stop(child, exited),
  };
}

/** A loopback port that was free a moment ago (the OS picks it; Azurite cannot report a port 0 choice). */
function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** Polls the port until it accepts a connection, the process dies, or the startup limit passes. */
async function waitForPort(
  port: number,
  child: ChildProcess,
  output: () => string,
  startupLimitMs: number,
): Promise<void> {
  const deadline = Date.now() + startupLimitMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`Azurite (table service) exited during startup (code ${child.exitCode}): ${output()}`);
    }
    if (await accepts(port)) return;
    if (Date.now() > deadline) {
      throw new Error(
        `Azurite (table service) did not listen on 127.0.0.1:${port} within ${startupLimitMs} ms: ${output()}`,
      );
    }
    await new Promise((resolveWait) => setTimeout(resolveWait, CONNECT_RETRY_MS));
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolveAttempt) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolveAttempt(true);
    });
    socket.once('error', () => {
      socket.destroy();
      resolveAttempt(false);
    });
  });
}

async function stop(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  await exited;
}
