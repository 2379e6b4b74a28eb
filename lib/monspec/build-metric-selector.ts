import { type AggregateKind } from './parse-aggregate';

/**
 * Builds the Metrics v2 selector that merges a metric over all entities of the environment and applies
 * one aggregation: `builtin:service.response.time:splitBy():percentile(90)`. Keys with characters outside
 * the plain key alphabet are quoted, with `~` escaping `~` and `"` inside the quotes.
 */
export function buildMetricSelector(metricKey: string, kind: AggregateKind, percentile?: number): string {
  const aggregation = kind === 'percentile' ? `percentile(${String(percentile)})` : kind;
  return `${quoteMetricKey(metricKey)}:splitBy():${aggregation}`;
}

function quoteMetricKey(key: string): string {
  return /^[A-Za-z0-9_.:-]+$/.test(key) ? key : `"${key.replace(/[~"]/g, (char) => `~${char}`)}"`;
}
