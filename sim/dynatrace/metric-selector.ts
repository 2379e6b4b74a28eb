import { AGGREGATIONS, type Aggregation } from './metric-catalog';
import { type Statistic } from './metric-statistics';
import {
  type Criterion,
  SelectorSyntaxError,
  criterionValues,
  parseCriteria,
  readQuoted,
  singleValue,
} from './selector-criteria';

/** A transformation the simulator evaluates. */
export type Transformation =
  | { readonly kind: 'aggregation'; readonly statistic: Statistic }
  | { readonly kind: 'splitBy'; readonly dimensions: readonly string[] }
  | { readonly kind: 'fold'; readonly statistic?: Statistic }
  | { readonly kind: 'names' };

/** One metric selector: the metric key and its transformation chain, left to right. */
export interface MetricSelector {
  /** The selector exactly as requested (trimmed); echoed as `metricId`. */
  readonly text: string;
  readonly key: string;
  readonly transformations: readonly Transformation[];
}

/** Real transformations the simulator does not evaluate; they are rejected with a 400 naming them. */
const UNSUPPORTED = new Set([
  'asGauge',
  'default',
  'delta',
  'evaluateModel',
  'filter',
  'histogram',
  'last',
  'lastReal',
  'limit',
  'merge',
  'parents',
  'partition',
  'rate',
  'rollup',
  'setUnit',
  'smooth',
  'sort',
  'timeshift',
  'toUnit',
]);

const SUPPORTED = new Set<string>([...AGGREGATIONS, 'splitBy', 'fold', 'names']);

/** Splits a `metricSelector` parameter into its top-level selectors (commas inside `()` or quotes do not split). */
export function splitMetricSelectors(text: string): string[] {
  return splitTopLevel(text, ',').map((part) => part.trim());
}

/**
 * Parses one metric selector such as `builtin:service.response.time:splitBy():percentile(90)` or
 * `"builtin:service.errors.total.rate":fold(avg)`. Supported transformations: `splitBy(…)`, the
 * aggregations `auto avg count max median min percentile(N) sum value`, `fold` / `fold(agg)` and `names`.
 * Throws {@link SelectorSyntaxError} for malformed selectors and unsupported transformations.
 */
export function parseMetricSelector(text: string): MetricSelector {
  const trimmed = text.trim();
  if (trimmed === '') throw new SelectorSyntaxError('empty metric selector');
  const segments = splitTopLevel(trimmed, ':').map((segment) => segment.trim());
  let key: string;
  let rest: string[];
  const [first = '', second] = segments;
  if (first.startsWith('"')) {
    const { value, next } = readQuoted(first, 0);
    if (next !== first.length)
      throw new SelectorSyntaxError(
        `unexpected text after the quoted metric key in ${JSON.stringify(trimmed)}`,
      );
    key = value;
    rest = segments.slice(1);
  } else if (
    second !== undefined &&
    /^[A-Za-z][\w-]*$/.test(first) &&
    !SUPPORTED.has(transformationName(second)) &&
    !UNSUPPORTED.has(transformationName(second))
  ) {
    key = `${first}:${second}`;
    rest = segments.slice(2);
  } else {
    key = first;
    rest = segments.slice(1);
  }
  // Quoting exists for keys with special characters, so only bare keys are checked.
  if (!first.startsWith('"') && !/^[\w.:-]+$/.test(key)) {
    throw new SelectorSyntaxError(
      `invalid metric key ${JSON.stringify(key)}; quote keys with special characters`,
    );
  }
  return { text: trimmed, key, transformations: rest.map((segment) => parseTransformation(segment)) };
}

function transformationName(segment: string): string {
  return /^[A-Za-z]*/.exec(segment)?.[0] ?? '';
}

function parseTransformation(segment: string): Transformation {
  if (segment === '') throw new SelectorSyntaxError('empty transformation (two colons in a row?)');
  const criterion: Criterion = /^[A-Za-z]+$/.test(segment)
    ? { name: segment, args: [] }
    : parseSingle(segment);
  const name = criterion.name;
  if (UNSUPPORTED.has(name)) {
    throw new SelectorSyntaxError(
      `the :${name} transformation is not supported by the simulator (supported: splitBy, fold, names and the aggregations ${AGGREGATIONS.join(', ')})`,
    );
  }
  if (name === 'splitBy') return { kind: 'splitBy', dimensions: criterionValues(criterion) };
  if (name === 'names') return expectNoArguments(criterion, { kind: 'names' });
  if (name === 'fold') {
    const [argument] = criterion.args;
    if (criterion.args.length > 1) throw new SelectorSyntaxError('fold takes at most one aggregation');
    if (argument === undefined) return { kind: 'fold' };
    const inner: Criterion =
      argument.kind === 'criterion' ? argument.criterion : { name: argument.value, args: [] };
    return { kind: 'fold', statistic: toStatistic(inner) };
  }
  if (isAggregation(name)) return { kind: 'aggregation', statistic: toStatistic(criterion) };
  throw new SelectorSyntaxError(`unknown transformation :${name}`);
}

function parseSingle(segment: string): Criterion {
  const criteria = parseCriteria(segment);
  const [criterion] = criteria;
  if (criteria.length !== 1 || criterion === undefined) {
    throw new SelectorSyntaxError(`malformed transformation ${JSON.stringify(segment)}`);
  }
  return criterion;
}

function toStatistic(criterion: Criterion): Statistic {
  const name = criterion.name;
  if (!isAggregation(name)) {
    throw new SelectorSyntaxError(
      `unknown aggregation ${JSON.stringify(name)}; expected one of ${AGGREGATIONS.join(', ')}`,
    );
  }
  if (name !== 'percentile') return expectNoArguments(criterion, { aggregation: name });
  const text = singleValue(criterion);
  const percentile = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || percentile < 0 || percentile > 100) {
    throw new SelectorSyntaxError(`percentile(N) needs N between 0 and 100, found ${JSON.stringify(text)}`);
  }
  return { aggregation: 'percentile', percentile };
}

function expectNoArguments<T>(criterion: Criterion, result: T): T {
  if (criterion.args.length > 0) throw new SelectorSyntaxError(`:${criterion.name} takes no arguments`);
  return result;
}

function isAggregation(name: string): name is Aggregation {
  return (AGGREGATIONS as readonly string[]).includes(name);
}

/** Splits on `separator` outside quotes and parentheses. */
function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index] ?? '';
    if (char === '"') {
      const { next } = readQuoted(text, index);
      current += text.slice(index, next);
      index = next - 1;
      continue;
    }
    if (char === '(') depth += 1;
    if (char === ')') {
      depth -= 1;
      if (depth < 0) throw new SelectorSyntaxError(`unbalanced ")" at position ${index + 1}`);
    }
    if (char === separator && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  if (depth !== 0) throw new SelectorSyntaxError('unbalanced "(": a transformation is not closed');
  parts.push(current);
  return parts;
}
