import { appendJsonPath } from './append-json-path';
import { describeJsonValue } from './describe-json-value';
import { type IssueCollector } from './issue-collector';
import { isJsonObject, ownValue, type JsonObject } from './json-object';
import { BUILTIN_TIMESERIES_PREFIX, findMetricKey, findTimeseries, METRIC_CATALOG } from './metric-catalog';
import { type Aggregate, type MetricReference, type PerfSignatureEntry } from './monspec';
import { AGGREGATE_SYNTAX, aggregateKind, parseAggregate, type AggregateKind } from './parse-aggregate';
import { parseLimit } from './parse-limit';
import { readChoice, readString, REQUIRED, reportMissing } from './read-field';
import { suggestClosest } from './suggest-closest';
import { warnUnknownKeys } from './warn-unknown-keys';

const ENTRY_KEYS = [
  'timeseries',
  'metric',
  'smartscape',
  'aggregate',
  'validate',
  'upperlimit',
  'lowerlimit',
] as const;
const VALIDATE_CHOICES = ['upper', 'lower'] as const;
const KNOWN_TIMESERIES = METRIC_CATALOG.map((metric) => metric.timeseriesId);

/**
 * Validates `perfsignature` of an entity definition: a non-empty list of metrics, each named by exactly
 * one of `timeseries` or `metric`, with an aggregation the metric can produce and optional static limits.
 * Returns `undefined` when any entry is unusable.
 */
export function validatePerfSignature(
  issues: IssueCollector,
  definition: JsonObject,
  definitionPath: string,
): PerfSignatureEntry[] | undefined {
  const path = appendJsonPath(definitionPath, 'perfsignature');
  const value = ownValue(definition, 'perfsignature');
  const expected =
    'a non-empty list of metrics like {"timeseries": "service.responsetime", "aggregate": "avg"}';
  if (value === undefined) {
    reportMissing(issues, { object: definition, path: definitionPath, key: 'perfsignature' }, expected);
    return undefined;
  }
  if (!Array.isArray(value) || value.length === 0) {
    issues.error(path, `expected ${expected}, found ${describeJsonValue(value)}`);
    return undefined;
  }
  const entries: PerfSignatureEntry[] = [];
  const seen = new Map<string, string>();
  let usable = true;
  value.forEach((item: unknown, index) => {
    const relativePath = appendJsonPath('perfsignature', index);
    const entry = validateEntry(issues, item, appendJsonPath(path, index), relativePath);
    if (entry === undefined) {
      usable = false;
      return;
    }
    const identity = entryIdentity(entry);
    const first = seen.get(identity);
    if (first === undefined) seen.set(identity, relativePath);
    else issues.warning(appendJsonPath(path, index), `duplicates ${first}; the same check would run twice`);
    entries.push(entry);
  });
  return usable ? entries : undefined;
}

function validateEntry(
  issues: IssueCollector,
  value: unknown,
  path: string,
  relativePath: string,
): PerfSignatureEntry | undefined {
  if (!isJsonObject(value)) {
    issues.error(
      path,
      `expected a metric object like {"timeseries": "service.responsetime"}, found ${describeJsonValue(value)}`,
    );
    return undefined;
  }
  warnUnknownKeys(issues, value, path, ENTRY_KEYS);
  const errorsBefore = issues.errors.length;
  const metric = readMetricReference(issues, value, path);
  const aggregate = readAggregate(issues, value, path, metric);
  const validate = readChoice(issues, { object: value, path, key: 'validate' }, VALIDATE_CHOICES);
  const upperLimit = readLimit(issues, value, path, 'upperlimit');
  const lowerLimit = readLimit(issues, value, path, 'lowerlimit');
  if (upperLimit !== undefined && lowerLimit !== undefined && lowerLimit > upperLimit) {
    issues.error(
      appendJsonPath(path, 'lowerlimit'),
      `expected a lower limit no greater than upperlimit ${upperLimit}, found ${lowerLimit}; no value could pass`,
    );
  }
  if (issues.errors.length > errorsBefore || metric === undefined || aggregate === undefined)
    return undefined;
  return {
    path: relativePath,
    metric,
    aggregate,
    validate: validate ?? 'upper',
    ...(upperLimit === undefined ? {} : { upperLimit }),
    ...(lowerLimit === undefined ? {} : { lowerLimit }),
  };
}

function readMetricReference(
  issues: IssueCollector,
  entry: JsonObject,
  path: string,
): MetricReference | undefined {
  const smartscape = ownValue(entry, 'smartscape');
  if (smartscape !== undefined) {
    const example = typeof smartscape === 'string' ? ` such as ${JSON.stringify(smartscape)}` : '';
    issues.error(
      appendJsonPath(path, 'smartscape'),
      `smartscape entries are not supported: a relationship count${example} is not a metric the ` +
        'Metrics API can merge over an environment; remove the entry',
    );
  }
  const hasTimeseries = ownValue(entry, 'timeseries') !== undefined;
  const hasMetric = ownValue(entry, 'metric') !== undefined;
  if (hasTimeseries && hasMetric) {
    issues.error(path, 'expected exactly one of "timeseries" or "metric", found both');
    return undefined;
  }
  if (hasTimeseries) return readTimeseries(issues, entry, path);
  if (hasMetric) return readMetric(issues, entry, path);
  if (smartscape === undefined) {
    issues.error(
      path,
      'expected "timeseries" (a v1 id such as "com.dynatrace.builtin:service.responsetime") or ' +
        '"metric" (a Metrics v2 key such as "builtin:service.response.time", or a full metric selector)',
    );
  }
  return undefined;
}

function readTimeseries(
  issues: IssueCollector,
  entry: JsonObject,
  path: string,
): MetricReference | undefined {
  const written = readString(
    issues,
    { object: entry, path, key: 'timeseries' },
    'a v1 timeseries id',
    REQUIRED,
  );
  if (written === undefined) return undefined;
  const id = written.startsWith(BUILTIN_TIMESERIES_PREFIX)
    ? written.slice(BUILTIN_TIMESERIES_PREFIX.length)
    : written;
  if (findTimeseries(id) !== undefined) return { kind: 'timeseries', written, id };
  const suggestion = suggestClosest(id, KNOWN_TIMESERIES);
  const hint = suggestion === undefined ? '' : ` Did you mean "${suggestion}"?`;
  issues.error(
    appendJsonPath(path, 'timeseries'),
    `unknown timeseries ${JSON.stringify(written)}; known: ${KNOWN_TIMESERIES.join(', ')} ` +
      `(with or without the "${BUILTIN_TIMESERIES_PREFIX}" prefix). For any other metric use "metric" ` +
      `with a Metrics v2 key or selector, e.g. "builtin:host.cpu.usage".${hint}`,
  );
  return undefined;
}

function readMetric(issues: IssueCollector, entry: JsonObject, path: string): MetricReference | undefined {
  const written = readString(
    issues,
    { object: entry, path, key: 'metric' },
    'a Metrics v2 key or selector',
    REQUIRED,
  );
  if (written === undefined) return undefined;
  // A parenthesis only occurs in transformations, so its presence marks a complete selector.
  if (written.includes('(')) return { kind: 'selector', written, selector: written.trim() };
  if (/\s/.test(written)) {
    issues.error(
      appendJsonPath(path, 'metric'),
      `expected a Metrics v2 key without whitespace (e.g. "builtin:service.response.time"), found ${JSON.stringify(written)}`,
    );
    return undefined;
  }
  return { kind: 'metric', written, key: written };
}

function readAggregate(
  issues: IssueCollector,
  entry: JsonObject,
  path: string,
  metric: MetricReference | undefined,
): Aggregate | undefined {
  const aggregatePath = appendJsonPath(path, 'aggregate');
  const value = ownValue(entry, 'aggregate');
  if (metric?.kind === 'selector') {
    if (value !== undefined) {
      issues.warning(
        aggregatePath,
        'is ignored for a full metric selector; the aggregation in the selector applies',
      );
    }
    return 'avg';
  }
  let aggregate: Aggregate = 'avg';
  if (value !== undefined) {
    const parsed = typeof value === 'string' ? parseAggregate(value) : undefined;
    if (parsed === undefined) {
      const suggestion =
        typeof value === 'string'
          ? suggestClosest(value, ['avg', 'min', 'max', 'sum', 'count', 'median'])
          : undefined;
      const hint = suggestion === undefined ? '' : `; did you mean "${suggestion}"?`;
      issues.error(aggregatePath, `expected ${AGGREGATE_SYNTAX}, found ${describeJsonValue(value)}${hint}`);
      return undefined;
    }
    aggregate = parsed;
  }
  const allowed = allowedAggregates(metric);
  if (allowed === undefined || allowed.kinds.includes(aggregateKind(aggregate))) return aggregate;
  const list = allowed.kinds.map((kind) => (kind === 'percentile' ? 'pNN' : kind)).join(', ');
  const subject =
    value === undefined ? `the default aggregate "avg"` : `aggregate ${JSON.stringify(aggregate)}`;
  issues.error(aggregatePath, `${subject} is not available for ${allowed.name}; expected one of: ${list}`);
  return undefined;
}

function allowedAggregates(
  metric: MetricReference | undefined,
): { readonly name: string; readonly kinds: readonly AggregateKind[] } | undefined {
  if (metric === undefined || metric.kind === 'selector') return undefined;
  const known = metric.kind === 'timeseries' ? findTimeseries(metric.id) : findMetricKey(metric.key);
  return known === undefined ? undefined : { name: metric.written, kinds: known.aggregates };
}

function readLimit(
  issues: IssueCollector,
  entry: JsonObject,
  path: string,
  key: 'upperlimit' | 'lowerlimit',
): number | undefined {
  const value = ownValue(entry, key);
  if (value === undefined) return undefined;
  const limit = parseLimit(value);
  if (limit !== undefined) return limit;
  issues.error(
    appendJsonPath(path, key),
    `expected a number or a numeric string (e.g. 100 or "100"), found ${describeJsonValue(value)}`,
  );
  return undefined;
}

function entryIdentity(entry: PerfSignatureEntry): string {
  const metric = entry.metric.kind === 'timeseries' ? entry.metric.id : entry.metric.written;
  return JSON.stringify([metric, entry.aggregate, entry.validate, entry.upperLimit, entry.lowerLimit]);
}
