import { ApiError, invalidParameter } from '../api-error';
import { parseEntitySelector } from '../entity-selector';
import { SERVICE_DIMENSION } from '../metric-catalog';
import { type MetricSelector, parseMetricSelector, splitMetricSelectors } from '../metric-selector';
import { type SeriesPlan, planSeries, queryMetrics } from '../query-metrics';
import { optionalParameter, requiredParameter, timeframeParameters } from '../query-parameters';
import { parseResolution } from '../resolution';
import { type Route, type RouteContext, type SimRequest, type SimResponse } from '../route';
import { SelectorSyntaxError } from '../selector-criteria';
import { parseSelectorParameter } from '../selector-parameter';

/** At most this many metric selectors per query (api-facts A.5). */
export const MAX_METRIC_SELECTORS = 10;

/** Metrics API v2: data points and descriptors (api-facts A.5). */
export function metricsV2Routes(context: RouteContext): Route[] {
  return [
    {
      method: 'GET',
      pattern: '/api/v2/metrics/query',
      scope: 'metrics.read',
      handle: (request) => query(context, request),
    },
    {
      method: 'GET',
      pattern: '/api/v2/metrics/{metricKey}',
      scope: 'metrics.read',
      handle: (request) => {
        const selector = parseOne(request.params.metricKey ?? '', 'metricKey', 'PATH');
        return { status: 200, body: descriptor(selector, planSeries(selector)) };
      },
    },
  ];
}

function query(context: RouteContext, request: SimRequest): SimResponse {
  const accept = request.headers.accept;
  if (accept !== undefined && !/application\/json|application\/\*|\*\/\*/i.test(accept)) {
    throw new ApiError(
      406,
      `Not acceptable: the simulator answers application/json only, requested ${JSON.stringify(accept)}.`,
    );
  }
  const texts = splitSelectors(requiredParameter(request.query, 'metricSelector'));
  if (texts.length > MAX_METRIC_SELECTORS) {
    throw invalidParameter(
      'metricSelector',
      `at most ${MAX_METRIC_SELECTORS} metric selectors are allowed per query, found ${texts.length}`,
    );
  }
  const selectors = texts.map((text) => {
    const selector = parseOne(text, 'metricSelector', 'QUERY');
    return { selector, plan: planSeries(selector) };
  });
  const window = timeframeParameters(request.query, request.now, { from: 'now-2h', to: 'now' });
  let resolution;
  try {
    resolution = parseResolution(optionalParameter(request.query, 'resolution'), window.from, window.to);
  } catch (error) {
    throw invalidParameter('resolution', error instanceof Error ? error.message : String(error));
  }
  const entitySelectorText = optionalParameter(request.query, 'entitySelector');
  const entitySelector =
    entitySelectorText === undefined
      ? undefined
      : parseSelectorParameter(parseEntitySelector, entitySelectorText, 'entitySelector');
  const data = queryMetrics(context.state, {
    selectors,
    ...window,
    resolution,
    ...(entitySelector ? { entitySelector } : {}),
    now: request.now,
  });
  if (optionalParameter(request.query, 'mzSelector') !== undefined) {
    data.warnings.push('The simulator has no management zones; mzSelector was ignored.');
  }
  return { status: 200, body: data };
}

function splitSelectors(text: string): string[] {
  try {
    return splitMetricSelectors(text);
  } catch (error) {
    if (error instanceof SelectorSyntaxError) throw invalidParameter('metricSelector', error.message);
    throw error;
  }
}

function parseOne(text: string, path: string, location: 'QUERY' | 'PATH'): MetricSelector {
  return parseSelectorParameter(parseMetricSelector, text, path, location);
}

function descriptor(selector: MetricSelector, plan: SeriesPlan): Record<string, unknown> {
  const metric = plan.metric;
  const explicit = selector.transformations.find((transformation) => transformation.kind === 'aggregation');
  const aggregation = explicit?.kind === 'aggregation' ? explicit.statistic.aggregation : undefined;
  const dimensions = plan.merged
    ? []
    : [
        { key: SERVICE_DIMENSION, name: 'Service', displayName: 'Service', index: 0, type: 'ENTITY' },
        ...(plan.names
          ? [
              {
                key: `${SERVICE_DIMENSION}.name`,
                name: 'Service name',
                displayName: 'Service name',
                index: 1,
                type: 'STRING',
              },
            ]
          : []),
      ];
  return {
    metricId: selector.text,
    displayName: metric.displayName,
    description: metric.description,
    unit: metric.unit,
    entityType: ['SERVICE'],
    aggregationTypes: aggregation ? [aggregation] : metric.aggregationTypes,
    transformations: ['fold', 'names', 'splitBy'],
    defaultAggregation: { type: aggregation ?? metric.defaultAggregation },
    dimensionDefinitions: dimensions,
    resolutionInfSupported: true,
    metricValueType: { type: metric.unit === 'Count' ? 'count' : 'unknown' },
  };
}
