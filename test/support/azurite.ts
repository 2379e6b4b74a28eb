import { spawn, type ChildProcess } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';

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

const STARTUP_LIMIT_MS = 30_000;
const CONNECT_RETRY_MS = 50;

/**
 * Starts `azurite-table` in memory on a free loopback port and resolves once the port accepts
 * connections. Telemetry is always disabled (without `--disableTelemetry` Azurite tries to reach
 * Application Insights). Call `close()` in an `after` hook: it kills the process and waits for its exit,
 * so no handle is left open.
 */
export async function startAzurite(): Promise<AzuriteTables> {
  const port = await findFreePort();
  const script = realpathSync(resolve(__dirname, '../../node_modules/.bin/azurite-table'));
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
    await waitForPort(port, child, () => output);
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
async function waitForPort(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + STARTUP_LIMIT_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`azurite-table exited during startup (code ${child.exitCode}): ${output()}`);
    }
    if (await accepts(port)) return;
    if (Date.now() > deadline) {
      throw new Error(
        `azurite-table did not listen on 127.0.0.1:${port} within ${STARTUP_LIMIT_MS} ms: ${output()}`,
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
