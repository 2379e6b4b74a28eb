import { type Aggregation, type MetricDefinition } from './metric-catalog';
import { type MinuteSample } from './scenario';

/** An aggregation with its parameter (the N of `percentile(N)`). */
export interface Statistic {
  readonly aggregation: Aggregation;
  readonly percentile?: number;
}

/** One entity's sample for one minute, as it enters a time slot. */
export interface MinuteContribution {
  readonly minuteStart: number;
  readonly sample: MinuteSample;
}

/**
 * THE aggregation semantics of the simulator — every Metrics v2 and v1 timeseries value is computed here,
 * from the minute samples (of one entity, or of several merged entities) that fall into one time slot.
 *
 * `auto` means the metric's default aggregation; `value` means `avg` for durations and rates.
 *
 * Durations (response time, µs): each representative duration `d` of a minute weighs `requests / n`.
 * - avg: request-weighted mean `Σ w·d / Σ w`; sum: total time `Σ w·d`; count: number of requests;
 * - min / max: smallest / largest representative duration;
 * - median / percentile(N): weighted nearest rank — the smallest `d` whose cumulative weight reaches
 *   `N/100 · Σ w` (durations in ascending order).
 *
 * Rates (%): avg = `Σ numerator ÷ Σ requests × 100` over the slot; count = number of requests; min / max /
 * median / percentile / sum work on the per-minute rates (entities of the same minute pooled), unweighted.
 *
 * Counts: value / sum = total over the slot; avg / min / max / median / percentile work on the per-minute
 * totals (entities of the same minute added up), unweighted; count = number of minutes with data. So with
 * `resolution=Inf`, `:avg` of a request count is the mean number of requests per minute.
 *
 * A slot without samples, or whose statistic has no defined value (a rate or a duration without
 * requests), is `null`.
 */
export function computeStatistic(
  metric: MetricDefinition,
  statistic: Statistic,
  minutes: readonly MinuteContribution[],
): number | null {
  if (minutes.length === 0) return null;
  const aggregation = effectiveAggregation(metric, statistic.aggregation);
  const measure = metric.measure;
  switch (measure.kind) {
    case 'duration':
      return durationStatistic(aggregation, statistic.percentile, minutes);
    case 'rate': {
      const requests = sum(minutes.map(({ sample }) => sample.requests));
      if (aggregation === 'count') return requests;
      if (aggregation === 'avg') {
        return requests === 0
          ? null
          : (sum(minutes.map(({ sample }) => measure.numerator(sample))) / requests) * 100;
      }
      const perMinute = groupByMinute(minutes)
        .map((group) => {
          const groupRequests = sum(group.map(({ sample }) => sample.requests));
          return groupRequests === 0
            ? null
            : (sum(group.map(({ sample }) => measure.numerator(sample))) / groupRequests) * 100;
        })
        .filter((value): value is number => value !== null);
      return aggregateValues(aggregation, statistic.percentile, perMinute);
    }
    case 'count': {
      const perMinute = groupByMinute(minutes).map((group) =>
        sum(group.map(({ sample }) => measure.count(sample))),
      );
      if (aggregation === 'sum') return sum(perMinute);
      return aggregateValues(aggregation, statistic.percentile, perMinute);
    }
  }
}

/**
 * Collapses already computed slot values into one (the `:fold(agg)` transformation): avg / min / max / sum /
 * median / percentile of the non-null values, count = how many there are; `null` when there are none.
 */
export function aggregateValues(
  aggregation: Exclude<Aggregation, 'auto' | 'value'>,
  percentile: number | undefined,
  values: readonly number[],
): number | null {
  if (aggregation === 'count') return values.length;
  if (values.length === 0) return null;
  switch (aggregation) {
    case 'avg':
      return sum(values) / values.length;
    case 'sum':
      return sum(values);
    case 'min':
      return Math.min(...values);
    case 'max':
      return Math.max(...values);
    case 'median':
      return nearestRank(
        values.map((value) => ({ value, weight: 1 })),
        50,
      );
    case 'percentile':
      return nearestRank(
        values.map((value) => ({ value, weight: 1 })),
        percentile ?? 50,
      );
  }
}

/** Resolves `auto` and `value` to what they mean for `metric`. */
export function effectiveAggregation(
  metric: MetricDefinition,
  aggregation: Aggregation,
): Exclude<Aggregation, 'auto' | 'value'> {
  const resolved = aggregation === 'auto' ? metric.defaultAggregation : aggregation;
  if (resolved === 'value') return metric.measure.kind === 'count' ? 'sum' : 'avg';
  return resolved;
}

function durationStatistic(
  aggregation: Exclude<Aggregation, 'auto' | 'value'>,
  percentile: number | undefined,
  minutes: readonly MinuteContribution[],
): number | null {
  if (aggregation === 'count') return sum(minutes.map(({ sample }) => sample.requests));
  const points = minutes.flatMap(({ sample }) =>
    sample.responseTimesMicros.map((value) => ({
      value,
      weight: sample.requests / sample.responseTimesMicros.length,
    })),
  );
  if (points.length === 0) return null;
  switch (aggregation) {
    case 'avg':
      return (
        sum(points.map((point) => point.value * point.weight)) / sum(points.map((point) => point.weight))
      );
    case 'sum':
      return sum(points.map((point) => point.value * point.weight));
    case 'min':
      return Math.min(...points.map((point) => point.value));
    case 'max':
      return Math.max(...points.map((point) => point.value));
    case 'median':
      return nearestRank(points, 50);
    case 'percentile':
      return nearestRank(points, percentile ?? 50);
  }
}

function nearestRank(
  points: readonly { value: number; weight: number }[],
  percentile: number,
): number | null {
  const sorted = [...points].sort((left, right) => left.value - right.value);
  const target = (percentile / 100) * sum(sorted.map((point) => point.weight));
  let cumulative = 0;
  for (const point of sorted) {
    cumulative += point.weight;
    if (cumulative >= target) return point.value;
  }
  return sorted[sorted.length - 1]?.value ?? null;
}

function groupByMinute(minutes: readonly MinuteContribution[]): MinuteContribution[][] {
  const groups = new Map<number, MinuteContribution[]>();
  for (const minute of minutes) {
    const group = groups.get(minute.minuteStart) ?? [];
    group.push(minute);
    groups.set(minute.minuteStart, group);
  }
  return [...groups.values()];
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
