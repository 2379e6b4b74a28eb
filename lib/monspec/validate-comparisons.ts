import { appendJsonPath } from './append-json-path';
import { describeJsonValue } from './describe-json-value';
import { type IssueCollector } from './issue-collector';
import { isCommentKey, isJsonObject, ownValue, type JsonObject } from './json-object';
import { BUILTIN_TIMESERIES_PREFIX } from './metric-catalog';
import {
  MISSING_DATA_POLICIES,
  type Comparison,
  type MonspecEnvironment,
  type PerfSignatureEntry,
  type ScaleFactorOverride,
} from './monspec';
import { readChoice, readNumber, readString, REQUIRED } from './read-field';
import { suggestClosest } from './suggest-closest';
import { warnUnknownKeys } from './warn-unknown-keys';

const COMPARISON_KEYS = [
  'name',
  'source',
  'compare',
  'scalefactorperc',
  'shiftsourcetimeframe',
  'shiftcomparetimeframe',
  'onmissingsource',
  'onmissingcompare',
] as const;
const SCALE_FACTOR = { minimum: -100, exclusive: true } as const;
const SHIFT = { minimum: 0, exclusive: false } as const;
const EXPECTED_SCALE_FACTOR = 'a percentage greater than -100 (e.g. 15 allows 15 % above the baseline)';
const EXPECTED_SHIFT = 'a non-negative number of seconds (e.g. 86400 for the same window a day earlier)';

/** What the comparisons are checked against; `undefined` parts failed their own validation. */
export interface ComparisonContext {
  readonly environments: readonly MonspecEnvironment[] | undefined;
  readonly perfsignature: readonly PerfSignatureEntry[] | undefined;
}

/**
 * Validates the optional `comparisons` list: unique names, environments that exist, scale factors that
 * match perfsignature entries, shifts in seconds and missing-data policies. A definition without
 * comparisons is valid: the deployment-event task only needs its environments.
 */
export function validateComparisons(
  issues: IssueCollector,
  definition: JsonObject,
  definitionPath: string,
  context: ComparisonContext,
): Comparison[] | undefined {
  const path = appendJsonPath(definitionPath, 'comparisons');
  const value = ownValue(definition, 'comparisons');
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    issues.error(
      path,
      `expected a list of comparisons like {"name", "source", "compare"}, found ${describeJsonValue(value)}`,
    );
    return undefined;
  }
  const comparisons: Comparison[] = [];
  const names = new Map<string, string>();
  let usable = true;
  value.forEach((item: unknown, index) => {
    const comparisonPath = appendJsonPath(path, index);
    const comparison = validateComparison(issues, item, comparisonPath, context);
    if (comparison === undefined) {
      usable = false;
      return;
    }
    const first = names.get(comparison.name);
    if (first !== undefined) {
      issues.error(
        appendJsonPath(comparisonPath, 'name'),
        `expected a unique comparison name, found ${JSON.stringify(comparison.name)} again (first used by ${first})`,
      );
      usable = false;
      return;
    }
    names.set(comparison.name, comparisonPath);
    comparisons.push(comparison);
  });
  return usable ? comparisons : undefined;
}

function validateComparison(
  issues: IssueCollector,
  value: unknown,
  path: string,
  context: ComparisonContext,
): Comparison | undefined {
  if (!isJsonObject(value)) {
    issues.error(
      path,
      `expected a comparison object {"name", "source", "compare", …}, found ${describeJsonValue(value)}`,
    );
    return undefined;
  }
  warnUnknownKeys(issues, value, path, COMPARISON_KEYS);
  const errorsBefore = issues.errors.length;
  const at = (key: string) => ({ object: value, path, key });
  const name = readString(issues, at('name'), 'the comparison name, a non-empty string', REQUIRED);
  const source = readEnvironmentName(issues, value, path, 'source', context.environments);
  const compare = readEnvironmentName(issues, value, path, 'compare', context.environments);
  const scaleFactors = readScaleFactors(issues, value, path, context.perfsignature);
  const shiftSource = readNumber(issues, at('shiftsourcetimeframe'), EXPECTED_SHIFT, SHIFT);
  const shiftCompare = readNumber(issues, at('shiftcomparetimeframe'), EXPECTED_SHIFT, SHIFT);
  const onMissingSource = readChoice(issues, at('onmissingsource'), MISSING_DATA_POLICIES);
  const onMissingCompare = readChoice(issues, at('onmissingcompare'), MISSING_DATA_POLICIES);
  if (
    issues.errors.length > errorsBefore ||
    name === undefined ||
    source === undefined ||
    compare === undefined ||
    scaleFactors === undefined
  ) {
    return undefined;
  }
  const shiftSourceSeconds = shiftSource ?? 0;
  const shiftCompareSeconds = shiftCompare ?? 0;
  if (source === compare && shiftSourceSeconds === shiftCompareSeconds) {
    issues.warning(
      path,
      `compares ${source} with itself over the same window, so every relative check passes trivially; ` +
        'set "shiftcomparetimeframe" to compare against an earlier window',
    );
  }
  return {
    name,
    path,
    source,
    compare,
    ...scaleFactors,
    shiftSourceSeconds,
    shiftCompareSeconds,
    ...(onMissingSource === undefined ? {} : { onMissingSource }),
    ...(onMissingCompare === undefined ? {} : { onMissingCompare }),
  };
}

function readEnvironmentName(
  issues: IssueCollector,
  comparison: JsonObject,
  path: string,
  key: 'source' | 'compare',
  environments: readonly MonspecEnvironment[] | undefined,
): string | undefined {
  const role = key === 'source' ? 'the environment being checked' : 'the baseline environment';
  const name = readString(issues, { object: comparison, path, key }, `the name of ${role}`, REQUIRED);
  // Without usable environments the names cannot be checked, and the environments already have errors.
  if (name === undefined || environments === undefined) return name;
  const defined = environments.map((environment) => environment.name);
  if (defined.includes(name)) return name;
  const suggestion = suggestClosest(name, defined);
  const hint = suggestion === undefined ? '' : `; did you mean "${suggestion}"?`;
  issues.error(
    appendJsonPath(path, key),
    `environment ${JSON.stringify(name)} is not defined; defined: ${defined.join(', ')}${hint}`,
  );
  return undefined;
}

type ScaleFactors = Pick<Comparison, 'defaultScaleFactor' | 'scaleFactorOverrides'>;

function readScaleFactors(
  issues: IssueCollector,
  comparison: JsonObject,
  comparisonPath: string,
  perfsignature: readonly PerfSignatureEntry[] | undefined,
): ScaleFactors | undefined {
  const path = appendJsonPath(comparisonPath, 'scalefactorperc');
  const value = ownValue(comparison, 'scalefactorperc');
  if (value === undefined) return { scaleFactorOverrides: [] };
  if (!isJsonObject(value)) {
    issues.error(
      path,
      `expected an object like {"default": 15, "service.requestspermin": 90}, found ${describeJsonValue(value)}`,
    );
    return undefined;
  }
  const entryIds = perfsignature?.map(entryMetricId);
  const overrides: ScaleFactorOverride[] = [];
  let defaultScaleFactor: number | undefined;
  let valid = true;
  for (const key of Object.keys(value)) {
    if (isCommentKey(key)) continue;
    const percent = readNumber(issues, { object: value, path, key }, EXPECTED_SCALE_FACTOR, SCALE_FACTOR);
    const keyPath = appendJsonPath(path, key);
    if (percent === undefined) {
      valid = false;
      continue;
    }
    if (percent < 0) {
      issues.warning(
        keyPath,
        `a negative scale factor (${percent}) tightens the threshold: upper checks then require the source ` +
          'to stay below the baseline, lower checks to stay above it',
      );
    }
    if (key === 'default') {
      defaultScaleFactor = percent;
      continue;
    }
    const metricId = normaliseMetricId(key);
    const twin = overrides.find((override) => override.metricId === metricId);
    if (twin !== undefined) {
      issues.error(
        keyPath,
        `expected one scale factor per metric, found a second one for ${JSON.stringify(twin.key)}`,
      );
      valid = false;
      continue;
    }
    if (entryIds !== undefined && !entryIds.includes(metricId)) {
      const suggestion = suggestClosest(metricId, entryIds);
      const hint =
        suggestion === undefined
          ? `perfsignature metrics: ${entryIds.join(', ')}`
          : `did you mean "${suggestion}"?`;
      issues.warning(keyPath, `matches no perfsignature entry and is ignored; ${hint}`);
    }
    overrides.push({ key, metricId, percent });
  }
  if (!valid) return undefined;
  return defaultScaleFactor === undefined
    ? { scaleFactorOverrides: overrides }
    : { defaultScaleFactor, scaleFactorOverrides: overrides };
}

/**
 * The id a perfsignature entry is matched by in `scalefactorperc`: the timeseries id without its
 * built-in prefix, or the metric key/selector as written.
 */
export function entryMetricId(entry: PerfSignatureEntry): string {
  return entry.metric.kind === 'timeseries' ? entry.metric.id : entry.metric.written;
}

function normaliseMetricId(key: string): string {
  return key.startsWith(BUILTIN_TIMESERIES_PREFIX) ? key.slice(BUILTIN_TIMESERIES_PREFIX.length) : key;
}
