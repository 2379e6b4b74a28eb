import { type IncomingHttpHeaders } from 'node:http';

import { type FaultInjector } from './fault-injector';
import { type SimulatorState } from './simulator-state';

/** What route handlers work with. */
export interface RouteContext {
  readonly state: SimulatorState;
  /** For the `unmatched` fault, which the ingest handlers apply themselves. */
  readonly faults: FaultInjector;
}

/** A parsed request as route handlers see it. */
export interface SimRequest {
  readonly method: string;
  /** Path without the query string, e.g. `/api/v2/events/ingest`. */
  readonly path: string;
  /** Values of the `{placeholders}` in the route pattern, URL-decoded. */
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  /** The JSON body, or `undefined` when the request had none. */
  readonly body: unknown;
  /** The simulator clock at the time the request is handled (epoch ms). */
  readonly now: number;
}

/** What a handler answers; the server adds headers common to every response. */
export interface SimResponse {
  readonly status: number;
  /** Serialised as JSON; `undefined` sends no body. */
  readonly body?: unknown;
}

/** One endpoint of the simulated API. */
export interface Route {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path with `{name}` placeholders for single segments, e.g. `/api/v2/problems/{problemId}/comments`. */
  readonly pattern: string;
  /** Token scope the endpoint needs (see api-facts A.1). */
  readonly scope: string;
  handle(request: SimRequest): SimResponse;
}

/** The route matching `method` and `path`, the routes matching only the path, and the path parameters. */
export interface RouteMatch {
  readonly route: Route | undefined;
  readonly allowedMethods: readonly string[];
  readonly params: Readonly<Record<string, string>>;
}

/**
 * Finds the route for a request. Patterns are matched segment by segment; earlier routes win, so literal
 * paths (`/api/v2/metrics/query`) must come before placeholders (`/api/v2/metrics/{metricKey}`).
 */
export function matchRoute(routes: readonly Route[], method: string, path: string): RouteMatch {
  const segments = path.split('/');
  const allowedMethods: string[] = [];
  let found: { route: Route; params: Record<string, string> } | undefined;
  for (const route of routes) {
    const params = matchPattern(route.pattern, segments);
    if (!params) continue;
    allowedMethods.push(route.method);
    if (!found && route.method === method) found = { route, params };
  }
  return { route: found?.route, allowedMethods, params: found?.params ?? {} };
}

function matchPattern(pattern: string, segments: readonly string[]): Record<string, string> | undefined {
  const parts = pattern.split('/');
  if (parts.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let index = 0; index < parts.length; index += 1) {
    const part = parts[index] ?? '';
    const segment = segments[index] ?? '';
    if (part.startsWith('{') && part.endsWith('}')) {
      if (segment === '') return undefined;
      try {
        params[part.slice(1, -1)] = decodeURIComponent(segment);
      } catch {
        return undefined;
      }
    } else if (part !== segment) {
      return undefined;
    }
  }
  return params;
}
