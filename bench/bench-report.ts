/** Figures of one measured case, e.g. "ours (Metrics v2), 10 metrics". */
export interface BenchRow {
  readonly suite: string;
  readonly case: string;
  /** Measured runs (warm-up runs excluded). */
  readonly runs: number;
  /** Wall times in milliseconds; absent for rows that are not timings (sizes, counts). */
  readonly timing?: SampleSummary;
  /** Other figures of the row, e.g. `{ requests: 2, ratio: 0.97 }`. */
  readonly figures: Readonly<Record<string, number | string>>;
}

/** Median, 99th percentile and extremes of a set of samples. */
export interface SampleSummary {
  readonly median: number;
  readonly p99: number;
  readonly min: number;
  readonly max: number;
}

/**
 * A bar the product must meet. A `hard` target is an invariant that does not depend on the machine (a count,
 * a size): the bench fails when it is missed. A soft one is a timing: reported, never failed on, because a
 * slow or busy machine says nothing about the code.
 */
export interface BenchTarget {
  readonly name: string;
  readonly measured: string;
  readonly met: boolean;
  readonly hard: boolean;
}

/** What one suite produced. */
export interface SuiteResult {
  readonly rows: readonly BenchRow[];
  readonly targets: readonly BenchTarget[];
}

/** The whole run, as written to `out/bench/results.json`. */
export interface BenchReport {
  readonly startedAt: string;
  readonly durationMs: number;
  readonly node: string;
  readonly platform: string;
  readonly cpus: number;
  readonly rows: readonly BenchRow[];
  readonly targets: readonly BenchTarget[];
  /** Suites that could not run to the end, with the reason. */
  readonly failures: readonly { readonly suite: string; readonly error: string }[];
}
