import { type SampleSummary } from './bench-report';

/**
 * Median, nearest-rank 99th percentile (the maximum for fewer than 100 samples, which is the honest reading
 * of a handful of runs), minimum and maximum of a non-empty list of durations in milliseconds.
 *
 * @throws RangeError for an empty list: a summary of nothing would print as a fast result.
 */
export function summarizeSamples(samples: readonly number[]): SampleSummary {
  if (samples.length === 0) throw new RangeError('summarizeSamples needs at least one sample; found none');
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (fraction: number): number =>
    sorted[Math.max(0, Math.ceil(fraction * sorted.length) - 1)] ?? 0;
  const middle = sorted.length / 2;
  const median =
    sorted.length % 2 === 1
      ? (sorted[Math.floor(middle)] ?? 0)
      : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  return { median, p99: rank(0.99), min: sorted[0] ?? 0, max: sorted.at(-1) ?? 0 };
}
