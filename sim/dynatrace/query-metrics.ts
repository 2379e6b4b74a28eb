import { type ApiError, invalidParameter, notFound } from './api-error';
import { type EntitySelector, matchesEntitySelector } from './entity-selector';
import { METRICS, type MetricDefinition, SERVICE_DIMENSION } from './metric-catalog';
import { type MetricSelector } from './metric-selector';
import {
  type MinuteContribution,
  type Statistic,
  aggregateValues,
  computeStatistic,
  effectiveAggregation,
} from './metric-statistics';
import { MAX_POINTS_PER_SERIES, type Resolution, type Slot, formatResolution, slotsFor } from './resolution';
import { type SimulatorState } from './simulator-state';
import { minutesInWindow } from './window-minutes';

/** One series of a Metrics v2 answer. */
export interface MetricSeries {
  readonly dimensions: string[];
  readonly dimensionMap: Record<string, string>;
  readonly timestamps: number[];
  readonly values: (number | null)[];
}

/** The answer for one metric selector. */
export interface MetricSeriesCollection {
  readonly metricId: string;
  readonly dataPointCountRatio: number;
  readonly dimensionCountRatio: number;
  readonly data: MetricSeries[];
}

/** `GET /api/v2/metrics/query` answer body. */
export interface MetricData {
  readonly totalCount: number;
  readonly nextPageKey: null;
  readonly resolution: string;
  readonly warnings: string[];
  readonly result: MetricSeriesCollection[];
}

/** How one selector is evaluated, after its transformation chain has been checked against the metric. */
export interface SeriesPlan {
  readonly metric: MetricDefinition;
  /** `true` after `:splitBy()`: all entities merge into one series. */
  readonly merged: boolean;
  readonly statistic: Statistic;
  /** `undefined`: no fold; `null`: fold with the series' own statistic; else fold(agg). */
  readonly fold: Statistic | null | undefined;
  readonly names: boolean;
}

const MAX_DATA_POINTS = 20_000_000;
const MAX_TUPLES = 100_000;

/**
 * Checks a selector's transformation chain against its metric: 404 for an unknown metric key; 400 for an
 * aggregation the metric does not offer (unless it comes after `:splitBy`, which allows any), an unknown
 * dimension, or a second aggregation.
 */
export function planSeries(selector: MetricSelector): SeriesPlan {
  const metric = METRICS.get(selector.key);
  if (!metric) throw notFound(`Metric ${JSON.stringify(selector.key)} not found.`);
  let merged = false;
  let splitSeen = false;
  let statistic: Statistic | undefined;
  let fold: Statistic | null | undefined;
  let names = false;
  for (const transformation of selector.transformations) {
    switch (transformation.kind) {
      case 'splitBy': {
        const unknown = transformation.dimensions.filter((dimension) => dimension !== SERVICE_DIMENSION);
        if (unknown.length > 0 || (merged && transformation.dimensions.length > 0)) {
          throw selectorError(
            selector,
            `splitBy: dimension ${JSON.stringify(unknown[0] ?? SERVICE_DIMENSION)} is not available (the metric's dimension is ${SERVICE_DIMENSION}${merged ? ', already merged by an earlier splitBy()' : ''})`,
          );
        }
        merged = transformation.dimensions.length === 0;
        splitSeen = true;
        break;
      }
      case 'aggregation': {
        if (statistic)
          throw selectorError(selector, 'only one aggregation transformation per selector is supported');
        const aggregation = transformation.statistic.aggregation;
        if (!splitSeen && !metric.aggregationTypes.includes(aggregation)) {
          throw selectorError(
            selector,
            `aggregation ${aggregation} is not supported by ${metric.key} (supported: ${metric.aggregationTypes.join(', ')}); apply it after :splitBy() to aggregate merged series`,
          );
        }
        statistic = transformation.statistic;
        break;
      }
      case 'fold': {
        const requested = transformation.statistic;
        // Dynatrace falls back to the default aggregation when fold's aggregation does not fit the metric.
        fold =
          requested === undefined || requested.aggregation === 'auto' || requested.aggregation === 'value'
            ? null
            : splitSeen || metric.aggregationTypes.includes(requested.aggregation)
              ? requested
              : null;
        break;
      }
      case 'names':
        names = true;
        break;
    }
  }
  return { metric, merged, statistic: statistic ?? { aggregation: 'auto' }, fold, names };
}

/** Evaluates parsed, planned selectors over the window (see `metric-statistics.ts` for the semantics). */
export function queryMetrics(
  state: SimulatorState,
  query: {
    readonly selectors: readonly { selector: MetricSelector; plan: SeriesPlan }[];
    readonly from: number;
    readonly to: number;
    readonly resolution: Resolution;
    readonly entitySelector?: EntitySelector;
    readonly now: number;
  },
): MetricData {
  const slots = slotsFor(query.resolution, query.from, query.to);
  if (slots.length > MAX_POINTS_PER_SERIES) {
    throw invalidParameter(
      'resolution',
      `${formatResolution(query.resolution)} over this timeframe needs more than ${MAX_POINTS_PER_SERIES} data points per series; choose a coarser resolution`,
    );
  }
  const services = state.entities
    .list()
    .filter((entity) => entity.type === 'SERVICE')
    .filter((entity) => !query.entitySelector || matchesEntitySelector(query.entitySelector, entity));
  const perEntity = services
    .map((entity) => ({ entity, minutes: minutesInWindow(state, entity.id, query, query.now) }))
    .filter(({ minutes }) => minutes.length > 0);
  const result = query.selectors.map(({ selector, plan }) => {
    const groups = plan.merged
      ? perEntity.length === 0
        ? []
        : [{ entity: undefined, minutes: perEntity.flatMap(({ minutes }) => minutes) }]
      : perEntity;
    const data = groups.map(({ entity, minutes }) => {
      const dimensionMap: Record<string, string> = {};
      if (entity) {
        dimensionMap[SERVICE_DIMENSION] = entity.id;
        if (plan.names) dimensionMap[`${SERVICE_DIMENSION}.name`] = entity.displayName;
      }
      return {
        dimensions: Object.values(dimensionMap),
        dimensionMap,
        ...seriesPoints(plan, slots, minutes, query),
      };
    });
    const points = data.reduce((total, series) => total + series.values.length, 0);
    return {
      metricId: selector.text,
      dataPointCountRatio: points / MAX_DATA_POINTS,
      dimensionCountRatio: data.length / MAX_TUPLES,
      data,
    };
  });
  return {
    totalCount: result.reduce((total, collection) => total + collection.data.length, 0),
    nextPageKey: null,
    resolution: formatResolution(query.resolution),
    warnings: [],
    result,
  };
}

function seriesPoints(
  plan: SeriesPlan,
  slots: readonly Slot[],
  minutes: readonly MinuteContribution[],
  window: { from: number; to: number },
): { timestamps: number[]; values: (number | null)[] } {
  const buckets = bucketBySlot(slots, minutes);
  const slotValues = (): (number | null)[] =>
    buckets.map((bucket) => computeStatistic(plan.metric, plan.statistic, bucket));
  if (plan.fold !== undefined) {
    const end = slots[slots.length - 1]?.end ?? window.to;
    if (plan.fold === null)
      return { timestamps: [end], values: [computeStatistic(plan.metric, plan.statistic, minutes)] };
    const present = slotValues().filter((value): value is number => value !== null);
    const aggregation = effectiveAggregation(plan.metric, plan.fold.aggregation);
    return { timestamps: [end], values: [aggregateValues(aggregation, plan.fold.percentile, present)] };
  }
  return { timestamps: slots.map((slot) => slot.end), values: slotValues() };
}

/** Sorts minutes into the (contiguous, ascending) slots they start in. */
function bucketBySlot(
  slots: readonly Slot[],
  minutes: readonly MinuteContribution[],
): MinuteContribution[][] {
  const buckets = slots.map((): MinuteContribution[] => []);
  for (const minute of minutes) {
    let low = 0;
    let high = slots.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const slot = slots[middle];
      if (!slot) break;
      if (minute.minuteStart < slot.start) high = middle - 1;
      else if (minute.minuteStart >= slot.end) low = middle + 1;
      else {
        buckets[middle]?.push(minute);
        break;
      }
    }
  }
  return buckets;
}

function selectorError(selector: MetricSelector, message: string): ApiError {
  return invalidParameter('metricSelector', `${selector.text}: ${message}`);
}
