import { type MinuteSample } from './scenario';

/** Aggregations of the Metrics API v2 metric selector. */
export const AGGREGATIONS = [
  'auto',
  'avg',
  'count',
  'max',
  'median',
  'min',
  'percentile',
  'sum',
  'value',
] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

/**
 * How a metric is derived from minute samples:
 * - `duration`: the representative response times, each weighted by the requests it stands for;
 * - `rate`: `numerator ÷ requests × 100` (a percentage of requests);
 * - `count`: a number of requests per minute.
 */
export type MetricMeasure =
  | { readonly kind: 'duration' }
  | { readonly kind: 'rate'; numerator(sample: MinuteSample): number }
  | { readonly kind: 'count'; count(sample: MinuteSample): number };

/** A simulated built-in metric and its descriptor fields (api-facts A.5). */
export interface MetricDefinition {
  readonly key: string;
  readonly displayName: string;
  readonly description: string;
  /** Descriptor unit id: `MicroSecond`, `Percent` or `Count`. */
  readonly unit: 'MicroSecond' | 'Percent' | 'Count';
  readonly aggregationTypes: readonly Aggregation[];
  /** What `auto` means for this metric. */
  readonly defaultAggregation: Exclude<Aggregation, 'auto'>;
  readonly measure: MetricMeasure;
}

/** The one dimension of every simulated service metric. */
export const SERVICE_DIMENSION = 'dt.entity.service';

const DURATION_AGGREGATIONS: readonly Aggregation[] = [
  'auto',
  'avg',
  'count',
  'max',
  'median',
  'min',
  'percentile',
  'sum',
];
const RATE_AGGREGATIONS: readonly Aggregation[] = ['auto', 'avg'];
const COUNT_AGGREGATIONS: readonly Aggregation[] = ['auto', 'value'];

// The simulated services only fail with HTTP 500 (seed 002's build 2 and 4), so every failure is a
// server-side 5xx error and there are no client-side or 4xx errors.
const failures = (sample: MinuteSample): number => sample.failures;
const none = (): number => 0;
const successes = (sample: MinuteSample): number => sample.requests - sample.failures;
const requests = (sample: MinuteSample): number => sample.requests;

function duration(key: string, displayName: string, description: string): MetricDefinition {
  return {
    key,
    displayName,
    description,
    unit: 'MicroSecond',
    aggregationTypes: DURATION_AGGREGATIONS,
    defaultAggregation: 'avg',
    measure: { kind: 'duration' },
  };
}

function rate(
  key: string,
  displayName: string,
  numerator: (sample: MinuteSample) => number,
): MetricDefinition {
  return {
    key,
    displayName,
    description: `${displayName}, in percent of all requests.`,
    unit: 'Percent',
    aggregationTypes: RATE_AGGREGATIONS,
    defaultAggregation: 'avg',
    measure: { kind: 'rate', numerator },
  };
}

function count(key: string, displayName: string, value: (sample: MinuteSample) => number): MetricDefinition {
  return {
    key,
    displayName,
    description: `${displayName} per time slot.`,
    unit: 'Count',
    aggregationTypes: COUNT_AGGREGATIONS,
    defaultAggregation: 'value',
    measure: { kind: 'count', count: value },
  };
}

/** The built-in service metrics the simulator serves, by key. */
export const METRICS: ReadonlyMap<string, MetricDefinition> = new Map(
  [
    duration('builtin:service.response.time', 'Response time', 'The time it takes to respond to a request.'),
    duration(
      'builtin:service.response.server',
      'Server response time',
      'Response time measured on the server side.',
    ),
    rate('builtin:service.errors.total.rate', 'Failure rate (any errors)', failures),
    rate('builtin:service.errors.server.rate', 'Failure rate (server-side errors)', failures),
    rate('builtin:service.errors.client.rate', 'Failure rate (client-side errors)', none),
    rate('builtin:service.errors.fivexx.rate', 'Failure rate (HTTP 5xx errors)', failures),
    rate('builtin:service.errors.fourxx.rate', 'Failure rate (HTTP 4xx errors)', none),
    rate('builtin:service.successes.server.rate', 'Success rate (server side)', successes),
    count('builtin:service.errors.total.count', 'Error count (any errors)', failures),
    count('builtin:service.errors.server.count', 'Error count (server-side errors)', failures),
    count('builtin:service.errors.fivexx.count', 'Number of HTTP 5xx errors', failures),
    count('builtin:service.errors.fourxx.count', 'Number of HTTP 4xx errors', none),
    count('builtin:service.errors.total.successCount', 'Number of calls without any errors', successes),
    count('builtin:service.requestCount.total', 'Request count', requests),
    count('builtin:service.requestCount.server', 'Request count - server', requests),
  ].map((metric) => [metric.key, metric]),
);
