// An oracle written independently of sim/dynatrace/metric-statistics.ts: it reads minute samples through
// the public `sampleAt` and computes the documented quantities with plain loops.
import { type MinuteSample } from '../../../../sim/dynatrace';
import { MINUTE } from './api-client';

export type SampleSource = (entityId: string, minuteStartMs: number) => MinuteSample | undefined;

/** Minute starts in [from, to) that are complete at `now`. */
export function windowMinutes(from: number, to: number, now: number): number[] {
  const minutes: number[] = [];
  for (
    let minute = Math.ceil(from / MINUTE) * MINUTE;
    minute < to && minute + MINUTE <= now;
    minute += MINUTE
  ) {
    minutes.push(minute);
  }
  return minutes;
}

/** All samples of the entities over the minutes. */
export function samplesOf(
  source: SampleSource,
  entityIds: readonly string[],
  minutes: readonly number[],
): MinuteSample[] {
  const samples: MinuteSample[] = [];
  for (const minute of minutes) {
    for (const entityId of entityIds) {
      const sample = source(entityId, minute);
      if (sample) samples.push(sample);
    }
  }
  return samples;
}

export interface WindowFigures {
  readonly requests: number;
  readonly failures: number;
  /** Request-weighted mean response time, µs. */
  readonly avgResponseMicros: number;
  readonly maxResponseMicros: number;
  readonly minResponseMicros: number;
  /** Total time, µs. */
  readonly totalResponseMicros: number;
  readonly failureRatePercent: number;
}

/** Totals over a set of samples, by the definitions in the simulator's documentation. */
export function figures(samples: readonly MinuteSample[]): WindowFigures {
  let requests = 0;
  let failures = 0;
  let weighted = 0;
  let max = -Infinity;
  let min = Infinity;
  for (const sample of samples) {
    requests += sample.requests;
    failures += sample.failures;
    const each = sample.requests / sample.responseTimesMicros.length;
    for (const duration of sample.responseTimesMicros) {
      weighted += duration * each;
      if (duration > max) max = duration;
      if (duration < min) min = duration;
    }
  }
  return {
    requests,
    failures,
    avgResponseMicros: weighted / requests,
    maxResponseMicros: max,
    minResponseMicros: min,
    totalResponseMicros: weighted,
    failureRatePercent: (failures / requests) * 100,
  };
}

/** Weighted nearest-rank percentile of the representative durations. */
export function durationPercentile(samples: readonly MinuteSample[], percentile: number): number {
  const points = samples.flatMap((sample) =>
    sample.responseTimesMicros.map((value) => ({
      value,
      weight: sample.requests / sample.responseTimesMicros.length,
    })),
  );
  points.sort((left, right) => left.value - right.value);
  const total = points.reduce((sum, point) => sum + point.weight, 0);
  let cumulative = 0;
  for (const point of points) {
    cumulative += point.weight;
    if (cumulative >= (percentile / 100) * total) return point.value;
  }
  throw new Error('no durations');
}

/** Asserts two floats agree up to rounding (relative 1e-9). */
export function closeTo(actual: unknown, expected: number): boolean {
  return typeof actual === 'number' && Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
}
