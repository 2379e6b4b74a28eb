import { buildMetricSelector } from './build-metric-selector';
import {
  BUILTIN_TIMESERIES_PREFIX,
  displayOf,
  findMetricKey,
  findTimeseries,
  type CatalogMetric,
  type DisplayConversion,
} from './metric-catalog';
import { type Comparison, type PerfSignatureEntry, type Validate } from './monspec';
import { aggregateKind, percentileOf, type AggregateKind } from './parse-aggregate';
import { entryMetricId } from './validate-comparisons';

/** Aggregation types of the Timeseries API v1. */
export type TimeseriesAggregationType = 'AVG' | 'MIN' | 'MAX' | 'SUM' | 'COUNT' | 'MEDIAN' | 'PERCENTILE';

/** How an entry is queried from the Timeseries API v1, for tenants without Metrics v2. */
export interface TimeseriesQuery {
  /** The full v1 id, e.g. `com.dynatrace.builtin:service.responsetime`. */
  readonly timeseriesId: string;
  readonly aggregationType: TimeseriesAggregationType;
  readonly percentile?: number;
}

/** Everything needed to query, convert and judge one perfsignature entry under one comparison. */
export interface PlannedEntry {
  /** Path relative to the entity definition, e.g. `perfsignature[2]`; the key of window values. */
  readonly path: string;
  /** Human label, e.g. `Failure rate`. */
  readonly label: string;
  /** The timeseries id or metric key/selector as written in the monspec. */
  readonly key: string;
  /** The Metrics v2 selector queried for this entry. */
  readonly selector: string;
  /** The aggregate as written (or the default `avg`); `selector` for verbatim selectors. */
  readonly aggregate: string;
  readonly validate: Validate;
  /** Display unit, e.g. `ms`, `%`, `req/min`; empty for metrics the catalog does not know. */
  readonly unit: string;
  readonly conversion: DisplayConversion;
  readonly limitKind: 'relative' | 'static';
  readonly upperLimit?: number;
  readonly lowerLimit?: number;
  /** Percent tolerance for relative entries (override, else default, else 0); `null` for static ones. */
  readonly scaleFactor: number | null;
  /** `undefined` when the Timeseries API v1 cannot express the entry. */
  readonly timeseries?: TimeseriesQuery;
}

const V1_AGGREGATION: Readonly<Record<AggregateKind, TimeseriesAggregationType>> = {
  avg: 'AVG',
  min: 'MIN',
  max: 'MAX',
  sum: 'SUM',
  count: 'COUNT',
  median: 'MEDIAN',
  percentile: 'PERCENTILE',
};

/** Resolves one validated perfsignature entry against the metric catalog and a comparison. */
export function planEntry(entry: PerfSignatureEntry, comparison: Comparison): PlannedEntry {
  const isStatic = entry.upperLimit !== undefined || entry.lowerLimit !== undefined;
  const limits = {
    limitKind: isStatic ? 'static' : 'relative',
    ...(entry.upperLimit === undefined ? {} : { upperLimit: entry.upperLimit }),
    ...(entry.lowerLimit === undefined ? {} : { lowerLimit: entry.lowerLimit }),
    scaleFactor: isStatic ? null : scaleFactorOf(entry, comparison),
  } as const;
  const common = { path: entry.path, key: entry.metric.written, validate: entry.validate, ...limits };
  const { metric } = entry;
  if (metric.kind === 'selector') {
    return {
      ...common,
      label: metric.selector,
      selector: metric.selector,
      aggregate: 'selector',
      unit: '',
      conversion: 'none',
    };
  }
  const known = metric.kind === 'timeseries' ? findTimeseries(metric.id) : findMetricKey(metric.key);
  const kind = aggregateKind(entry.aggregate);
  const percentile = percentileOf(entry.aggregate);
  if (known === undefined) {
    // Validation guarantees timeseries ids are in the catalog, so this is a Metrics v2 key we do not know.
    return {
      ...common,
      label: metric.written,
      selector: buildMetricSelector(metric.written, kind, percentile),
      aggregate: entry.aggregate,
      unit: '',
      conversion: 'none',
    };
  }
  const display = displayOf(known, kind);
  return {
    ...common,
    label: known.label,
    selector: buildMetricSelector(known.metricKey, known.fixedAggregation?.metrics ?? kind, percentile),
    aggregate: entry.aggregate,
    unit: display.unit,
    conversion: display.conversion,
    timeseries: timeseriesQuery(known, V1_AGGREGATION[kind], percentile),
  };
}

function timeseriesQuery(
  known: CatalogMetric,
  aggregationType: TimeseriesAggregationType,
  percentile: number | undefined,
): TimeseriesQuery {
  const timeseriesId = `${BUILTIN_TIMESERIES_PREFIX}${known.timeseriesId}`;
  if (known.fixedAggregation !== undefined)
    return { timeseriesId, aggregationType: known.fixedAggregation.timeseries };
  return percentile === undefined
    ? { timeseriesId, aggregationType }
    : { timeseriesId, aggregationType, percentile };
}

function scaleFactorOf(entry: PerfSignatureEntry, comparison: Comparison): number {
  const metricId = entryMetricId(entry);
  const override = comparison.scaleFactorOverrides.find((candidate) => candidate.metricId === metricId);
  return override?.percent ?? comparison.defaultScaleFactor ?? 0;
}
