import { MINUTE_MS } from './minute-sample';
import { type MinuteSample } from './scenario';

/** The thresholds of the simulator's problem detection (see `ProblemDetector`). */
export interface ProblemDetectionSettings {
  /** How many complete minutes are judged, and how long a service must be normal again before its problem closes. */
  readonly windowMinutes: number;
  /** A failure rate (failed ÷ all requests of the window) above this percentage is a problem. */
  readonly failureRatePercent: number;
  /** A mean response time above this multiple of the service's baseline is a problem. */
  readonly responseTimeFactor: number;
  /** How many minutes before the judged window the response-time baseline is learned from. */
  readonly baselineMinutes: number;
}

/**
 * Defaults under which seed 002's sample app behaves as the tutorial tells: build 4 in Production (10 %
 * failures, 300 ms against a 100 ms baseline) and build 2 anywhere (50 % failures) are problems; builds 1 and
 * 3 (0–1 % failures, response times at their baseline) are not.
 */
export const DEFAULT_PROBLEM_DETECTION: ProblemDetectionSettings = {
  windowMinutes: 3,
  failureRatePercent: 5,
  responseTimeFactor: 2,
  baselineMinutes: 60,
};

/** What is wrong with a service. */
export type ViolationKind = 'failure-rate' | 'response-time';

/** One threshold a service exceeds, in words and numbers. */
export interface Violation {
  readonly kind: ViolationKind;
  readonly value: number;
  readonly threshold: number;
  /** e.g. `failure rate 10.0 % > 5 %`. */
  readonly description: string;
}

/** How one service did in the judged window. */
export type ServiceHealth =
  | {
      readonly entityId: string;
      /** Some minute of the window has no sample or no request: neither a problem nor a recovery. */
      readonly status: 'unknown';
      readonly reason: string;
    }
  | {
      readonly entityId: string;
      readonly status: 'normal' | 'abnormal';
      readonly failureRatePercent: number;
      readonly responseTimeMs: number;
      /** `null` when the baseline period has no traffic; the response time is then not judged. */
      readonly baselineResponseTimeMs: number | null;
      readonly violations: readonly Violation[];
    };

/**
 * Judges one service over the complete minutes `[windowEnd − windowMinutes, windowEnd)`:
 * - failure rate = failed ÷ all requests of those minutes;
 * - response time = the request-weighted mean of those minutes;
 * - baseline = the median of the per-minute mean response times of the `baselineMinutes` before the window
 *   (a median, so that a few bad minutes do not move it), learned from the service's own history.
 * `windowEnd` must be minute-aligned.
 */
export function judgeServiceHealth(
  sampleAt: (entityId: string, minuteStartMs: number) => MinuteSample | undefined,
  entityId: string,
  windowEnd: number,
  settings: ProblemDetectionSettings,
): ServiceHealth {
  const windowStart = windowEnd - settings.windowMinutes * MINUTE_MS;
  let requests = 0;
  let failures = 0;
  let weightedMicros = 0;
  for (let minute = windowStart; minute < windowEnd; minute += MINUTE_MS) {
    const sample = sampleAt(entityId, minute);
    if (sample === undefined || sample.requests === 0) {
      return {
        entityId,
        status: 'unknown',
        reason: `no traffic in the minute starting ${new Date(minute).toISOString()}`,
      };
    }
    requests += sample.requests;
    failures += sample.failures;
    weightedMicros += meanMicros(sample) * sample.requests;
  }
  const failureRatePercent = (failures / requests) * 100;
  const responseTimeMs = weightedMicros / requests / 1000;
  const baselineMeans: number[] = [];
  for (
    let minute = windowStart - settings.baselineMinutes * MINUTE_MS;
    minute < windowStart;
    minute += MINUTE_MS
  ) {
    const sample = sampleAt(entityId, minute);
    if (sample !== undefined && sample.requests > 0) baselineMeans.push(meanMicros(sample) / 1000);
  }
  const baselineResponseTimeMs = median(baselineMeans);

  const violations: Violation[] = [];
  if (failureRatePercent > settings.failureRatePercent) {
    violations.push({
      kind: 'failure-rate',
      value: failureRatePercent,
      threshold: settings.failureRatePercent,
      description: `failure rate ${failureRatePercent.toFixed(1)} % > ${settings.failureRatePercent} %`,
    });
  }
  if (baselineResponseTimeMs !== null) {
    const threshold = baselineResponseTimeMs * settings.responseTimeFactor;
    if (responseTimeMs > threshold) {
      violations.push({
        kind: 'response-time',
        value: responseTimeMs,
        threshold,
        description:
          `response time ${responseTimeMs.toFixed(0)} ms > ${settings.responseTimeFactor} × baseline ` +
          `${baselineResponseTimeMs.toFixed(0)} ms`,
      });
    }
  }
  return {
    entityId,
    status: violations.length > 0 ? 'abnormal' : 'normal',
    failureRatePercent,
    responseTimeMs,
    baselineResponseTimeMs,
    violations,
  };
}

/** Every representative duration of a minute stands for the same share of its requests. */
function meanMicros(sample: MinuteSample): number {
  const durations = sample.responseTimesMicros;
  return durations.length === 0 ? 0 : durations.reduce((sum, value) => sum + value, 0) / durations.length;
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
