/**
 * The gate's evaluation history: every verdict the gate gave, kept for a bounded time so that a report can
 * show each metric across builds (source, compare, threshold, violations) and link back to the release or
 * run that asked.
 */
import { type StoredRecordError } from './stored-record-error';
import { type StoreUnavailableError } from './store-unavailable-error';

/** The verdict of a recorded evaluation. Failed requests (400, 502, …) have no values and are not recorded. */
export type RecordedStatus = 'pass' | 'warning' | 'fail';

/** One side of the comparison as it was evaluated. Times are ISO 8601 UTC. */
export interface RecordedWindow {
  readonly environment: string;
  readonly from: string;
  readonly to: string;
  readonly entitySelector: string;
}

/** One perfsignature entry of a recorded evaluation, in the metric's display unit. */
export interface RecordedResult {
  /** Human label, e.g. `Response time`. */
  readonly metric: string;
  /** The timeseries id or metric key as written in the monspec; with `aggregate` it identifies the series. */
  readonly key: string;
  readonly aggregate: string;
  readonly validate: 'upper' | 'lower';
  readonly unit: string;
  /** `null`: Dynatrace had no data. */
  readonly source: number | null;
  readonly compare: number | null;
  /** `null`: no threshold could be computed (the compare value was missing). */
  readonly threshold: number | null;
  readonly limitKind: 'relative' | 'static';
  readonly status: 'pass' | 'violation' | 'nodata';
  /** What the entry did to the verdict (a `nodata` entry follows the missing-data policy). */
  readonly outcome: 'pass' | 'warning' | 'fail';
  /** One line saying why. */
  readonly reason: string;
}

/**
 * Who asked, as far as the request told: the identity headers of the Azure DevOps gate or check and the
 * release/run fields of the request's `context`. All values are text as received (ids are digits).
 */
export interface PipelineIdentity {
  /** e.g. `https://dev.azure.com/contoso/` (the `PlanUrl` header or `context.collectionUri`). */
  readonly collectionUri?: string;
  readonly projectId?: string;
  /** The project's name (`context.project`). */
  readonly project?: string;
  /** `build`, `release`, `gates` or `checks`. */
  readonly hubName?: string;
  readonly planId?: string;
  readonly jobId?: string;
  readonly timelineId?: string;
  readonly taskInstanceId?: string;
  readonly releaseId?: string;
  readonly releaseName?: string;
  /** The YAML pipeline run (build) id. */
  readonly runId?: string;
  readonly runName?: string;
  readonly stage?: string;
  readonly attempt?: string;
}

/** One gate evaluation as recorded. */
export interface RecordedEvaluation {
  /** The gate's evaluation id (a UUID), also in its answer and log lines. */
  readonly evaluationId: string;
  /** When the request arrived, epoch milliseconds. */
  readonly evaluatedAt: number;
  readonly service: string;
  readonly comparison: string;
  readonly status: RecordedStatus;
  readonly summary: string;
  readonly totalViolations: number;
  readonly windowMinutes: number;
  readonly source: RecordedWindow;
  readonly compare: RecordedWindow;
  readonly results: readonly RecordedResult[];
  readonly pipeline?: PipelineIdentity;
  /** The request's own `context` object, as sent. */
  readonly requestContext?: Readonly<Record<string, unknown>>;
  /** Set instead of `requestContext` when the context was too large to keep. */
  readonly requestContextOmitted?: true;
  /** `inline`, or the URL the monspec came from (without its query string). */
  readonly monspecOrigin?: string;
}

/** What to list. Results are newest first. */
export interface EvaluationQuery {
  /** Exact match; all services when absent. */
  readonly service?: string;
  /** Exact match; all comparisons when absent. */
  readonly comparison?: string;
  /** Only evaluations at or after this time (epoch ms). */
  readonly since?: number;
  /** At most this many evaluations (1 to {@link MAX_LIST_LIMIT}). */
  readonly limit: number;
}

/** The most a single list call returns. */
export const MAX_LIST_LIMIT = 1000;

/** Stored rows of a listing that could not be read (edited by hand, written by an incompatible version). */
export interface Unreadable {
  readonly unreadable: readonly StoredRecordError[];
}

/** A listing of evaluations, newest first. */
export interface EvaluationPage extends Unreadable {
  readonly evaluations: readonly RecordedEvaluation[];
}

/** A service and comparison that has recorded evaluations, with its latest verdict. */
export interface EvaluationSeries {
  readonly service: string;
  readonly comparison: string;
  readonly latestEvaluationId: string;
  readonly latestEvaluatedAt: number;
  readonly latestStatus: RecordedStatus;
}

/** The series within the retention period, ordered by service, then comparison. */
export interface SeriesList extends Unreadable {
  readonly series: readonly EvaluationSeries[];
}

/** What recording did besides storing the evaluation. */
export interface RecordOutcome {
  /** Rows deleted because they were past the retention period or over the per-series maximum. */
  readonly deleted: number;
  /** Set when the evaluation was stored but deleting old rows failed; the next write tries again. */
  readonly pruneFailure?: StoreUnavailableError;
}

/** Per-call options. */
export interface HistoryCallOptions {
  /** Cancels the call (e.g. when the gate's deadline passes); it then fails with `StoreUnavailableError`. */
  readonly signal?: AbortSignal;
}

/** The evaluation history. Every method may throw `StoreUnavailableError`. */
export interface EvaluationHistory {
  /**
   * Stores an evaluation (recording the same evaluation again changes nothing), then deletes, in one bounded
   * batch, rows of its series that are past the retention period or over the per-series maximum, and rows of
   * one series that has not been evaluated within the retention period.
   */
  record(evaluation: RecordedEvaluation, options?: HistoryCallOptions): Promise<RecordOutcome>;
  /** Evaluations matching the query, newest first; rows that cannot be read are reported, not thrown. */
  list(query: EvaluationQuery, options?: HistoryCallOptions): Promise<EvaluationPage>;
  /** One evaluation of a series by its id, if it is still kept. */
  find(
    service: string,
    comparison: string,
    evaluationId: string,
    options?: HistoryCallOptions,
  ): Promise<RecordedEvaluation | undefined>;
  /** Every series evaluated within the retention period. */
  listSeries(options?: HistoryCallOptions): Promise<SeriesList>;
}
