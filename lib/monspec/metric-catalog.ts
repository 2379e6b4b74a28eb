import { type AggregateKind } from './parse-aggregate';

/** The prefix of built-in Timeseries API v1 ids, which monspec files may omit. */
export const BUILTIN_TIMESERIES_PREFIX = 'com.dynatrace.builtin:';

/**
 * How a raw Metrics v2 value becomes the value users think in (and write static limits in):
 * response times arrive in microseconds but are judged in milliseconds; request counts over the window
 * become requests per minute.
 */
export type DisplayConversion = 'microseconds-to-milliseconds' | 'per-window-minute' | 'none';

/** The display unit and conversion of a metric under one aggregation. */
export interface MetricDisplay {
  readonly unit: string;
  readonly conversion: DisplayConversion;
}

/** A built-in metric the monspec core knows by its v1 timeseries id and its Metrics v2 key. */
export interface CatalogMetric {
  /** The v1 timeseries id without the `com.dynatrace.builtin:` prefix. */
  readonly timeseriesId: string;
  readonly metricKey: string;
  /** Human label used in results, e.g. `Failure rate`. */
  readonly label: string;
  readonly aggregates: readonly AggregateKind[];
  readonly display: MetricDisplay;
  /** Display of the `count` aggregation where it counts requests instead of measuring the metric. */
  readonly countDisplay?: MetricDisplay;
  /**
   * Set when every allowed aggregate means the same thing and is answered by one query: the Metrics v2
   * aggregation to use and the v1 aggregation type that yields the same total.
   */
  readonly fixedAggregation?: { readonly metrics: 'sum'; readonly timeseries: 'COUNT' | 'SUM' };
}

const RESPONSE_TIME: MetricDisplay = { unit: 'ms', conversion: 'microseconds-to-milliseconds' };
const PERCENT: MetricDisplay = { unit: '%', conversion: 'none' };
const RATE_AGGREGATES: readonly AggregateKind[] = ['avg', 'min', 'max'];

/**
 * The v1 → v2 mapping of api-facts §A.6. Every entry is a service metric (`dt.entity.service`).
 * Failure rates carry only `avg` in their descriptors, but `:splitBy()` makes min and max available too.
 */
export const METRIC_CATALOG: readonly CatalogMetric[] = [
  {
    timeseriesId: 'service.responsetime',
    metricKey: 'builtin:service.response.time',
    label: 'Response time',
    aggregates: ['avg', 'min', 'max', 'sum', 'count', 'median', 'percentile'],
    display: RESPONSE_TIME,
    countDisplay: { unit: 'requests', conversion: 'none' },
  },
  {
    timeseriesId: 'service.failurerate',
    metricKey: 'builtin:service.errors.total.rate',
    label: 'Failure rate',
    aggregates: RATE_AGGREGATES,
    display: PERCENT,
  },
  {
    timeseriesId: 'service.serversidefailurerate',
    metricKey: 'builtin:service.errors.server.rate',
    label: 'Server-side failure rate',
    aggregates: RATE_AGGREGATES,
    display: PERCENT,
  },
  {
    timeseriesId: 'service.clientsidefailurerate',
    metricKey: 'builtin:service.errors.client.rate',
    label: 'Client-side failure rate',
    aggregates: RATE_AGGREGATES,
    display: PERCENT,
  },
  {
    // v2 counts requests per time slot, so the rate is the window's total divided by its minutes; avg,
    // count and sum all mean "requests per minute over the window", as they did for the v1 metric.
    timeseriesId: 'service.requestspermin',
    metricKey: 'builtin:service.requestCount.total',
    label: 'Requests per minute',
    aggregates: ['avg', 'count', 'sum'],
    display: { unit: 'req/min', conversion: 'per-window-minute' },
    fixedAggregation: { metrics: 'sum', timeseries: 'COUNT' },
  },
  {
    timeseriesId: 'service.errorcounthttp5xx',
    metricKey: 'builtin:service.errors.fivexx.count',
    label: 'HTTP 5xx errors',
    aggregates: ['sum', 'count'],
    display: { unit: 'errors', conversion: 'none' },
    fixedAggregation: { metrics: 'sum', timeseries: 'SUM' },
  },
  {
    timeseriesId: 'service.errorcounthttp4xx',
    metricKey: 'builtin:service.errors.fourxx.count',
    label: 'HTTP 4xx errors',
    aggregates: ['sum', 'count'],
    display: { unit: 'errors', conversion: 'none' },
    fixedAggregation: { metrics: 'sum', timeseries: 'SUM' },
  },
];

/** The catalog entry of a v1 timeseries id given without its prefix, e.g. `service.failurerate`. */
export function findTimeseries(timeseriesId: string): CatalogMetric | undefined {
  return METRIC_CATALOG.find((metric) => metric.timeseriesId === timeseriesId);
}

/** The catalog entry of a Metrics v2 key, e.g. `builtin:service.errors.total.rate`. */
export function findMetricKey(metricKey: string): CatalogMetric | undefined {
  return METRIC_CATALOG.find((metric) => metric.metricKey === metricKey);
}

/** The unit and conversion of a catalog metric under an aggregation. */
export function displayOf(metric: CatalogMetric, kind: AggregateKind): MetricDisplay {
  return kind === 'count' && metric.countDisplay !== undefined ? metric.countDisplay : metric.display;
}
