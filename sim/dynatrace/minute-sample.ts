import { hashToUnitInterval } from './deterministic-hash';
import { type WorkloadProfile } from './scenario';

/** How many representative response times describe one minute of traffic. */
export const REPRESENTATIVE_DURATIONS = 20;

/** Requests per minute vary by up to ±5 % around the profile, so windows are not perfectly flat. */
const REQUEST_JITTER = 0.05;

/** Each minute's response times scale by up to ±3 %; small enough that equal builds compare as equal. */
const LATENCY_JITTER = 0.03;

/** One minute, the finest resolution and the unit of every sample. */
export const MINUTE_MS = 60_000;

/** One day in milliseconds. */
export const DAY_MS = 1_440 * MINUTE_MS;

/** Failure accounting uses integer millionths of a request so that carries never drift with floats. */
export const FAILURE_UNITS_PER_REQUEST = 1_000_000;

/** The number of requests `entityId` serves in the minute starting at `minuteStartMs`. */
export function requestsInMinute(entityId: string, minuteStartMs: number, profile: WorkloadProfile): number {
  const jitter = 2 * hashToUnitInterval(entityId, minuteStartMs, 'requests') - 1;
  return Math.max(0, Math.round(profile.requestsPerMinute * (1 + REQUEST_JITTER * jitter)));
}

/** Expected failures per request, in millionths (a 1.5 % failure rate is 15 000). */
export function failureUnitsPerRequest(profile: WorkloadProfile): number {
  return Math.round((profile.failureRatePercent * FAILURE_UNITS_PER_REQUEST) / 100);
}

/**
 * The representative response times (µs) of one minute: the quantiles of a fixed right-skewed shape
 * (a floor of half the mean plus an exponential tail, mean exactly the profile's response time), all
 * scaled by one per-minute jitter factor.
 */
export function responseTimesInMinute(
  entityId: string,
  minuteStartMs: number,
  profile: WorkloadProfile,
  requests: number,
): number[] {
  const count = Math.min(REPRESENTATIVE_DURATIONS, requests);
  if (count === 0) return [];
  const jitter = 2 * hashToUnitInterval(entityId, minuteStartMs, 'latency') - 1;
  const meanMicros = profile.responseTimeMs * 1000 * (1 + LATENCY_JITTER * jitter);
  return durationShape(count).map((factor) => Math.round(meanMicros * factor));
}

const shapes = new Map<number, readonly number[]>();

function durationShape(count: number): readonly number[] {
  const cached = shapes.get(count);
  if (cached) return cached;
  const tails = Array.from({ length: count }, (_, index) => -Math.log(1 - (index + 0.5) / count));
  const meanTail = tails.reduce((sum, tail) => sum + tail, 0) / count;
  const shape = tails.map((tail) => 0.5 + (0.5 * tail) / meanTail);
  shapes.set(count, shape);
  return shape;
}
