import { setMaxListeners } from 'node:events';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';

import { ALL_SCOPES, generateApiToken } from './api-token';
import { FaultInjector, type FaultRule } from './fault-injector';
import { handleRequest } from './handle-request';
import { errorAnswer, internalError, send } from './http-answer';
import { type NotificationTarget } from './notification-target';
import { type ProblemNotifications, ProblemNotifier } from './problem-notifier';
import { RateLimiter } from './rate-limiter';
import { type PendingRecordedRequest, type RecordedRequest } from './recorded-request';
import { type Route } from './route';
import { entitiesV2Routes } from './routes/entities-v2';
import { eventsV1Routes } from './routes/events-v1';
import { eventsV2Routes } from './routes/events-v2';
import { metricsV2Routes } from './routes/metrics-v2';
import { problemsV1Routes } from './routes/problems-v1';
import { problemsV2Routes } from './routes/problems-v2';
import { timeseriesV1Routes } from './routes/timeseries-v1';
import { sampleAppScenario } from './sample-app-scenario';
import { type Scenario } from './scenario';
import { type ProblemDetectionSettings } from './service-health';
import { SimulatorState } from './simulator-state';

/** Options of {@link startDynatraceSimulator}. */
export interface DynatraceSimulatorOptions {
  /** Default: `sampleAppScenario({ now: now() })`. */
  readonly scenario?: Scenario;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 0 (an ephemeral port). */
  readonly port?: number;
  /**
   * Accepted tokens and their scopes. Default: one generated token with every scope. When none of the given
   * tokens has every scope, a generated all-scope token is added (it is `simulator.token`).
   */
  readonly tokens?: Readonly<Record<string, readonly string[]>>;
  /** The clock for relative times (`now-5m`), defaults, event status and rate-limit windows. Default `Date.now`. */
  readonly now?: () => number;
  /** Request budget per endpoint (method + route) per minute. Default 50 000. */
  readonly rateLimitPerMinute?: number;
  /** Serve the unauthenticated control API under `/_sim/` to loopback clients. Default false. */
  readonly controlApi?: boolean;
  /**
   * Thresholds of `state.detectProblems` (see `ProblemDetector`), and `intervalMs` to run detection on a
   * timer with the simulator clock. Without `intervalMs`, detection runs only when asked to.
   */
  readonly problemDetection?: Partial<ProblemDetectionSettings> & { readonly intervalMs?: number };
  /** Problem notification integrations (custom-integration webhooks) called when problems open and close. */
  readonly notifications?: readonly NotificationTarget[];
}

/** A running simulator. */
export interface DynatraceSimulator {
  /** Environment URL, e.g. `http://127.0.0.1:41234` (API under `/api/v1` and `/api/v2`). */
  readonly url: string;
  /** A token with every scope. */
  readonly token: string;
  readonly faults: { add(rule: FaultRule): void; clear(): void };
  /** Every API request received, in arrival order (control API calls are not recorded). */
  readonly requests: readonly RecordedRequest[];
  /** The mutable model the API answers from. */
  readonly state: SimulatorState;
  /** Problem notification integrations and the log of their deliveries. */
  readonly notifications: ProblemNotifications;
  /** Stops listening and ends hanging requests, pending latency faults and open sockets. */
  close(): Promise<void>;
}

const DEFAULT_RATE_LIMIT = 50_000;

/**
 * Starts a Dynatrace API simulator over real HTTP (node:http). It speaks the wire formats of api-facts §A:
 * auth and scopes, error envelopes, rate-limit headers, paging, Metrics v2, Events v2/v1, Problems v2/v1,
 * Entities v2 and Timeseries v1, all computed from the scenario's seeded data.
 */
export async function startDynatraceSimulator(
  options: DynatraceSimulatorOptions = {},
): Promise<DynatraceSimulator> {
  const clock = options.now ?? Date.now;
  const scenario = options.scenario ?? sampleAppScenario({ now: clock() });
  const { tokens, token } = acceptedTokens(options.tokens ?? {});
  const { intervalMs, ...detectionSettings } = options.problemDetection ?? {};
  if (intervalMs !== undefined && !(Number.isFinite(intervalMs) && intervalMs > 0)) {
    throw new RangeError(
      `problemDetection.intervalMs: expected a positive number of milliseconds, found ${intervalMs}`,
    );
  }
  const state = new SimulatorState(scenario, clock, { problemDetection: detectionSettings });
  const faults = new FaultInjector();
  const requests: PendingRecordedRequest[] = [];
  const routeContext = { state, faults };
  const routes: Route[] = [
    ...metricsV2Routes(routeContext),
    ...eventsV2Routes(routeContext),
    ...problemsV2Routes(routeContext),
    ...entitiesV2Routes(routeContext),
    ...eventsV1Routes(routeContext),
    ...problemsV1Routes(routeContext),
    ...timeseriesV1Routes(routeContext),
  ];
  const shutdown = new AbortController();
  // Every pending latency fault listens for shutdown; a benchmark may hold hundreds at once by design.
  setMaxListeners(0, shutdown.signal);
  let environmentUrl = '';
  const notifications = new ProblemNotifier({
    state,
    clock,
    environmentUrl: () => environmentUrl,
    shutdown: shutdown.signal,
  });
  notifications.configure(options.notifications ?? []);
  state.onProblemChange((change) => notifications.notify(change));
  const context = {
    routes,
    state,
    faults,
    limiter: new RateLimiter(options.rateLimitPerMinute ?? DEFAULT_RATE_LIMIT),
    tokens,
    requests,
    clock,
    controlApi: options.controlApi ?? false,
    shutdown: shutdown.signal,
    notifications,
  };
  const server = createServer((request, response) => {
    handleRequest(context, request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, errorAnswer(internalError(error)), {});
    });
  });
  await listen(server, options.host ?? '127.0.0.1', options.port ?? 0);
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  environmentUrl = `http://${host}:${address.port}`;
  const detectionTimer =
    intervalMs === undefined
      ? undefined
      : setInterval(() => {
          // Detection only fails on an impossible clock; a timer has nobody to tell, so it skips the run.
          try {
            state.detectProblems(clock());
          } catch {
            return;
          }
        }, intervalMs);
  detectionTimer?.unref();

  let closing: Promise<void> | undefined;
  return {
    url: environmentUrl,
    token,
    faults: { add: (rule) => faults.add(rule), clear: () => faults.clear() },
    requests,
    state,
    notifications,
    close: () => {
      closing ??= new Promise<void>((resolve, reject) => {
        clearInterval(detectionTimer);
        shutdown.abort();
        server.close((error) => (error ? reject(error) : resolve()));
        // Ends keep-alive sockets and the requests that hang faults hold open.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/** The token map, with a generated all-scope token added when none of the given tokens has every scope. */
function acceptedTokens(given: Readonly<Record<string, readonly string[]>>): {
  tokens: Map<string, ReadonlySet<string>>;
  token: string;
} {
  const tokens = new Map<string, ReadonlySet<string>>(
    Object.entries(given).map(([token, scopes]) => [token, new Set(scopes)]),
  );
  const complete = [...tokens].find(([, scopes]) => ALL_SCOPES.every((scope) => scopes.has(scope)))?.[0];
  if (complete !== undefined) return { tokens, token: complete };
  const token = generateApiToken();
  tokens.set(token, new Set(ALL_SCOPES));
  return { tokens, token };
}

async function listen(server: Server, host: string, port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error): void => {
      reject(
        new Error(`The Dynatrace simulator could not listen on ${host}:${port}: ${error.message}`, {
          cause: error,
        }),
      );
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}
