import { invalidParameter, notFound } from '../api-error';
import { METRICS } from '../metric-catalog';
import { type Statistic, computeStatistic } from '../metric-statistics';
import { DAY_MS } from '../minute-sample';
import { optionalParameter } from '../query-parameters';
import { parseResolution, slotsFor } from '../resolution';
import { type Route, type RouteContext, type SimRequest, type SimResponse } from '../route';
import { type TagFilter, matchesTag, parseTagFilter } from '../tag-filter';
import { v1RelativeTimeframe } from '../v1-relative-time';
import { minutesInWindow } from '../window-minutes';

type V1Aggregation = 'AVG' | 'COUNT' | 'MAX' | 'MEDIAN' | 'MIN' | 'PERCENTILE' | 'SUM';

interface TimeseriesDefinition {
  readonly displayName: string;
  readonly unit: string;
  /** The v2 metric the values come from (api-facts A.6 mapping). */
  readonly metricKey: string;
  readonly aggregationTypes: readonly V1Aggregation[];
  readonly defaultAggregation: V1Aggregation;
}

const RESPONSE_TIME: readonly V1Aggregation[] = ['AVG', 'SUM', 'MIN', 'MAX', 'MEDIAN', 'PERCENTILE', 'COUNT'];
const RATE: readonly V1Aggregation[] = ['AVG', 'MIN', 'MAX'];
const COUNT: readonly V1Aggregation[] = ['COUNT', 'SUM', 'AVG', 'MIN', 'MAX'];

/** The v1 service timeseries the simulator serves. */
export const TIMESERIES_V1: ReadonlyMap<string, TimeseriesDefinition> = new Map([
  [
    'com.dynatrace.builtin:service.responsetime',
    {
      displayName: 'Response time',
      unit: 'MicroSecond (µs)',
      metricKey: 'builtin:service.response.time',
      aggregationTypes: RESPONSE_TIME,
      defaultAggregation: 'AVG',
    },
  ],
  [
    'com.dynatrace.builtin:service.failurerate',
    {
      displayName: 'Failure rate',
      unit: 'Percent (%)',
      metricKey: 'builtin:service.errors.total.rate',
      aggregationTypes: RATE,
      defaultAggregation: 'AVG',
    },
  ],
  [
    'com.dynatrace.builtin:service.serversidefailurerate',
    {
      displayName: 'Server side failure rate',
      unit: 'Percent (%)',
      metricKey: 'builtin:service.errors.server.rate',
      aggregationTypes: RATE,
      defaultAggregation: 'AVG',
    },
  ],
  [
    'com.dynatrace.builtin:service.clientsidefailurerate',
    {
      displayName: 'Client side failure rate',
      unit: 'Percent (%)',
      metricKey: 'builtin:service.errors.client.rate',
      aggregationTypes: RATE,
      defaultAggregation: 'AVG',
    },
  ],
  [
    'com.dynatrace.builtin:service.requestspermin',
    {
      displayName: 'Requests per minute',
      unit: 'PerMinute (count/min)',
      metricKey: 'builtin:service.requestCount.total',
      aggregationTypes: COUNT,
      defaultAggregation: 'COUNT',
    },
  ],
  [
    'com.dynatrace.builtin:service.errorcounthttp5xx',
    {
      displayName: 'HTTP 5xx errors',
      unit: 'Count (count)',
      metricKey: 'builtin:service.errors.fivexx.count',
      aggregationTypes: COUNT,
      defaultAggregation: 'COUNT',
    },
  ],
  [
    'com.dynatrace.builtin:service.errorcounthttp4xx',
    {
      displayName: 'HTTP 4xx errors',
      unit: 'Count (count)',
      metricKey: 'builtin:service.errors.fourxx.count',
      aggregationTypes: COUNT,
      defaultAggregation: 'COUNT',
    },
  ],
]);

const MAX_WINDOW_MS = 183 * DAY_MS;

/** `GET /api/v1/timeseries/{timeseriesIdentifier}` (api-facts A.6), computed from the same samples as v2. */
export function timeseriesV1Routes(context: RouteContext): Route[] {
  return [
    {
      method: 'GET',
      pattern: '/api/v1/timeseries/{timeseriesId}',
      scope: 'DataExport',
      handle: (request) => timeseries(context, request),
    },
  ];
}

function timeseries(context: RouteContext, request: SimRequest): SimResponse {
  const timeseriesId = request.params.timeseriesId ?? '';
  const definition = TIMESERIES_V1.get(timeseriesId);
  const metric = definition && METRICS.get(definition.metricKey);
  if (!definition || !metric) {
    throw notFound(
      `Timeseries ${JSON.stringify(timeseriesId)} not found; the simulator serves ${[...TIMESERIES_V1.keys()].join(', ')}.`,
    );
  }
  const aggregationText = (
    optionalParameter(request.query, 'aggregationType') ?? definition.defaultAggregation
  ).toUpperCase();
  const aggregation = definition.aggregationTypes.find((candidate) => candidate === aggregationText);
  if (!aggregation) {
    throw invalidParameter(
      'aggregationType',
      `${timeseriesId} supports ${definition.aggregationTypes.join(', ')}; found ${JSON.stringify(aggregationText)}`,
    );
  }
  const percentile = percentileParameter(request, aggregation);
  const queryMode = (optionalParameter(request.query, 'queryMode') ?? 'SERIES').toUpperCase();
  if (queryMode !== 'SERIES' && queryMode !== 'TOTAL') {
    throw invalidParameter('queryMode', `must be SERIES or TOTAL, found ${JSON.stringify(queryMode)}`);
  }
  const answer: Record<string, unknown> = {
    timeseriesId,
    displayName: definition.displayName,
    dimensions: ['SERVICE'],
    unit: definition.unit,
    detailedSource: 'Services',
    types: [],
    aggregationTypes: definition.aggregationTypes,
    filter: 'BUILTIN',
  };
  if (optionalParameter(request.query, 'includeData') !== 'true') return { status: 200, body: answer };

  const window = timeframe(request);
  const statistic = toStatistic(aggregation, percentile, metric.measure.kind === 'count');
  const entityIds = request.query.getAll('entity').filter((id) => id !== '');
  const tagFilters = request.query
    .getAll('tag')
    .filter((tag) => tag !== '')
    .map((tag) => tagParameter(tag));
  const slots =
    queryMode === 'TOTAL'
      ? [{ start: window.from, end: window.to }]
      : slotsFor(parseResolution(undefined, window.from, window.to), window.from, window.to);
  const dataPoints: Record<string, [number, number | null][]> = {};
  const entities: Record<string, string> = {};
  for (const entity of context.state.entities.list()) {
    if (entity.type !== 'SERVICE') continue;
    if (entityIds.length > 0 && !entityIds.includes(entity.id)) continue;
    if (!tagFilters.every((filter) => entity.tags.some((tag) => matchesTag(filter, tag)))) continue;
    const minutes = minutesInWindow(context.state, entity.id, window, request.now);
    if (minutes.length === 0) continue;
    dataPoints[entity.id] = slots.map((slot) => [
      slot.start,
      computeStatistic(
        metric,
        statistic,
        minutes.filter(({ minuteStart }) => minuteStart >= slot.start && minuteStart < slot.end),
      ),
    ]);
    entities[entity.id] = entity.displayName;
  }
  const firstSlot = slots[0];
  answer.dataResult = {
    dataPoints,
    unit: definition.unit,
    resolutionInMillisUTC: firstSlot ? firstSlot.end - firstSlot.start : 0,
    aggregationType: aggregation,
    entities,
    timeseriesId,
  };
  return { status: 200, body: answer };
}

function percentileParameter(request: SimRequest, aggregation: V1Aggregation): number | undefined {
  if (aggregation !== 'PERCENTILE') return undefined;
  const text = optionalParameter(request.query, 'percentile');
  const value = Number(text);
  if (text === undefined || !/^\d+$/.test(text) || value < 1 || value > 99) {
    throw invalidParameter(
      'percentile',
      `aggregationType PERCENTILE needs percentile between 1 and 99, found ${JSON.stringify(text ?? null)}`,
    );
  }
  return value;
}

/**
 * v1 aggregation → the statistic of `metric-statistics.ts`. COUNT of a count metric (requests per minute,
 * 5xx errors) is its total; COUNT of a response time or rate is the number of requests.
 */
function toStatistic(
  aggregation: V1Aggregation,
  percentile: number | undefined,
  countMetric: boolean,
): Statistic {
  switch (aggregation) {
    case 'AVG':
      return { aggregation: 'avg' };
    case 'SUM':
      return { aggregation: 'sum' };
    case 'MIN':
      return { aggregation: 'min' };
    case 'MAX':
      return { aggregation: 'max' };
    case 'MEDIAN':
      return { aggregation: 'median' };
    case 'PERCENTILE':
      return { aggregation: 'percentile', ...(percentile === undefined ? {} : { percentile }) };
    case 'COUNT':
      return { aggregation: countMetric ? 'sum' : 'count' };
  }
}

function timeframe(request: SimRequest): { from: number; to: number } {
  const relative = optionalParameter(request.query, 'relativeTime');
  if (relative !== undefined) {
    return v1RelativeTimeframe(relative, request.now);
  }
  const start = optionalParameter(request.query, 'startTimestamp');
  const end = optionalParameter(request.query, 'endTimestamp');
  if (start === undefined || end === undefined) {
    throw invalidParameter(
      'startTimestamp',
      'with includeData=true give relativeTime, or both startTimestamp and endTimestamp',
    );
  }
  for (const [name, text] of [
    ['startTimestamp', start],
    ['endTimestamp', end],
  ] as const) {
    if (!/^\d+$/.test(text))
      throw invalidParameter(name, `must be epoch milliseconds, found ${JSON.stringify(text)}`);
  }
  const from = Number(start);
  const to = Number(end);
  if (from >= to) throw invalidParameter('startTimestamp', 'must be before endTimestamp');
  if (to - from > MAX_WINDOW_MS)
    throw invalidParameter('startTimestamp', 'the timeframe must not exceed 6 months');
  return { from, to };
}

function tagParameter(text: string): TagFilter {
  try {
    return parseTagFilter(text);
  } catch (error) {
    throw invalidParameter('tag', error instanceof Error ? error.message : String(error));
  }
}
