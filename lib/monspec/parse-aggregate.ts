import { type Aggregate } from './monspec';

/** The aggregation families a metric may allow; every `pNN` is a `percentile`. */
export type AggregateKind = 'avg' | 'min' | 'max' | 'sum' | 'count' | 'median' | 'percentile';

/** How the accepted spellings are described in error messages and the schema. */
export const AGGREGATE_SYNTAX =
  'avg, min, max, sum, count, median or pNN (a percentile, 0 < NN < 100, e.g. p90)';

const SIMPLE_AGGREGATES: readonly string[] = ['avg', 'min', 'max', 'sum', 'count', 'median'];
const PERCENTILE = /^p(\d+(?:\.\d+)?)$/;

/** Parses an `aggregate` value; `undefined` when it is not one of {@link AGGREGATE_SYNTAX}. */
export function parseAggregate(text: string): Aggregate | undefined {
  if (SIMPLE_AGGREGATES.includes(text)) return text as Aggregate;
  const match = PERCENTILE.exec(text);
  if (match?.[1] === undefined) return undefined;
  const percentile = Number(match[1]);
  return percentile > 0 && percentile < 100 ? (text as Aggregate) : undefined;
}

/** The family of a parsed aggregate. */
export function aggregateKind(aggregate: Aggregate): AggregateKind {
  return aggregate.startsWith('p') ? 'percentile' : (aggregate as AggregateKind);
}

/** The percentile of a `pNN` aggregate (`p99.9` → 99.9), else `undefined`. */
export function percentileOf(aggregate: Aggregate): number | undefined {
  return aggregate.startsWith('p') ? Number(aggregate.slice(1)) : undefined;
}
