import { type Validate } from './monspec';

/** Overall verdict of a gate evaluation. */
export type EvaluationStatus = 'pass' | 'warning' | 'fail';

/** The verdict for one perfsignature entry, with everything needed to understand it. */
export interface EntryResult {
  /** Path of the entry inside its entity definition, e.g. `perfsignature[2]`. */
  readonly path: string;
  /** Human label, e.g. `Failure rate`. */
  readonly metric: string;
  /** The timeseries id or metric key/selector as written in the monspec. */
  readonly key: string;
  /** The Metrics v2 selector that was queried. */
  readonly selector: string;
  readonly aggregate: string;
  readonly validate: Validate;
  /** Display unit of source, compare, threshold and limits (`ms`, `%`, `req/min`, … or empty). */
  readonly unit: string;
  /** Value in the source window; `null` when Dynatrace had no data. */
  readonly source: number | null;
  /** Value in the compare window; `null` when Dynatrace had no data. */
  readonly compare: number | null;
  /** The limit the source value was judged against; `null` when none could be computed. */
  readonly threshold: number | null;
  readonly limitKind: 'relative' | 'static';
  readonly upperLimit?: number;
  readonly lowerLimit?: number;
  /** Percent tolerance applied to the compare value; `null` for static entries. */
  readonly scaleFactor: number | null;
  readonly status: 'pass' | 'violation' | 'nodata';
  /** What this entry does to the verdict; a `nodata` entry's outcome follows the missing-data policy. */
  readonly outcome: 'pass' | 'warning' | 'fail';
  /** One line saying why, e.g. `33.7 % > threshold 0.58 % (Production 0.5 % + 15 %)`. */
  readonly reason: string;
  /** Caveats about the values, e.g. that a v1 average over several entities is approximate. */
  readonly notes?: readonly string[];
}

/** One side of the comparison as it was evaluated. */
export interface EvaluatedWindow {
  readonly environment: string;
  /** Window start, ISO 8601 UTC. */
  readonly from: string;
  /** Window end, ISO 8601 UTC. */
  readonly to: string;
  readonly entitySelector: string;
}

/** The explained verdict of one comparison. */
export interface EvaluationResult {
  readonly status: EvaluationStatus;
  /** One line naming what failed, e.g. `fail: 1 of 4 metrics violated — Failure rate (avg) in Staging 33.7 % > 0.58 %`. */
  readonly summary: string;
  /** Number of entries whose value violated their threshold (missing data is not a violation). */
  readonly totalViolations: number;
  readonly service: string;
  readonly comparison: string;
  readonly windowMinutes: number;
  readonly source: EvaluatedWindow;
  readonly compare: EvaluatedWindow;
  readonly results: readonly EntryResult[];
}
