import { type Clock } from '../http/clock';
import { type Logger } from '../http/logger';
import { type RetryPolicy } from '../http/retry-policy';
import {
  type DynatraceEvent,
  type DynatraceTime,
  type Entity,
  type EventCreation,
  type EventIngest,
  type EventIngestResults,
  type EventStoreResult,
  type MetricData,
  type MetricDescriptor,
  type Problem,
  type ProblemComment,
  type ProblemField,
  type TimeseriesResult,
  type V1AggregationType,
  type V1Event,
  type V1ProblemComment,
  type V1ProblemDetails,
} from './types';

/** How to reach one Dynatrace environment. */
export interface DynatraceClientOptions {
  /** SaaS `https://abc12345.live.dynatrace.com` or Managed `https://host/e/<environment-id>`. */
  readonly environmentUrl: string;
  /** Sent as `Authorization: Api-Token <token>`; redacted from every message and log line. */
  readonly apiToken: string;
  /** Per attempt; default 10 000 ms. */
  readonly timeoutMs?: number;
  readonly retry?: Partial<RetryPolicy>;
  readonly logger?: Logger;
  readonly clock?: Clock;
  readonly random?: () => number;
  readonly userAgent?: string;
}

/** Per-call controls every method accepts. */
export interface CallOptions {
  /** Epoch ms; no attempt starts and no retry wait extends past it. */
  readonly deadline?: number;
  readonly signal?: AbortSignal;
}

/** Controls of calls that follow `nextPageKey`/`nextCursor` through every page. */
export interface PagingOptions extends CallOptions {
  /** Fail (rather than return a truncated list) when more pages would be needed. Default 20. */
  readonly maxPages?: number;
}

/** `GET /api/v2/metrics/query`. The window is required: the API's silent default is the last 2 hours. */
export interface MetricQuery {
  /** Up to 10 comma-separated metric selectors, e.g. `builtin:service.response.time:splitBy():avg`. */
  readonly metricSelector: string;
  readonly from: DynatraceTime;
  readonly to: DynatraceTime;
  /** `Inf`, a timespan such as `1m`, or a number of points. */
  readonly resolution?: string | number;
  readonly entitySelector?: string;
  readonly mzSelector?: string;
}

/** `GET /api/v2/events`. */
export interface EventQuery {
  readonly from?: DynatraceTime;
  readonly to?: DynatraceTime;
  /** e.g. `eventType("CUSTOM_DEPLOYMENT"),entityId("SERVICE-…")`. */
  readonly eventSelector?: string;
  readonly entitySelector?: string;
  /** Default 100, at most 1000. */
  readonly pageSize?: number;
}

/** `GET /api/v2/problems`. */
export interface ProblemQuery {
  readonly from?: DynatraceTime;
  readonly to?: DynatraceTime;
  /** e.g. `status("open"),impactedEntities("SERVICE-…")`. */
  readonly problemSelector?: string;
  readonly entitySelector?: string;
  readonly fields?: readonly ProblemField[];
  /** e.g. `-startTime`. */
  readonly sort?: string;
  /** Default 50, at most 500. */
  readonly pageSize?: number;
}

/** `GET /api/v2/entities`. */
export interface EntityQuery {
  readonly entitySelector: string;
  readonly from?: DynatraceTime;
  readonly to?: DynatraceTime;
  /** Extra fields such as `tags`, `lastSeenTms`, `properties.serviceTechnologyTypes` (`+` added if missing). */
  readonly fields?: readonly string[];
  readonly sort?: string;
  /** Default 50. */
  readonly pageSize?: number;
}

/** The body of `POST /api/v2/problems/{problemId}/comments`. */
export interface ProblemCommentInput {
  readonly message: string;
  readonly context?: string;
}

/** `GET /api/v1/events`. */
export interface V1EventQuery {
  /** Epoch ms; the API's default window is the last 30 days. */
  readonly from?: number;
  readonly to?: number;
  /** `min`, `5mins`, …, `month`: an alternative to from/to. */
  readonly relativeTime?: string;
  readonly eventType?: string;
  readonly entityId?: string;
}

/** `GET /api/v1/timeseries/{timeseriesIdentifier}`. */
export interface TimeseriesQuery {
  /** Default true; without data points the answer is of no use to this client. */
  readonly includeData?: boolean;
  readonly aggregationType: V1AggregationType;
  /** 1–99, with aggregationType `PERCENTILE`. */
  readonly percentile?: number;
  /** `TOTAL` gives one value per entity for the whole window. */
  readonly queryMode?: 'SERIES' | 'TOTAL';
  readonly startTimestamp: number;
  readonly endTimestamp: number;
  /** Entity ids (OR). */
  readonly entities?: readonly string[];
  /** Tags the entities must all carry: `key`, `key:value` or `[Context]key:value`. */
  readonly tags?: readonly string[];
}

/** The body of `POST /api/v1/problem/details/{problemId}/comments`. */
export interface V1ProblemCommentInput {
  readonly comment: string;
  readonly user: string;
  readonly context?: string;
}

/** The Environment API v1 calls, for tenants or settings that still need them. */
export interface DynatraceV1Client {
  /** `POST /api/v1/events`. */
  postEvent(event: EventCreation, options?: CallOptions): Promise<EventStoreResult>;
  /** `GET /api/v1/events`, following `nextCursor` through every page. */
  listEvents(query?: V1EventQuery, options?: PagingOptions): Promise<V1Event[]>;
  /** `GET /api/v1/timeseries/{timeseriesId}` with data points. */
  queryTimeseries(
    timeseriesId: string,
    query: TimeseriesQuery,
    options?: CallOptions,
  ): Promise<TimeseriesResult>;
  /** `GET /api/v1/problem/details/{problemId}`. */
  getProblemDetails(problemId: string, options?: CallOptions): Promise<V1ProblemDetails>;
  /** `POST /api/v1/problem/details/{problemId}/comments`. */
  addProblemComment(
    problemId: string,
    comment: V1ProblemCommentInput,
    options?: CallOptions,
  ): Promise<V1ProblemComment>;
}

/**
 * A typed client of one Dynatrace environment's API. Every method validates the answer against
 * the documented shape and throws {@link HttpError} (a `DynatraceApiError` when Dynatrace answered
 * with an error), `PageLimitError` when a listing exceeds `maxPages`, or `TypeError`/`RangeError`
 * for invalid arguments.
 */
export interface DynatraceClient {
  /** The normalized environment URL, e.g. for links to problems in comments. */
  readonly environmentUrl: string;
  /** `GET /api/v2/metrics/query`. */
  queryMetrics(query: MetricQuery, options?: CallOptions): Promise<MetricData>;
  /** `GET /api/v2/metrics/{metricKey}`. */
  getMetricDescriptor(metricKey: string, options?: CallOptions): Promise<MetricDescriptor>;
  /**
   * `POST /api/v2/events/ingest`. Not retried after a timeout, so an event is never sent twice;
   * check every result's `status`, as Dynatrace answers 201 even when some are not `OK`.
   */
  ingestEvent(event: EventIngest, options?: CallOptions): Promise<EventIngestResults>;
  /** `GET /api/v2/events`, following `nextPageKey` through every page. */
  listEvents(query?: EventQuery, options?: PagingOptions): Promise<DynatraceEvent[]>;
  /** `GET /api/v2/events/{eventId}`. */
  getEvent(eventId: string, options?: CallOptions): Promise<DynatraceEvent>;
  /** `GET /api/v2/problems/{problemId}`. */
  getProblem(
    problemId: string,
    options?: CallOptions & { readonly fields?: readonly ProblemField[] },
  ): Promise<Problem>;
  /** `GET /api/v2/problems`, following `nextPageKey` through every page. */
  listProblems(query?: ProblemQuery, options?: PagingOptions): Promise<Problem[]>;
  /** `POST /api/v2/problems/{problemId}/comments` (201, no body). */
  addProblemComment(problemId: string, comment: ProblemCommentInput, options?: CallOptions): Promise<void>;
  /** `GET /api/v2/problems/{problemId}/comments`, every page. */
  listProblemComments(problemId: string, options?: PagingOptions): Promise<ProblemComment[]>;
  /** `GET /api/v2/entities`, following `nextPageKey` through every page. */
  listEntities(query: EntityQuery, options?: PagingOptions): Promise<Entity[]>;
  /** `GET /api/v2/entities/{entityId}`. */
  getEntity(
    entityId: string,
    options?: CallOptions & { readonly fields?: readonly string[] },
  ): Promise<Entity>;
  /** The legacy v1 calls. */
  readonly v1: DynatraceV1Client;
}
