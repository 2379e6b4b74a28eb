/**
 * When a throttled service says it will accept requests again, as epoch milliseconds, or
 * `undefined` when its answer carries no usable hint.
 *
 * Reads both signals and takes the later one:
 * - `X-RateLimit-Reset`: Dynatrace sends a timestamp in **microseconds** since the epoch; Azure DevOps
 *   and others send seconds. The unit is recognised by magnitude (any epoch after 2001 in µs, ms or s),
 *   and a small number is read as "seconds from now", the form some gateways use.
 * - `Retry-After`: delay seconds or an HTTP date (RFC 9110 §10.2.3).
 *
 * @param headers - response headers with lower-case names.
 * @param nowMs - the current time, to resolve relative forms.
 */
export function readRateLimitReset(
  headers: Readonly<Record<string, string>>,
  nowMs: number,
): number | undefined {
  const candidates = [
    parseRateLimitReset(headers['x-ratelimit-reset'], nowMs),
    parseRetryAfter(headers['retry-after'], nowMs),
  ].filter((value): value is number => value !== undefined);
  return candidates.length > 0 ? Math.max(...candidates) : undefined;
}

const MICROSECOND_EPOCH_FLOOR = 1e15;
const MILLISECOND_EPOCH_FLOOR = 1e12;
const SECOND_EPOCH_FLOOR = 1e9;

function parseRateLimitReset(value: string | undefined, nowMs: number): number | undefined {
  const number = parseNumber(value);
  if (number === undefined || number < 0) {
    return undefined;
  }
  if (number >= MICROSECOND_EPOCH_FLOOR) {
    return Math.ceil(number / 1000);
  }
  if (number >= MILLISECOND_EPOCH_FLOOR) {
    return Math.ceil(number);
  }
  if (number >= SECOND_EPOCH_FLOOR) {
    return Math.ceil(number * 1000);
  }
  return nowMs + Math.ceil(number * 1000);
}

function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined || value.trim() === '') {
    return undefined;
  }
  const seconds = parseNumber(value);
  if (seconds !== undefined) {
    return seconds >= 0 ? nowMs + Math.ceil(seconds * 1000) : undefined;
  }
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : date;
}

function parseNumber(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*\d+(\.\d+)?\s*$/.test(value)) {
    return undefined;
  }
  return Number(value);
}
