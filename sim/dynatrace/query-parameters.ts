import { invalidParameter } from './api-error';
import { parseTimeParameter } from './time-parameter';

/** The authentication parameter may accompany any request and never counts as a query parameter. */
const AUTH_PARAMETER = 'api-token';

/** A query parameter's value; an empty value counts as absent, as in Dynatrace. */
export function optionalParameter(query: URLSearchParams, name: string): string | undefined {
  const value = query.get(name);
  return value === null || value === '' ? undefined : value;
}

/** A mandatory query parameter (400 naming it when missing). */
export function requiredParameter(query: URLSearchParams, name: string): string {
  const value = optionalParameter(query, name);
  if (value === undefined) throw invalidParameter(name, 'must not be null');
  return value;
}

/** An integer query parameter within [min, max]. */
export function integerParameter(
  query: URLSearchParams,
  name: string,
  limits: { min: number; max: number; fallback: number },
): number {
  const text = optionalParameter(query, name);
  if (text === undefined) return limits.fallback;
  const value = Number(text);
  if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(value)) {
    throw invalidParameter(name, `must be an integer, found ${JSON.stringify(text)}`);
  }
  if (value < limits.min || value > limits.max) {
    throw invalidParameter(name, `must be between ${limits.min} and ${limits.max}, found ${value}`);
  }
  return value;
}

/** A `from`/`to` style timestamp (epoch ms, ISO or `now-2h`), resolved against `now`. */
export function timeParameter(query: URLSearchParams, name: string, now: number, fallback: string): number {
  const text = optionalParameter(query, name) ?? fallback;
  try {
    return parseTimeParameter(text, now);
  } catch (error) {
    throw invalidParameter(name, error instanceof Error ? error.message : String(error));
  }
}

/** A `[from, to)` timeframe; 400 when `from` is not before `to`. */
export function timeframeParameters(
  query: URLSearchParams,
  now: number,
  defaults: { from: string; to: string },
): { from: number; to: number } {
  const from = timeParameter(query, 'from', now, defaults.from);
  const to = timeParameter(query, 'to', now, defaults.to);
  if (from >= to) {
    throw invalidParameter(
      'from',
      `must be before to (from ${new Date(from).toISOString()}, to ${new Date(to).toISOString()})`,
    );
  }
  return { from, to };
}

/**
 * Enforces the paging rule "when nextPageKey is given, other parameters must be omitted" (apart from
 * `allowed` and the token parameter).
 */
export function assertOnlyPageKey(query: URLSearchParams, allowed: readonly string[] = []): void {
  const extra = [...new Set(query.keys())].filter(
    (name) => name !== 'nextPageKey' && name !== AUTH_PARAMETER && !allowed.includes(name),
  );
  if (extra.length > 0) {
    throw invalidParameter(
      'nextPageKey',
      `when nextPageKey is set, all other query parameters must be omitted${
        allowed.length > 0 ? ` (except ${allowed.join(', ')})` : ''
      }; found ${extra.join(', ')}`,
    );
  }
}
