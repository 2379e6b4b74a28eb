import { type DynatraceSimulator } from '../../../../sim/dynatrace';

/** A fixed "now" for tests: 2024-05-14 12:00:30 UTC (30 s into a minute, like a real clock). */
export const NOW = Date.UTC(2024, 4, 14, 12, 0, 30);

export const MINUTE = 60_000;

/** The start of the minute `NOW` lies in. */
export const NOW_MINUTE = Math.floor(NOW / MINUTE) * MINUTE;

/**
 * Minimal client for the simulator: real HTTP via global fetch, token in the Authorization header
 * (`null` sends no token).
 */
export function apiClient(simulator: DynatraceSimulator, token: string | null = simulator.token) {
  const request = async (
    method: string,
    path: string,
    options: {
      query?: Record<string, string | number | readonly string[]>;
      body?: unknown;
      headers?: Record<string, string>;
    } = {},
  ) => {
    const url = new URL(path, simulator.url);
    for (const [name, value] of Object.entries(options.query ?? {})) {
      for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(name, String(item));
    }
    const response = await fetch(url, {
      method,
      headers: {
        ...(token === null ? {} : { Authorization: `Api-Token ${token}` }),
        ...(options.body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...options.headers,
      },
      ...(options.body === undefined
        ? {}
        : { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }),
    });
    const text = await response.text();
    // The body stays as loosely typed as JSON.parse makes it: tests poke at wire payloads directly.
    return {
      status: response.status,
      headers: response.headers,
      body: text === '' ? undefined : JSON.parse(text),
    };
  };
  return {
    request,
    get: (path: string, query?: Record<string, string | number | readonly string[]>) =>
      request('GET', path, { query: query ?? {} }),
    post: (path: string, body: unknown) => request('POST', path, { body }),
  };
}

/** An HTTP answer with its body parsed as JSON (`undefined` for an empty body). */
export type JsonAnswer = Awaited<ReturnType<ReturnType<typeof apiClient>['request']>>;
