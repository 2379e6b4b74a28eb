import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import path from 'node:path';

import { type DynatraceSimulator, sampleAppScenario, startDynatraceSimulator } from '../../sim/dynatrace';
import { formatBanner } from './format-banner';
import { installFunctionsCore } from './functions-core-shim';
import { type HttpFunction, type LoadProblem, loadFunctionApps } from './load-function-apps';
import { readLocalSettings } from './read-local-settings';
import { serveFunctionRequest } from './serve-function-request';

/** Options of {@link startLocalHost}. */
export interface LocalHostOptions {
  /** Default 7071, as `func start`; 0 picks a free port. */
  readonly port?: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** The function key to require for authLevel `function`/`admin` routes; none: keys are not checked. */
  readonly key?: string;
  /** Use this Dynatrace environment instead of the simulator (wins over `DT_URL`). */
  readonly dynatraceUrl?: string;
  /** The token for {@link dynatraceUrl}; default `DT_API_TOKEN`. */
  readonly dynatraceToken?: string;
  /** App settings for the functions; they win over the environment and `local.settings.json`. */
  readonly settings?: Readonly<Record<string, string>>;
  /** App folders to load, relative to `root`; missing ones are skipped. Default: both function apps. */
  readonly apps?: readonly string[];
  /** The repository root. Default: two levels above this file. */
  readonly root?: string;
  /** Where the banner and request lines go. Default `console.log`. */
  readonly log?: (line: string) => void;
}

/** A running local host. */
export interface LocalHost {
  /** e.g. `http://127.0.0.1:7071`. */
  readonly url: string;
  readonly functions: readonly HttpFunction[];
  /** Apps or registrations that are not served, and why. */
  readonly problems: readonly LoadProblem[];
  readonly dynatrace: { readonly url: string; readonly simulated: boolean };
  /** Stops serving, stops the simulator and restores the environment. */
  close(): Promise<void>;
}

const DEFAULT_APPS = ['gate-function', 'selfheal-function'];
let running = false;

/**
 * Serves the function apps' `app.http` registrations, unchanged, at `http://127.0.0.1:7071/api/...` as the
 * Functions host would (DESIGN §7): a stand-in for `@azure/functions-core` captures the registrations,
 * app settings become environment variables (`local.settings.json`, then the environment, then
 * `options.settings`), and Dynatrace is an in-process simulator seeded with the sample-app scenario
 * unless `DT_URL` or `dynatraceUrl` names a real one.
 *
 * App settings live in `process.env`, as in Azure, so one local host runs per process at a time.
 */
export async function startLocalHost(options: LocalHostOptions = {}): Promise<LocalHost> {
  if (running) throw new Error('A local functions host is already running in this process; close it first.');
  running = true;
  const log = options.log ?? ((line: string) => console.log(line));
  const root = options.root ?? path.resolve(__dirname, '..', '..');
  const apps = options.apps ?? DEFAULT_APPS;
  const restoreEnvironment = new Map<string, string | undefined>();
  let simulator: DynatraceSimulator | undefined;
  const shim = installFunctionsCore((level, message) => {
    if (level === 'warning' || level === 'error') log(`  [host] ${level}: ${message}`);
  });
  const cleanUp = async (): Promise<void> => {
    shim.uninstall();
    for (const [name, value] of restoreEnvironment) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await simulator?.close();
    running = false;
  };

  try {
    const settings: Record<string, string> = {};
    for (const app of apps) Object.assign(settings, readLocalSettings(path.join(root, app)));
    for (const name of Object.keys(settings)) {
      const fromEnvironment = process.env[name];
      if (fromEnvironment !== undefined && fromEnvironment !== '') delete settings[name];
    }
    Object.assign(settings, options.settings);
    const configuredUrl = options.dynatraceUrl ?? nonEmpty(settings.DT_URL) ?? nonEmpty(process.env.DT_URL);
    let dynatrace: LocalHost['dynatrace'];
    if (configuredUrl !== undefined) {
      settings.DT_URL = configuredUrl;
      const token = options.dynatraceToken ?? settings.DT_API_TOKEN;
      if (token !== undefined) settings.DT_API_TOKEN = token;
      dynatrace = { url: configuredUrl, simulated: false };
    } else {
      simulator = await startDynatraceSimulator({ scenario: sampleAppScenario({ now: Date.now() }) });
      settings.DT_URL = simulator.url;
      settings.DT_API_TOKEN = simulator.token;
      dynatrace = { url: simulator.url, simulated: true };
    }
    for (const [name, value] of Object.entries(settings)) {
      if (!restoreEnvironment.has(name)) restoreEnvironment.set(name, process.env[name]);
      process.env[name] = value;
    }

    const loaded = loadFunctionApps(root, apps, shim);
    const key = nonEmpty(options.key);
    const server = createServer((incoming, outgoing) => {
      serveFunctionRequest(
        { functions: loaded.functions, library: loaded.library, key, log },
        incoming,
        outgoing,
      ).catch((error: unknown) => {
        log(
          `  [host] could not serve ${incoming.method ?? ''} ${incoming.url?.split('?')[0] ?? ''}: ${String(error)}`,
        );
        if (!outgoing.headersSent) outgoing.writeHead(500, { 'Content-Length': '0' });
        outgoing.end();
      });
    });
    const hostName = options.host ?? '127.0.0.1';
    await listen(server, hostName, options.port ?? 7071);
    const { port } = server.address() as AddressInfo;
    const url = `http://${hostName.includes(':') ? `[${hostName}]` : hostName}:${port}`;
    log(
      formatBanner({
        url,
        functions: loaded.functions,
        problems: loaded.problems,
        hooks: shim.hooks,
        dynatrace,
        keyEnforced: key !== undefined,
      }),
    );

    let closing: Promise<void> | undefined;
    return {
      url,
      functions: loaded.functions,
      problems: loaded.problems,
      dynatrace,
      close: () => {
        closing ??= new Promise<void>((resolve, reject) => {
          server.close((error) => (error === undefined ? resolve() : reject(error)));
          server.closeAllConnections();
        }).finally(cleanUp);
        return closing;
      },
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`Port ${port} on ${host} is in use; stop whatever uses it or pass --port.`, {
              cause: error,
            })
          : error,
      );
    });
    server.listen(port, host, () => resolve());
  });
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
